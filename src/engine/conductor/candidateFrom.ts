import { randomUUID } from "node:crypto";
import { createTwoFilesPatch } from "diff";
import type { Candidate } from "../../shared/contract/conductor.js";
import type { PlannedFile } from "../../shared/contract/verify.js";
import { sha256 } from "../verify/apply/sha256.js";
import type { ChangedFile, GeneratedCode } from "./generators/CodeGenerator.js";
import type { LoopDeps } from "./LoopDeps.js";

const hash = (t: string | null): string | null => (t === null ? null : sha256(t));

/**
 * Turn what a generator delivered into a reviewable candidate: answer text goes through verify's planner (parse,
 * path checks, validation, diffs, stored for approval); files a generator already wrote are diffed against their
 * bytes before the attempt and validated the same way.
 */
export async function candidateFrom(deps: LoopDeps, got: Exclude<GeneratedCode, { kind: "failed" }>, project: string, iteration: number, signal: AbortSignal): Promise<Candidate> {
  if (got.kind === "answer") {
    const plan = await deps.call("verify.plan", { project, text: got.text }, signal);
    return {
      iteration,
      source: got.source,
      bytes: Buffer.byteLength(got.text),
      plan,
      failures: [
        ...(plan.failures ?? []).map((f) => ({ path: f.path, reason: f.message, ...(f.closest ? { closest: f.closest.text } : {}) })),
        ...plan.unmapped.filter((u) => u.kind !== "citation").map((u) => ({ path: "", reason: `block ${u.block + 1}: ${u.reason}`, closest: u.preview })),
      ],
      preApplied: false,
    };
  }
  const written = got.files.filter((f) => f.after !== null).map((f) => ({ path: f.path, content: f.after! }));
  const { findings } = written.length ? await deps.call("verify.validate", { project, files: written.slice(0, 500) }, signal) : { findings: [] };
  return {
    iteration,
    source: got.source,
    bytes: 0,
    plan: {
      planId: `${got.source}-${randomUUID()}`,
      project,
      createdAt: Date.now(),
      files: got.files.map((f) => plannedFile(f, findings.filter((x) => x.file === f.path))),
      unmapped: [],
      notes: [`written by the ${got.source} generator`],
      touchesTests: false,
    },
    failures: [],
    preApplied: true,
  };
}

function plannedFile(f: ChangedFile, findings: PlannedFile["findings"]): PlannedFile {
  return {
    path: f.path,
    action: f.before === null ? "create" : f.after === null ? "delete" : "modify",
    status: "ok",
    reasons: [],
    flags: [],
    oldHash: hash(f.before),
    newHash: hash(f.after),
    oldText: f.before ?? "",
    newText: f.after ?? "",
    diff: createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, f.before ?? "", f.after ?? ""),
    findings,
  };
}
