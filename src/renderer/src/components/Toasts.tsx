import { useEffect } from "react";
import { useAppStore } from "../store/useAppStore.js";

/** In-app toasts; each fades after a few seconds, errors stay until dismissed. */
export function Toasts(): React.JSX.Element {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    const timers = toasts.filter((t) => t.level !== "error").map((t) => setTimeout(() => dismiss(t.id), 6000));
    return () => timers.forEach(clearTimeout);
  }, [toasts, dismiss]);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.level}`} data-testid="toast">
          <strong>{t.title}</strong>
          {t.message ? <div>{t.message}</div> : null}
          <button aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
