import { createRequire } from "node:module";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { Template } from "./TemplateStore.js";

// An isolated instance: no helpers or partials registered by anyone else leak in. Loaded on the first
// compile (synchronously, as compileTemplate is), not with the engine: most commands never render a prompt.
let instance: typeof import("handlebars") | undefined;
const handlebars = (): typeof import("handlebars") => (instance ??= (createRequire(import.meta.url)("handlebars") as typeof import("handlebars")).create());
// Compiled templates by source text: an edited file compiles anew, an unchanged one costs nothing per run.
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const CACHE_SIZE = 16;

/**
 * Compile a logic-less template in strict mode (no HTML escaping). Rendering with a variable the
 * template uses but the data lacks throws `invalid_input` naming the variable, the template and the line.
 */
export function compileTemplate(template: Template): (vars: Record<string, unknown>) => string {
  let fn = compiled.get(template.source);
  try {
    if (!fn) {
      // compile() is lazy; parse() first so syntax errors surface here (and in doctor), not mid-run.
      const hb = handlebars();
      hb.parse(template.source);
      fn = hb.compile(template.source, { strict: true, noEscape: true });
      if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
      compiled.set(template.source, fn);
    }
  } catch (cause) {
    throw new AppError(ErrorCode.InvalidInput, `Template ${template.file} does not parse: ${(cause as Error).message.split("\n")[0]}`, { cause });
  }
  const render = fn;
  return (vars) => {
    try {
      return render(vars);
    } catch (cause) {
      const m = /"([^"]+)" not defined in .* - (\d+):(\d+)/.exec((cause as Error).message);
      if (!m) throw new AppError(ErrorCode.InvalidInput, `Template ${template.file} failed: ${(cause as Error).message}`, { cause });
      const [, variable, line] = m;
      throw new AppError(
        ErrorCode.InvalidInput,
        `Template ${template.name} uses the variable "${variable}" (line ${line}), which is not provided. Available: ${Object.keys(vars).join(", ")}`,
        { cause, details: { template: template.file, variable, line: Number(line) } },
      );
    }
  };
}
