import fs from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { Persona } from "../../../shared/contract/ensemble.js";

const Entry = z.object({
  name: z.string().min(1).optional(),
  role: z.string().min(1),
  instructions: z.string().min(1),
  model: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
});
const ById = z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/i, "ids are letters, digits, _ and -"), Entry);
const MapFile = z.object({ personas: ById });
const ListFile = z.object({ personas: z.array(Entry.extend({ id: z.string().min(1) })) });

const titleCase = (id: string): string => id.replace(/[_-]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());

function parseFile(file: string): Persona[] {
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code === "ENOENT" ? ErrorCode.NotFound : ErrorCode.InvalidInput;
    throw new AppError(code, `Cannot read personas file ${file}: ${(cause as Error).message.split("\n")[0]}`, { cause });
  }
  // Pick the schema by shape so errors name the real offending key instead of "no union member matched".
  const isList = Array.isArray((raw as { personas?: unknown } | null)?.personas);
  const parsed = isList ? ListFile.safeParse(raw) : MapFile.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new AppError(ErrorCode.InvalidInput, `Personas file ${file} is not valid: ${issues.join("; ")}`, { details: { file, issues } });
  }
  const data = parsed.data as z.infer<typeof MapFile> | z.infer<typeof ListFile>;
  const list = Array.isArray(data.personas) ? data.personas : Object.entries(data.personas).map(([id, e]) => ({ id, ...e }));
  return list.map((p) => ({ ...p, name: p.name ?? titleCase(p.id), instructions: p.instructions.trim() }));
}

/**
 * Personas from YAML files, later files overriding earlier ones by id. Format: `personas:` as a map of id →
 * { name?, role, instructions, model?, temperature? } or as a list of entries with an `id`.
 * Throws `not_found` / `invalid_input` naming the file and the offending keys.
 */
export function loadPersonas(files: string[]): Persona[] {
  const byId = new Map<string, Persona>();
  for (const f of files) for (const p of parseFile(f)) byId.set(p.id, p);
  return [...byId.values()];
}
