import type { TestCase } from "../../../shared/contract/verify.js";

interface GoEvent {
  Action?: string;
  Package?: string;
  Test?: string;
  Elapsed?: number;
  Output?: string;
}

/** `go test -json` event stream → test cases (output collected per test; build failures become `error`). */
export function parseGoTestJson(stream: string): TestCase[] {
  const byKey = new Map<string, TestCase & { out: string }>();
  const pkgOut = new Map<string, string>();
  const pkgFailed = new Set<string>();
  for (const line of stream.split("\n")) {
    if (!line.startsWith("{")) continue;
    let e: GoEvent;
    try {
      e = JSON.parse(line) as GoEvent;
    } catch {
      continue;
    }
    const pkg = e.Package ?? "";
    if (!e.Test) {
      if (e.Action === "output") pkgOut.set(pkg, (pkgOut.get(pkg) ?? "") + (e.Output ?? ""));
      if (e.Action === "fail") pkgFailed.add(pkg);
      continue;
    }
    const key = `${pkg}\u0000${e.Test}`;
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = { name: e.Test, suite: pkg, status: "error", out: "" }));
    if (e.Action === "output") c.out += e.Output ?? "";
    else if (e.Action === "pass" || e.Action === "fail" || e.Action === "skip") {
      c.status = e.Action === "pass" ? "passed" : e.Action === "fail" ? "failed" : "skipped";
      if (typeof e.Elapsed === "number") c.durationMs = Math.round(e.Elapsed * 1000);
    }
  }
  const cases: TestCase[] = [];
  const pkgsWithTests = new Set<string>();
  for (const { out, ...c } of byKey.values()) {
    pkgsWithTests.add(c.suite ?? "");
    const loc = /^\s+([\w./-]+_test\.go):(\d+):/m.exec(out);
    cases.push({ ...c, ...(loc ? { file: loc[1]!, line: Number(loc[2]) } : {}), ...(c.status !== "passed" && out.trim() ? { message: out.trim().slice(0, 4000) } : {}) });
  }
  for (const pkg of pkgFailed) {
    if (!pkgsWithTests.has(pkg)) cases.push({ name: `${pkg} (build)`, suite: pkg, status: "error", message: (pkgOut.get(pkg) ?? "package failed").trim().slice(0, 4000) });
  }
  return cases;
}
