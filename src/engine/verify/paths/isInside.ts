import path from "node:path";

/** Whether `p` is `root` or below it. Compare real paths (fs.realpathSync) to make this a containment check. */
export function isInside(root: string, p: string): boolean {
  const r = path.relative(root, p);
  return r === "" || (r !== ".." && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r));
}
