import fs from "node:fs/promises";
import path from "node:path";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { RepoMap } from "../../shared/contract/project.js";

/** Where a repo map may sit, given a file, a project folder or its artifacts folder. */
export function repoMapCandidates(fileOrDir: string): string[] {
  const p = path.resolve(fileOrDir);
  return [p, path.join(p, "artifacts", "repo_map.json"), path.join(p, "repo_map.json")];
}

/**
 * Read and validate a repo map. `fileOrProjectDir` is `repo_map.json` itself, a project folder (reads
 * `<dir>/artifacts/repo_map.json`) or an artifacts folder (reads `<dir>/repo_map.json`).
 * Throws `not_found` when none exists and `corrupt` when it is not valid JSON or breaks the schema.
 */
async function findMap(fileOrProjectDir: string): Promise<string | undefined> {
  for (const candidate of repoMapCandidates(fileOrProjectDir)) {
    const st = await fs.stat(candidate).catch(() => null);
    if (st?.isFile()) return candidate;
  }
  return undefined;
}

export async function loadRepoMap(fileOrProjectDir: string): Promise<RepoMap> {
  // One retry: a concurrent analysis swaps the file in with a gap of microseconds.
  const file = (await findMap(fileOrProjectDir)) ?? (await new Promise((r) => setTimeout(r, 25)).then(() => findMap(fileOrProjectDir)));
  if (!file) throw new AppError(ErrorCode.NotFound, `No repo_map.json at ${fileOrProjectDir} — run \`codeconductor analyze\` first`);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (cause) {
    throw new AppError(ErrorCode.Corrupt, `${file} is not valid JSON`, { cause });
  }
  const parsed = RepoMap.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new AppError(ErrorCode.Corrupt, `${file} does not match repo map schema v1: ${issues.join("; ")}`, { details: { file, issues } });
  }
  return parsed.data;
}
