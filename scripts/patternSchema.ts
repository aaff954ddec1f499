/**
 * The JSON Schema of the pattern export document, generated from the zod contract. The shipped copy is
 * resources/pattern-library.schema.json; regenerate it with `npx tsx scripts/patternSchema.ts --write`
 * (a test fails when the two differ).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PatternDocument } from "../src/shared/contract/learning.js";

export function patternSchemaJson(): string {
  const schema = { $id: "https://codeconductor.local/schemas/pattern-library.schema.json", title: "CodeConductor pattern library export", ...z.toJSONSchema(PatternDocument, { target: "draft-2020-12" }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const shippedSchemaPath = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "resources", "pattern-library.schema.json");

if (process.argv.includes("--write")) fs.writeFileSync(shippedSchemaPath, patternSchemaJson());
