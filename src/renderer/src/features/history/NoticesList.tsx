import { useEffect, useState } from "react";
import type { Notice } from "../../../../shared/contract/system.js";
import { call } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";

/** The notices raised since start (toasts fade; here they stay, newest first). */
export function NoticesList(): React.JSX.Element {
  const toasts = useAppStore((s) => s.toasts);
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    void call("system.notices", {}).then((r) => setNotices(r.notices.slice().reverse()));
  }, [toasts]);
  return (
    <>
      <h3>Notices</h3>
      {notices.length === 0 ? <p className="muted">No notices since start.</p> : null}
      <ul data-testid="history-notices">
        {notices.map((n, i) => (
          <li key={`${n.at}-${i}`} className={n.level === "error" ? "error-text" : undefined}>
            <span className="muted">{new Date(n.at).toLocaleTimeString()}</span> <strong>{n.title}</strong>
            {n.message ? ` — ${n.message}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
