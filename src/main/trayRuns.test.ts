import { describe, expect, it } from "vitest";
import { inertPorts } from "../engine/ports.js";
import { EventBus } from "../engine/util/EventBus.js";
import { AppError, ErrorCode } from "../shared/contract/errors.js";
import { RpcClient, RpcServer, createMemoryPair, type Handlers } from "../shared/rpc/index.js";
import { followLoopStages } from "./followLoopStages.js";
import { startRunFromClipboard } from "./startRunFromClipboard.js";

/** A contract server over the in-memory transport with the given handlers and a bus we publish into. */
function serve(handlers: Partial<Handlers>): { client: RpcClient; bus: EventBus } {
  const bus = new EventBus();
  const server = new RpcServer({ handlers, topics: bus });
  const pair = createMemoryPair();
  server.accept(pair.server);
  return { client: new RpcClient(pair.client), bus };
}
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe("tray: start run from clipboard", () => {
  function setup(clip: string, projects: string[]) {
    const ports = inertPorts("/tmp");
    const said: string[] = [];
    const notify = (n: { message?: string }): void => void said.push(n.message ?? "");
    const starts: unknown[] = [];
    const { client } = serve({
      "project.recent": async () => ({ projects: projects.map((root, i) => ({ root, outDir: `${root}/artifacts`, analyzedAt: 1000 - i })) }),
      "runs.start": async (input) => {
        starts.push(input);
        return { runId: "run-1" };
      },
    });
    return { ports, said, notify, starts, client, ready: clip ? ports.clipboard.writeText(clip) : Promise.resolve() };
  }

  it("starts a detached conductor.loop with the clipboard text as task on the newest project", async () => {
    const s = setup("  Add a divide function with a zero check  ", ["/p/newest", "/p/older"]);
    await s.ready;
    expect(await startRunFromClipboard({ client: s.client, clipboard: s.ports.clipboard, notify: s.notify })).toBe("run-1");
    expect(s.starts).toEqual([{ kind: "conductor.loop", input: { task: "Add a divide function with a zero check", project: "/p/newest", generator: "clipboard" }, detached: true }]);
    expect(s.said).toEqual([]);
  });

  it("asks for a task when the clipboard holds none, and starts nothing", async () => {
    const s = setup("", ["/p"]);
    expect(await startRunFromClipboard({ client: s.client, clipboard: s.ports.clipboard, notify: s.notify })).toBeNull();
    expect(s.starts).toEqual([]);
    expect(s.said).toEqual([expect.stringMatching(/Copy the task/)]);
  });

  it("refuses an oversized clipboard with the gate's reason", async () => {
    const s = setup("x".repeat(200_000), ["/p"]);
    await s.ready;
    expect(await startRunFromClipboard({ client: s.client, clipboard: s.ports.clipboard, notify: s.notify })).toBeNull();
    expect(s.said).toEqual([expect.stringMatching(/not used: too large/)]);
  });

  it("asks to analyze a project first when none is known", async () => {
    const s = setup("a task", []);
    await s.ready;
    expect(await startRunFromClipboard({ client: s.client, clipboard: s.ports.clipboard, notify: s.notify })).toBeNull();
    expect(s.said).toEqual([expect.stringMatching(/Analyze a project first/)]);
  });
});

describe("tray: the active loop's stage", () => {
  it("shows the newest running loop's stage, ignores other run kinds, and clears when it ends", async () => {
    const { client, bus } = serve({ "conductor.status": async () => { throw new AppError(ErrorCode.NotFound, "no conductor"); } });
    const labels: Array<string | null> = [];
    const off = await followLoopStages(client, (l) => labels.push(l));
    bus.publish("run.summary", { runId: "e1", kind: "ensemble.run", status: "running", startedAt: 1 }, "e1");
    await tick();
    expect(labels.every((l) => l === null)).toBe(true);
    bus.publish("run.summary", { runId: "L1", kind: "conductor.loop", status: "running", startedAt: 2, title: "Run: divide" }, "L1");
    await tick();
    bus.publish("run.event", { runId: "L1", seq: 3, type: "data", channel: "stage", data: { stage: "await_code", iteration: 1 } }, "L1");
    await tick();
    expect(labels.at(-1)).toBe("Run: await code (iteration 1)");
    bus.publish("run.summary", { runId: "L1", kind: "conductor.loop", status: "succeeded", startedAt: 2, endedAt: 3 }, "L1");
    await tick();
    expect(labels.at(-1)).toBeNull();
    off();
  });

  it("picks up loops that were already running from conductor.status", async () => {
    const { client } = serve({
      "conductor.status": async () => ({ active: [{ runId: "L0", stage: "test", iteration: 2, title: "t" }], hotkeys: { backend: "none", registered: [], failed: [] } }),
    });
    const labels: Array<string | null> = [];
    const off = await followLoopStages(client, (l) => labels.push(l));
    await tick();
    expect(labels.at(-1)).toBe("Run: test (iteration 2)");
    off();
  });
});
