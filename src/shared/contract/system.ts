import { z } from "zod";
import { method, runKind } from "./defineContract.js";

export const DoctorCheck = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["ok", "warn", "fail", "skip"]),
  detail: z.string(),
  /** An actionable fix, present whenever status is warn or fail. */
  fix: z.string().optional(),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

export const Notice = z.object({
  level: z.enum(["info", "success", "warn", "error"]),
  title: z.string(),
  message: z.string().optional(),
  /** The user must act (approve a candidate…): the toast stays until dismissed. */
  needsAction: z.boolean().optional(),
  /** The run it is about, when there is one. */
  runId: z.string().optional(),
  at: z.number(),
});
export type Notice = z.infer<typeof Notice>;

/** Version, shell, data folder and the notices raised since start. */
export const SystemInfo = z.object({
  version: z.string(),
  shell: z.enum(["electron", "web", "cli", "test"]),
  dataDir: z.string(),
  dbReadOnly: z.boolean(),
  notices: z.array(Notice),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const systemMethods = {
  "system.ping": method(z.object({}).strict(), z.object({ pong: z.literal(true), at: z.number() }), "Liveness check."),
  "system.info": method(z.object({}).strict(), SystemInfo, "Version, shell, data folder and start-up notices."),
  "system.doctor": method(z.object({}).strict(), z.object({ checks: z.array(DoctorCheck) }), "Run diagnostics."),
  "system.notices": method(z.object({}).strict(), z.object({ notices: z.array(Notice) }), "Notices raised since start."),
} as const;

export const systemTopics = {
  /** Something the user should hear about (toast). */
  "system.notice": Notice,
} as const;

export const systemRunKinds = {
  /** Doctor as a run: one progress event per check (for the UI). */
  "system.doctor": runKind(z.object({}).strict(), z.object({ checks: z.array(DoctorCheck) }), "Run diagnostics with progress."),
} as const;
