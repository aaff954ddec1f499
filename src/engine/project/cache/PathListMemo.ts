import type { WalkedFile } from "../walk/walkRepo.js";

/**
 * The walked path list, kept from run to run: when a walk finds exactly the same paths, the previous
 * array and set are returned (no new 10k-entry set to build or collect), and their identity tells the
 * memos keyed on them (paths by name, stack detection) that nothing was added, removed or renamed.
 */
export class PathListMemo {
  private list: string[] = [];
  private set = new Set<string>();

  update(walked: readonly WalkedFile[]): { list: string[]; set: Set<string>; unchanged: boolean } {
    let same = walked.length === this.list.length && this.list.length > 0;
    for (let i = 0; same && i < walked.length; i++) same = walked[i]!.rel === this.list[i];
    if (!same) {
      this.list = walked.map((w) => w.rel);
      this.set = new Set(this.list);
    }
    return { list: this.list, set: this.set, unchanged: same };
  }
}
