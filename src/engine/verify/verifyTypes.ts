import type { z } from "zod";
import type { verifyRunKinds } from "../../shared/contract/verify.js";

export type { ApplyPlan, Finding, ParsedAnswer, TestRunResult } from "../../shared/contract/verify.js";

/** Parsed input of the `verify.test` run kind. */
export type RunInputShape = z.output<(typeof verifyRunKinds)["verify.test"]["input"]>;
