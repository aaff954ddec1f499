import { describe, expect, it } from "vitest";
import { LANGUAGE_IDS, languageForPath, parseCode, type LanguageId } from "./index.js";

const VALID: Record<LanguageId, { source: string; kind: string }> = {
  python: { source: "def add(a, b):\n    return a + b\n", kind: "function_definition" },
  typescript: { source: "export function add(a: number, b: number): number { return a + b; }\n", kind: "function_declaration" },
  tsx: { source: "export const App = (): JSX.Element => <div className=\"x\">hi</div>;\n", kind: "jsx_element" },
  javascript: { source: "function add(a, b) { return a + b; }\nconst el = <b/>;\n", kind: "function_declaration" },
  go: { source: "package main\n\nfunc add(a int, b int) int { return a + b }\n", kind: "function_declaration" },
  rust: { source: "fn add(a: i32, b: i32) -> i32 { a + b }\n", kind: "function_item" },
  java: { source: "class M { int add(int a, int b) { return a + b; } }\n", kind: "method_declaration" },
};

describe("parseCode", () => {
  it.each(LANGUAGE_IDS)("parses valid %s without errors and finds the expected node", async (lang) => {
    const { source, kind } = VALID[lang];
    const tree = await parseCode(lang, source);
    try {
      expect(tree.rootNode.hasError).toBe(false);
      expect(tree.rootNode.descendantsOfType(kind).length).toBeGreaterThan(0);
    } finally {
      tree.delete();
    }
  });

  it("reports ERROR / MISSING nodes for broken code", async () => {
    const tree = await parseCode("python", "def broken(:\n  return\n");
    try {
      expect(tree.rootNode.hasError).toBe(true);
    } finally {
      tree.delete();
    }
    const ts = await parseCode("typescript", "function f( { return 1 ");
    try {
      expect(ts.rootNode.hasError).toBe(true);
    } finally {
      ts.delete();
    }
  });

  it("loads each grammar once and reuses it across concurrent calls", async () => {
    const trees = await Promise.all(Array.from({ length: 5 }, () => parseCode("go", VALID.go.source)));
    expect(trees.map((t) => t.language.name)).toEqual(Array(5).fill("go"));
    for (const t of trees) t.delete();
  });
});

describe("languageForPath", () => {
  it("maps extensions to languages", () => {
    expect(languageForPath("a/b/c.py")).toBe("python");
    expect(languageForPath("x.d.ts")).toBe("typescript");
    expect(languageForPath("C:\\src\\App.TSX")).toBe("tsx");
    expect(languageForPath("m.mjs")).toBe("javascript");
    expect(languageForPath("comp.jsx")).toBe("javascript");
    expect(languageForPath("main.go")).toBe("go");
    expect(languageForPath("lib.rs")).toBe("rust");
    expect(languageForPath("A.java")).toBe("java");
  });
  it("returns null for unsupported or extension-less files", () => {
    expect(languageForPath("README.md")).toBeNull();
    expect(languageForPath("Makefile")).toBeNull();
    expect(languageForPath(".gitignore")).toBeNull();
    expect(languageForPath("dir.py/file")).toBeNull();
  });
});
