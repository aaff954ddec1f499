import { useState } from "react";
import type { GeneratedPrompt } from "../../../../shared/contract/ensemble.js";
import { copyPromptText, savePromptFile } from "./ensembleActions.js";

/** The generated Cursor prompt with its budget report, Copy and Save-as-file actions. */
export function PromptPanel({ prompt, runId }: { prompt: GeneratedPrompt; runId: string }): React.JSX.Element {
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="card" data-testid="prompt">
      <div className="row">
        <h3 style={{ margin: 0 }}>Prompt for Cursor</h3>
        <span className="muted" data-testid="prompt-budget">
          {prompt.tokens}/{prompt.budget} tokens ({prompt.tokenizer}){prompt.fallback ? " · fallback template" : ""}
          {prompt.overBudget ? " · over budget" : ""}
        </span>
        <span className="spacer" />
        <button className="primary" onClick={() => void copyPromptText(prompt.text)} data-testid="prompt-copy">
          Copy
        </button>
        <button onClick={() => void savePromptFile(prompt.text, runId).then(setSaved)} data-testid="prompt-save" title="Write the prompt to a Markdown file to open in your editor">
          Save as file
        </button>
      </div>
      {prompt.cut.length ? (
        <p className="muted" data-testid="prompt-cut">
          Trimmed to fit: {prompt.cut.map((c) => `${c.section} (${c.kept === "none" ? "removed" : "shortened"}, −${c.tokensRemoved} tokens)`).join(", ")}
        </p>
      ) : null}
      {saved ? <p className="muted">Saved to <code>{saved}</code></p> : null}
      <pre data-testid="prompt-text" style={{ whiteSpace: "pre-wrap", maxHeight: 480 }}>
        {prompt.text}
      </pre>
    </section>
  );
}
