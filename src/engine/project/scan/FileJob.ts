import type { LanguageId } from "../../parsing/index.js";
import type { FileFacts } from "../extract/FileFacts.js";

/** One file to read (and parse, when `parse` is set), on the engine thread or in a parser worker. */
export interface FileJob {
  /** Relative to the root, "/"-separated. */
  rel: string;
  abs: string;
  /** Size from the walk (bytes): goes into the repo-map entry. */
  size: number;
  /** Parser language; null for plain text (counted and scanned for TODOs, not parsed). */
  parse: LanguageId | null;
  /** Language name for listing ("typescript", "markdown"…). */
  language: string;
  /** Named like generated output (`*.min.js`, `*_pb2.py`): listed with note "generated", not parsed. */
  generatedName: boolean;
  /** Hash of the cached content: if the file still hashes to it, the cached facts stand and it is not parsed. */
  prevHash?: string;
}

/** What loading a job found: unreadable, binary, the same content as cached, or fresh facts. */
export interface FileResult {
  /** sha1 of the bytes (base64url); "" when unreadable. */
  hash: string;
  /** When the read happened (ms since epoch), for racy-mtime checks. */
  readAt: number;
  unreadable?: boolean;
  binary?: boolean;
  /** The content hashes to `prevHash`: reuse the cached facts. */
  same?: boolean;
  facts?: FileFacts;
  /** Parsed with tree-sitter (not plain text). */
  parsed?: boolean;
  /** With `facts`: the file's repo-map entry as JSON bytes (`toRepoFile`), made by whichever thread loaded it. */
  line?: Buffer;
}
