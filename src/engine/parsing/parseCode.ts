import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { LanguageId } from "./LanguageId.js";

const require = createRequire(import.meta.url);

let runtime: Promise<void> | undefined;
const languages = new Map<LanguageId, Promise<Language>>();
const parsers = new Map<LanguageId, Parser>();

/** Grammar .wasm files come from @vscode/tree-sitter-wasm (built for web-tree-sitter 0.25, ABI 14/15). */
function grammarFile(language: LanguageId): string {
  const pkg = path.dirname(require.resolve("@vscode/tree-sitter-wasm/package.json"));
  return path.join(pkg, "wasm", `tree-sitter-${language}.wasm`);
}

function initRuntime(): Promise<void> {
  // Point the runtime at its own wasm explicitly: bundlers move tree-sitter.js away from it.
  const wasm = require.resolve("web-tree-sitter/tree-sitter.wasm");
  runtime ??= Parser.init({ locateFile: () => wasm }).catch((cause: unknown) => {
    runtime = undefined;
    throw new AppError(ErrorCode.Internal, "tree-sitter runtime failed to load", { cause });
  });
  return runtime;
}

/**
 * Load a grammar once (lazily, shared by every caller). Bytes are read with fs so it also works from an asar.
 */
export async function loadLanguage(language: LanguageId): Promise<Language> {
  let pending = languages.get(language);
  if (!pending) {
    pending = (async () => {
      await initRuntime();
      const bytes = await fs.readFile(grammarFile(language));
      return Language.load(new Uint8Array(bytes));
    })();
    pending.catch(() => languages.delete(language));
    languages.set(language, pending);
  }
  try {
    return await pending;
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError(ErrorCode.Internal, `tree-sitter grammar for ${language} failed to load`, { cause });
  }
}

/**
 * Parse `source` with the grammar for `language`. Returns a web-tree-sitter `Tree`; the caller must call
 * `tree.delete()` when done (it lives in WASM memory). Never throws on syntax errors: look for ERROR/MISSING
 * nodes (`tree.rootNode.hasError`). Parsing is synchronous once the grammar is loaded; one parser per language
 * is reused, which is safe because JS is single-threaded and `parse` does not yield.
 */
export async function parseCode(language: LanguageId, source: string): Promise<Tree> {
  const lang = await loadLanguage(language);
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(lang);
    parsers.set(language, parser);
  }
  const tree = parser.parse(source);
  if (!tree) throw new AppError(ErrorCode.Internal, `tree-sitter returned no tree for ${language}`);
  return tree;
}
