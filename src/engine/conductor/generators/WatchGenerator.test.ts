import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../../shared/contract/errors.js";
import type { GeneratorRequest } from "./CodeGenerator.js";
import { WatchGenerator } from "./WatchGenerator.js";

let project: string;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
  fs.writeFileSync(path.join(project, rel), text);
}

/** A request whose `waiting` promise resolves once the generator has its snapshot and waits for edits. */
function request(signal = new AbortController().signal): { req: GeneratorRequest; waiting: Promise<string>; logs: string[] } {
  const logs: string[] = [];
  let onWait!: (hint: string) => void;
  const waiting = new Promise<string>((r) => (onWait = r));
  const req: GeneratorRequest = {
    iteration: 1,
    prompt: "change things",
    project,
    signal,
    onWaiting: (w) => onWait(`${w.watch}: ${w.hint}`),
    onIgnored: () => {},
    log: (level, m) => logs.push(`${level} ${m}`),
  };
  return { req, waiting, logs };
}

beforeEach(() => {
  project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cc-watch-")));
  write(".gitignore", "build/\n*.log\n");
  write("src/a.py", "a = 1\n");
  write("src/b.py", "b = 2\n");
  write("README.md", "# fixture\n");
  write("artifacts/repo_map.json", "{}\n");
});

afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

describe("WatchGenerator", () => {
  it("returns exactly the created, modified and deleted files once the edits have been quiet for settleMs", async () => {
    const settleMs = 400;
    const gen = new WatchGenerator({ settleMs });
    const { req, waiting } = request();
    const result = gen.next(req);
    expect(await waiting).toBe(`n/a: waiting for edits in ${project} (quiet period 400ms)`);
    write("src/a.py", "a = 10\n");
    fs.rmSync(path.join(project, "src/b.py"));
    // Noise that must not count: ignored by .gitignore, the app's artifacts, editor temp files.
    write("build/out.txt", "built\n");
    write("run.log", "log\n");
    write("artifacts/repo_map.json", '{"changed":true}\n');
    write("src/.a.py.swp", "swap");
    write("src/a.py~", "backup");
    await sleep(150);
    write("src/new.py", "n = 3\n"); // a second burst inside the quiet period: still part of the same answer
    const lastEdit = Date.now();
    const out = await result;
    expect(Date.now() - lastEdit).toBeGreaterThanOrEqual(settleMs - 20);
    expect(out).toEqual({
      kind: "files",
      source: "watch",
      files: [
        { path: "src/a.py", before: "a = 1\n", after: "a = 10\n" },
        { path: "src/b.py", before: "b = 2\n", after: null },
        { path: "src/new.py", before: null, after: "n = 3\n" },
      ],
    });
    gen.dispose();
  });

  it("keeps waiting when the edits cancel out, then returns the next real change", async () => {
    const gen = new WatchGenerator({ settleMs: 200 });
    const { req, waiting, logs } = request();
    const result = gen.next(req);
    await waiting;
    write("src/a.py", "a = 99\n");
    await sleep(50);
    write("src/a.py", "a = 1\n");
    // Wait until the generator has looked and found nothing (logged), then make a real edit.
    for (let i = 0; i < 200 && !logs.some((l) => l.includes("cancel out")); i++) await sleep(25);
    expect(logs.some((l) => l.includes("cancel out"))).toBe(true);
    write("README.md", "# changed\n");
    const out = await result;
    expect(out.kind === "files" && out.files).toEqual([{ path: "README.md", before: "# fixture\n", after: "# changed\n" }]);
    gen.dispose();
  });

  it("flush() ends the wait at once with what changed so far", async () => {
    const gen = new WatchGenerator({ settleMs: 600_000 });
    const { req, waiting } = request();
    const result = gen.next(req);
    await waiting;
    write("src/c.py", "c = 3\n");
    await sleep(100);
    gen.flush();
    const out = await result;
    expect(out.kind === "files" && out.files).toEqual([{ path: "src/c.py", before: null, after: "c = 3\n" }]);
    gen.dispose();
  });

  it("rejects with cancelled when the signal aborts, and with timeout when nothing settles in time", async () => {
    const ac = new AbortController();
    const gen = new WatchGenerator({ settleMs: 100 });
    const { req, waiting } = request(ac.signal);
    const result = gen.next(req);
    await waiting;
    ac.abort();
    await expect(result).rejects.toMatchObject({ code: "cancelled" });

    const timed = new WatchGenerator({ settleMs: 100, timeoutSec: 1 });
    const err = await timed.next(request().req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("timeout");
    gen.dispose();
    timed.dispose();
  });

  it("refuses to wait after dispose() and stops a pending wait", async () => {
    const gen = new WatchGenerator({ settleMs: 100 });
    const { req, waiting } = request();
    const result = gen.next(req);
    await waiting;
    gen.dispose();
    gen.dispose(); // idempotent
    await expect(result).rejects.toMatchObject({ code: "cancelled" });
    await expect(gen.next(request().req)).rejects.toMatchObject({ code: "unavailable" });
  });
});
