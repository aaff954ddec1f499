import { lazy, Suspense } from "react";
import type { ApplyResult, PlannedFile } from "../../../../shared/contract/verify.js";
import { useAppStore } from "../../store/useAppStore.js";
import { FindingsList } from "./FindingsList.js";

// CodeMirror is most of the UI's JavaScript and only the review needs it: its own chunk, fetched on first use.
const MergeDiff = lazy(() => import("./MergeDiff.js").then((m) => ({ default: m.MergeDiff })));

const LABEL = { create: "new file", modify: "modified", delete: "deleted", none: "unchanged" } as const;

/** What happened to this file when the plan was applied. */
function outcome(file: PlannedFile, result: ApplyResult): { label: string; tone: string } {
  if (result.written.includes(file.path)) return { label: "written", tone: "written" };
  const skipped = result.skipped.find((s) => s.path === file.path);
  return { label: skipped ? `skipped: ${skipped.reason}` : "not applied", tone: "skipped" };
}

/** Where a file's ticks live: the Verify panel's store by default; the loop keeps its own per candidate. */
export interface FileChoice {
  approved: boolean;
  confirmed: boolean;
  setApproval(path: string, approved: boolean): void;
  setProtectedOk(path: string, ok: boolean): void;
}

/** One planned file: approve/confirm ticks, reasons and flags, findings, and the diff; after Apply, its outcome. */
export function FileReview({ file, result, choice }: { file: PlannedFile; result?: ApplyResult | null; choice?: FileChoice }): React.JSX.Element {
  const storeApproved = useAppStore((s) => !!s.verifyApprovals[file.path]);
  const storeConfirmed = useAppStore((s) => !!s.verifyProtectedOk[file.path]);
  const storeSetApproval = useAppStore((s) => s.setVerifyApproval);
  const storeSetProtectedOk = useAppStore((s) => s.setVerifyProtectedOk);
  const approved = choice ? choice.approved : storeApproved;
  const confirmed = choice ? choice.confirmed : storeConfirmed;
  const setApproval = choice ? choice.setApproval : storeSetApproval;
  const setProtectedOk = choice ? choice.setProtectedOk : storeSetProtectedOk;
  const writable = file.status !== "rejected" && file.action !== "none";
  const done = result ? outcome(file, result) : null;
  return (
    <div className={`card cc-file cc-file-${file.status}`} data-testid="verify-file" data-path={file.path}>
      <div className="row">
        <label className="row">
          <input type="checkbox" disabled={!writable || !!done} checked={writable && approved} onChange={(e) => setApproval(file.path, e.target.checked)} data-testid="verify-approve" />
          <strong>{file.path}</strong>
          {file.format ? <span className="muted" data-testid="verify-format">{file.format}</span> : null}
        </label>
        {file.status !== "rejected" ? <span className="muted">{LABEL[file.action]}</span> : null}
        {file.status !== "ok" ? <span className={`cc-tag cc-tag-${file.status}`}>{file.status}</span> : null}
        {done ? (
          <span className={`cc-tag cc-tag-${done.tone}`} data-testid="verify-outcome">
            {done.label}
          </span>
        ) : null}
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
