import { describe, expect, it } from "vitest";
import { findModel, modelMatches } from "./matchModel.js";

const MODELS = [
  { id: "ollama:local/phi3:mini", name: "phi3:mini" },
  { id: "ollama:local/barsmodel:7b-q4", name: "barsmodel:7b-q4" },
  { id: "openai:lms/llama-3-8b", name: "llama-3-8b" },
];

describe("matchModel", () => {
  it("finds a model by exact id, exact name, or a part of either, preferring names", () => {
    expect(findModel(MODELS, "openai:lms/llama-3-8b")?.name).toBe("llama-3-8b");
    expect(findModel(MODELS, "phi3:mini")?.name).toBe("phi3:mini");
    expect(findModel(MODELS, "barsmodel:7b")?.name).toBe("barsmodel:7b-q4");
    // "llama" is inside the id "ollama:…" of phi3 too; the name match wins.
    expect(findModel(MODELS, "llama")?.name).toBe("llama-3-8b");
    expect(findModel(MODELS, "mistral")).toBeUndefined();
  });

  it("matches what findModel would accept (the allowlist rule)", () => {
    expect(MODELS.filter((m) => modelMatches(m, "barsmodel:7b")).map((m) => m.name)).toEqual(["barsmodel:7b-q4"]);
    expect(MODELS.filter((m) => modelMatches(m, "ollama:")).length).toBe(2);
  });
});
