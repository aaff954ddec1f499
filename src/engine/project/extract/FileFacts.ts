import type { RepoSymbol } from "../../../shared/contract/project.js";

/** Bump when extraction changes in a way the query texts do not show (it salts the analysis cache). */
export const EXTRACTOR_VERSION = 2;

/** Everything the analysis keeps about one file; cached by path + size + mtime + hash. */
export interface FileFacts {
  language: string;
  lines: number;
  symbols: RepoSymbol[];
  /** Import specifiers as written (Rust `mod x;` appear as `mod:x`). */
  imports: string[];
  /** Distinct names this file references (calls, types, imported names), capped. */
  refs: string[];
  /** Go / Java package, when declared. */
  pkg?: string;
  /** Has a program entry (`func main` in package main, `public static void main`, `if __name__ == "__main__"`, Rust `fn main`). */
  hasMain: boolean;
  todos: Array<{ line: number; tag: string; text: string }>;
  /** "tabs", "2 spaces", "4 spaces" or "" when the file has too few indented lines to tell. */
  indent: string;
  /** Quote characters around import specifiers (JS/TS). */
  quotes: { single: number; double: number };
  /** Why symbols are missing: "generated", "minified", "too large", "parse error". */
  note?: string;
}
