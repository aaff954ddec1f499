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

/** Schemas of a run kind's partial-data channels: channel name → payload schema. */
export type DataChannels = Record<string, z.ZodType>;

/**
 * A kind of long work started with `runs.start`: schemas of its input, its final result and each `data`
 * channel it streams. The run manager validates all three, so producers and consumers cannot drift.
 */
export interface RunKindDef<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType, D extends DataChannels = DataChannels> {
  input: I;
  result: R;
  data: D;
  summary: string;
}

export function runKind<I extends z.ZodType, R extends z.ZodType, D extends DataChannels = Record<never, z.ZodType>>(
  input: I,
  result: R,
  summary: string,
  data: D = {} as D,
): RunKindDef<I, R, D> {
  return { input, result, data, summary };
}
