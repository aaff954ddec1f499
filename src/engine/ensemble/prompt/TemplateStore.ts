import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";

export interface Template {
  name: string;
  file: string;
  source: string;
}

/** Shipped templates this capability owns (resources/templates/cursor_prompt*.md). */
const SHIPPED = /^cursor_prompt.*\.md$/;

/**
 * Prompt templates the user can edit: the shipped ones are copied to `<dataDir>/templates/` the first time
 * (never overwriting edits) and read from there on every use, so an edit takes effect on the next run.
 */
export class TemplateStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly shippedDir: string,
  ) {
    this.dir = path.join(dataDir, "templates");
  }

  /** Copy missing shipped templates into the data folder. Returns the names copied. */
  install(): string[] {
    fs.mkdirSync(this.dir, { recursive: true });
    const copied: string[] = [];
    for (const f of fs.readdirSync(this.shippedDir).filter((n) => SHIPPED.test(n))) {
      const target = path.join(this.dir, f);
      if (fs.existsSync(target)) continue;
      fs.copyFileSync(path.join(this.shippedDir, f), target);
      copied.push(f);
    }
    return copied;
  }

  /** Read `name` (e.g. "cursor_prompt.md"), installing the shipped copy first if the user has none. */
  load(name: string): Template {
    const file = path.join(this.dir, name);
    if (!fs.existsSync(file)) this.install();
    try {
      return { name, file, source: fs.readFileSync(file, "utf8") };
    } catch (cause) {
      throw new AppError(ErrorCode.NotFound, `Prompt template ${name} not found in ${this.dir}`, { cause });
    }
  }
}
