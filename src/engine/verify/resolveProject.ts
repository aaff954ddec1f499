import fs from "node:fs";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";

/** The real path of a project folder; `not_found` / `invalid_input` otherwise. */
export function resolveProject(project: string): string {
  let real: string;
  try {
    real = fs.realpathSync(project);
  } catch (e) {
    throw new AppError(ErrorCode.NotFound, `Project folder not found: ${project}`, { cause: e });
  }
  if (!fs.statSync(real).isDirectory()) throw new AppError(ErrorCode.InvalidInput, `Not a folder: ${project}`);
  return real;
}
