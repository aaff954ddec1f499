import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * Path of clipboard-event's native Linux helper, or null when the package is missing. Resolved through the
 * package's main entry: its `exports` map does not expose package.json.
 */
export function clipboardHelperPath(): string | null {
  try {
    return path.join(path.dirname(require.resolve("clipboard-event")), "platform", "clipboard-event-handler-linux");
  } catch {
    return null;
  }
}
