import type { ModelInfo } from "../inference/types.js";

/**
 * Whether `pattern` names `model`: the id or the display name equals or contains it. The one rule for
 * `chat -m`, `run --models`, FORCE_MODEL, the fixed policy and the allowlist, so a partial name that works
 * in one place works in all of them.
 */
export function modelMatches(model: Pick<ModelInfo, "id" | "name">, pattern: string): boolean {
  return model.id.includes(pattern) || model.name.includes(pattern);
}

/**
 * The model `pattern` names, most specific first: exact id, exact name, a name containing the pattern,
 * then an id containing it ("llama" must not pick "ollama:…/phi3" while a model named "llama…" exists).
 */
export function findModel<M extends Pick<ModelInfo, "id" | "name">>(models: M[], pattern: string): M | undefined {
  return (
    models.find((m) => m.id === pattern) ??
    models.find((m) => m.name === pattern) ??
    models.find((m) => m.name.includes(pattern)) ??
    models.find((m) => m.id.includes(pattern))
  );
}
