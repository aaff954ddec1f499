// Writes resources/schemas/*.json from the contract: `npx tsx scripts/gen-schemas.ts`.
import fs from "node:fs";
import path from "node:path";
import { bundleSchemas } from "../src/shared/insight/bundleSchemas.js";

const dir = path.resolve(import.meta.dirname, "..", "resources", "schemas");
fs.mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(bundleSchemas())) fs.writeFileSync(path.join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${Object.keys(bundleSchemas()).length} schemas to ${dir}`);
