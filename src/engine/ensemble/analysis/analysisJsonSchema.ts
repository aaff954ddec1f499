/** Bounds for grammar-constrained generation: random or small models otherwise ramble until the token limit. */
export interface AnalysisBounds {
  /** Longest string per field, in characters. */
  maxStringChars: number;
  /** Most items per list. */
  maxListItems: number;
}

/**
 * The JSON schema members generate against (grammar for embedded models, `format` for Ollama,
 * `response_format` for OpenAI-compatible servers). Every string and list is bounded.
 */
export function analysisJsonSchema(bounds: AnalysisBounds): Record<string, unknown> {
  const str = { type: "string", maxLength: bounds.maxStringChars };
  const list = { type: "array", items: str, maxItems: bounds.maxListItems };
  return {
    type: "object",
    properties: {
      approach: str,
      requirements: list,
      files: {
        type: "array",
        maxItems: bounds.maxListItems,
        items: {
          type: "object",
          properties: { path: str, purpose: str },
          required: ["path", "purpose"],
          additionalProperties: false,
        },
      },
      dependencies: list,
      constraints: list,
      risks: list,
      // An enum, not min/max: grammars (llama.cpp) enforce enums but not numeric bounds.
      complexity: { enum: [1, 2, 3, 4, 5] },
      test_plan: list,
    },
    required: ["approach", "requirements", "files", "dependencies", "constraints", "risks", "complexity", "test_plan"],
    additionalProperties: false,
  };
}
