/** How one answer block should look, in the project's own language, for the prompt's Output Format section. */
export interface OutputExample {
  fence: string;
  path: string;
  comment: string;
}

const EXAMPLES: Record<string, OutputExample> = {
  python: { fence: "python", path: "src/example.py", comment: "# the complete file" },
  typescript: { fence: "ts", path: "src/example.ts", comment: "// the complete file" },
  tsx: { fence: "tsx", path: "src/Example.tsx", comment: "// the complete file" },
  javascript: { fence: "js", path: "src/example.js", comment: "// the complete file" },
  go: { fence: "go", path: "example.go", comment: "// the complete file" },
  rust: { fence: "rust", path: "src/example.rs", comment: "// the complete file" },
  java: { fence: "java", path: "src/main/java/Example.java", comment: "// the complete file" },
};
const ALIASES: Record<string, string> = { py: "python", ts: "typescript", js: "javascript", golang: "go", rs: "rust" };
const NEUTRAL: OutputExample = { fence: "<language>", path: "path/to/file", comment: "the complete file" };

/**
 * The example for the first language of `languages` (the run's `language`, then the repo map's languages by
 * size) that we know; a neutral placeholder otherwise — never another language's file.
 */
export function outputExample(languages: Array<string | undefined>): OutputExample {
  for (const l of languages) {
    const key = l ? (ALIASES[l.toLowerCase()] ?? l.toLowerCase()) : "";
    if (EXAMPLES[key]) return EXAMPLES[key];
  }
  return NEUTRAL;
}
