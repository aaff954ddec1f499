import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { resourcesDir } from "../../ensemble/resourcesDir.js";
import type { Template } from "../../ensemble/prompt/TemplateStore.js";

export const FIX_PROMPT_TEMPLATE = "fix_prompt.md";

/**
 * The fix-prompt template, like the ensemble's prompt templates: the user's editable copy in
 * `<dataDir>/templates/fix_prompt.md` (copied from the shipped `resources/templates/fix_prompt.md` on first use,
 * never overwritten), or the shipped one when no `dataDir` is given.
 */
export function loadFixPromptTemplate(dataDir?: string): Template {
  const shipped = path.join(resourcesDir(), "templates", FIX_PROMPT_TEMPLATE);
  let file = shipped;
  if (dataDir) {
    const user = path.join(dataDir, "templates", FIX_PROMPT_TEMPLATE);
    try {
      if (!fs.existsSync(user)) {
        fs.mkdirSync(path.dirname(user), { recursive: true });
        fs.copyFileSync(shipped, user);
      }
      file = user;
    } catch {
      file = shipped; // a read-only data folder still gets the shipped template
    }
  }
  try {
    return { name: FIX_PROMPT_TEMPLATE, file, source: fs.readFileSync(file, "utf8") };
  } catch (cause) {
    throw new AppError(ErrorCode.NotFound, `Fix-prompt template not found: ${file}`, { cause });
  }
}
