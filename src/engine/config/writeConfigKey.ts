import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";

/**
 * Set (or, with `value` undefined, remove) one dotted key in config.yaml through the `yaml` Document API, so
 * the user's comments, key order and formatting elsewhere survive. Written to a temp file and renamed, so a
 * crash leaves the old file or the new one. A file that is not valid YAML is never overwritten.
 */
export function writeConfigKey(file: string, key: string, value: unknown): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const doc = YAML.parseDocument(text);
  if (doc.errors.length) {
    throw new AppError(ErrorCode.Conflict, `${file} is not valid YAML (${doc.errors[0]!.message.split("\n")[0]}); fix it by hand before changing settings here`);
  }
  if (doc.contents !== null && !YAML.isMap(doc.contents)) {
    throw new AppError(ErrorCode.Conflict, `${file} does not hold a mapping of settings at the top level; fix it by hand first`);
  }
  const parts = key.split(".");
  if (value === undefined) {
    doc.deleteIn(parts);
    pruneEmptyParents(doc, parts);
  } else doc.setIn(parts, value);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, doc.toString());
  fs.renameSync(tmp, file);
}

/** After a reset, drop sections the removal left empty (`models: {}` says nothing). */
function pruneEmptyParents(doc: YAML.Document, parts: string[]): void {
  for (let n = parts.length - 1; n > 0; n--) {
    const parent = doc.getIn(parts.slice(0, n), true);
    if (YAML.isMap(parent) && parent.items.length === 0) doc.deleteIn(parts.slice(0, n));
    else return;
  }
}
