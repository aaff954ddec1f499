import { lazy, Suspense } from "react";
import type { PlannedFile } from "../../../../shared/contract/verify.js";
import { useAppStore } from "../../store/useAppStore.js";
import { FindingsList } from "./FindingsList.js";

// CodeMirror is most of the UI's JavaScript and only the review needs it: its own chunk, fetched on first use.
const MergeDiff = lazy(() => import("./MergeDiff.js").then((m) => ({ default: m.MergeDiff })));

const LABEL = { create: "new file", modify: "modified", delete: "deleted", none: "unchanged" } as const;

/** One planned file: approve/confirm ticks, reasons and flags, findings, and the diff. */
export function FileReview({ file }: { file: PlannedFile }): React.JSX.Element {
  const approved = useAppStore((s) => !!s.verifyApprovals[file.path]);
  const confirmed = useAppStore((s) => !!s.verifyProtectedOk[file.path]);
  const setApproval = useAppStore((s) => s.setVerifyApproval);
  const setProtectedOk = useAppStore((s) => s.setVerifyProtectedOk);
  const writable = file.status !== "rejected" && file.action !== "none";
  return (
    <div className={`card cc-file cc-file-${file.status}`} data-testid="verify-file" data-path={file.path}>
      <div className="row">
        <label className="row">
          <input type="checkbox" disabled={!writable} checked={writable && approved} onChange={(e) => setApproval(file.path, e.target.checked)} data-testid="verify-approve" />
          <strong>{file.path}</strong>
          {file.format ? <span className="muted" data-testid="verify-format">{file.format}</span> : null}
        </label>
        {file.status !== "rejected" ? <span className="muted">{LABEL[file.action]}</span> : null}
        {file.status !== "ok" ? <span className={`cc-tag cc-tag-${file.status}`}>{file.status}</span> : null}
      </div>
      {file.reasons.map((r) => (
        <div key={r} className="cc-reason">{r}</div>
      ))}
      {file.flags.map((f) => (
        <div key={f} className="cc-flag">⚠ {f}</div>
      ))}
      {file.status === "protected" && writable ? (
        <label className="row cc-confirm">
          <input type="checkbox" checked={confirmed} onChange={(e) => setProtectedOk(file.path, e.target.checked)} data-testid="verify-confirm-protected" />I understand this path is protected and still want it written
        </label>
      ) : null}
      <FindingsList findings={file.findings} />
      {writable ? (
        <Suspense fallback={<div className="muted">loading the diff…</div>}>
          <MergeDiff oldText={file.oldText} newText={file.newText} findings={file.findings} />
        </Suspense>
      ) : null}
    </div>
  );
}
