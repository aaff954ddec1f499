import type { RepoMap } from "../../../shared/contract/project.js";
import type { ModelGateway } from "../../inference/types.js";
import { FAMILIES, languageLabel, styleLines } from "../rules/conventionFacts.js";
import { presentFamilies } from "../rules/ruleSections.js";
import { contextFiles, suggestGoal } from "./suggestGoal.js";

export interface ProposeOptions {
  /** state.md text, if any. */
  state?: string;
  template: string;
  /** The user's goal; empty lets the analysis (or a model) suggest one. */
  goal?: string;
  /** When given and it lists models, one of them suggests the goal. */
  models?: ModelGateway;
  signal?: AbortSignal;
  now?: Date;
}

const bullets = (items: readonly string[]): string => (items.length ? items.map((i) => `- ${i}`).join("\n") : "- (none)");

/** Fill `{{name}}` placeholders; unknown ones are left visible so template typos are noticed. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => values[key] ?? m);
}

/** The Risks section (bullets) and the last known test result, from state.md. */
function stateSummary(state: string | undefined): string {
  if (!state) return "- state.md not available.";
  const risks = state.match(/## Risks\n\n([\s\S]*?)(\n## |$)/)?.[1]?.trim();
  const last = state.match(/- Last known result: (.*)/)?.[1];
  return [last ? `- Last known test result: ${last}` : "", risks ?? ""].filter(Boolean).join("\n");
}

async function modelGoal(models: ModelGateway, map: RepoMap, state: string | undefined, signal?: AbortSignal): Promise<{ goal: string; model: string } | null> {
  const list = await models.listModels({ signal }).catch(() => []);
  const model = list.find((m) => m.status !== "unavailable");
  if (!model) return null;
  const res = await models.generate({
    modelId: model.id, signal, sampling: { temperature: 0.2, maxTokens: 120 }, budgets: { totalMs: 60_000 }, maxOutputBytes: 2000,
    messages: [
      { role: "system", content: "You propose the single most valuable next feature for a software project. Answer with one sentence, no preamble." },
      { role: "user", content: `Repository map:\n${map.mapText.slice(0, 6000)}\n\n${state ? `State:\n${state.slice(0, 3000)}\n\n` : ""}Next feature (one sentence):` },
    ],
  });
  const goal = res.text.trim().split("\n")[0]!.replace(/^["'`\-*\s]+|["'`\s]+$/g, "").slice(0, 300);
  return res.truncated || goal.length < 8 ? null : { goal, model: model.id };
}

/**
 * A short, structured next-feature prompt (goal, context files, constraints, acceptance, test command)
 * rendered through the user-editable template. Works from the analysis alone; with `models` it asks one
 * model for the goal and falls back to the analysis on any failure.
 */
export async function proposeNextFeature(map: RepoMap, options: ProposeOptions): Promise<{ text: string; usedModel?: string }> {
  const suggestion = suggestGoal(map);
  let goal = options.goal?.trim() || suggestion.goal;
  let rationale = options.goal?.trim() ? "Requested by the user." : suggestion.rationale;
  let usedModel: string | undefined;
  if (!options.goal?.trim() && options.models) {
    const m = await modelGoal(options.models, map, options.state, options.signal).catch(() => null);
    if (m) [goal, rationale, usedModel] = [m.goal, `Suggested by ${m.model} from the repository map and state.`, m.model];
  }
  const mentioned = map.files.filter((f) => goal.includes(f.path)).map((f) => f.path);
  const files = contextFiles(map, mentioned.length ? mentioned : suggestion.focus);
  const fileLines = files.map((p) => {
    const f = map.files.find((x) => x.path === p);
    const syms = [...new Set(f?.symbols.filter((s) => s.exported && !s.parent).map((s) => s.name))].slice(0, 4);
    return `\`${p}\`${syms.length ? ` — ${syms.join(", ")}` : ""}`;
  });
  const test = map.testCommands[0];
  const constraints = [
    ...presentFamilies(map).flatMap((fam) => styleLines(map, fam).slice(0, 2).map((l) => `${FAMILIES[fam]!.label}: ${l}`)),
    ...map.packageManagers.slice(0, 1).map((p) => `Use ${p.name} for dependencies; prefer libraries already in use.`),
    "Keep the change small and focused; do not reformat unrelated code.",
  ];
  const acceptance = [
    test ? `\`${test.command}\` passes${test.cwd !== "." ? ` (in \`${test.cwd}\`)` : ""}.` : "The change is verified by a reproducible check.",
    "New or changed behaviour is covered by a test that would fail without the change.",
    "No new warnings from the project's linters or type checker.",
  ];
  const langs = map.languages.filter((l) => /^(python|typescript|tsx|javascript|go|rust|java|c|cpp|csharp|ruby|php|kotlin|swift)$/.test(l.language)).slice(0, 4).map((l) => languageLabel(l.language));
  const libs = map.frameworks.filter((f) => !langs.includes(f.name)).slice(0, 6).map((f) => f.name);
  const stack = [langs.join(", "), libs.join(", ")].filter(Boolean).join(" · ");
  // The template's leading comment documents the placeholders; it is not part of the prompt.
  const template = options.template.replace(/^\s*<!--[\s\S]*?-->\s*/, "");
  const text = fillTemplate(template, {
    name: map.name, goal, rationale, context_files: bullets(fileLines), constraints: bullets(constraints), acceptance: bullets(acceptance),
    test_command: test?.command ?? "(no test command detected)", state_summary: stateSummary(options.state), stack: stack || "(unknown)",
    generated_at: (options.now ?? new Date()).toISOString(),
  });
  return { text, ...(usedModel ? { usedModel } : {}) };
}
