import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | undefined;

/**
 * Collect garbage now (the bench runs without --expose-gc, so expose it once), so that one measured run
 * does not pay for the previous run's garbage.
 */
export function fullGc(): void {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  gc();
}
