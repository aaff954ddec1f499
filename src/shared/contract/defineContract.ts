import type { z } from "zod";

/** One request→response method: zod schemas for both sides. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Human summary, shown by `codeconductor --help` style listings. */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string): MethodDef<I, O> {
  return { input, output, summary };
}

/** A kind of long work started with `runs.start`: schema of its input and of its final result. */
export interface RunKindDef<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  input: I;
  result: R;
  summary: string;
}

export function runKind<I extends z.ZodType, R extends z.ZodType>(input: I, result: R, summary: string): RunKindDef<I, R> {
  return { input, result, summary };
}
