import { z } from "zod";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";

const validators = new Map<string, z.ZodType>();

/**
 * Parse a model's JSON answer and check it against the JSON schema it was asked to follow (zod's
 * `fromJSONSchema`). Grammars and server-side schemas constrain the syntax; this catches the rest.
 * Throws `bad_model_output` with the text in details.
 */
export function checkJsonOutput(text: string, schema: Record<string, unknown>): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError(ErrorCode.BadModelOutput, `The model's answer is not JSON: ${(err as Error).message}`, { cause: err, details: { text: text.slice(0, 2000) } });
  }
  const key = JSON.stringify(schema);
  let validator = validators.get(key);
  if (!validator) {
    try {
      validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      // A schema zod cannot express: the backend's own constraint is all we have.
      return value;
    }
    if (validators.size > 100) validators.clear();
    validators.set(key, validator);
  }
  const checked = validator.safeParse(value);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new AppError(ErrorCode.BadModelOutput, `The model's JSON does not match the schema: ${issues}`, { details: { text: text.slice(0, 2000), issues } });
  }
  return checked.data;
}
