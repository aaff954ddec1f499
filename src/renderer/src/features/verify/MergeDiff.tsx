import { MergeView } from "@codemirror/merge";
import { EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { Finding } from "../../../../shared/contract/verify.js";

/** Line marks for findings on the new side: class by severity, message as tooltip. */
function findingMarks(findings: Finding[]): Extension {
  return EditorView.decorations.compute(["doc"], (state) => {
    const marks = findings
      .filter((f) => f.line >= 1 && f.line <= state.doc.lines)
      .sort((a, b) => a.line - b.line)
      .map((f) => Decoration.line({ attributes: { class: `cc-finding cc-finding-${f.severity}`, title: `${f.rule}: ${f.message}` } }).range(state.doc.line(f.line).from));
    return Decoration.set(marks, true);
  });
}

const readOnly: Extension = [EditorState.readOnly.of(true), EditorView.editable.of(false), lineNumbers(), EditorView.lineWrapping];

/**
 * Side-by-side diff of one file (CodeMirror merge view, bundled locally): old on the left, new on the right with
 * validation findings marked on their lines; unchanged stretches collapsed.
 */
export function MergeDiff({ oldText, newText, findings }: { oldText: string; newText: string; findings: Finding[] }): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new MergeView({
      a: { doc: oldText, extensions: readOnly },
      b: { doc: newText, extensions: [readOnly, findingMarks(findings)] },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [oldText, newText, findings]);
  return <div className="cc-merge" ref={host} data-testid="verify-merge" />;
}
