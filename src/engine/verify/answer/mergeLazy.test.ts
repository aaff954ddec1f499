import { describe, expect, it } from "vitest";
import { isLazyMarker } from "./lazyMarkers.js";
import { mergeLazy } from "./mergeLazy.js";

const PY = "import os\n\n\ndef foo():\n    return 1\n\n\ndef bar():\n    return 2\n";

describe("mergeLazy", () => {
  it("recognises the placeholder comments models write, and not ordinary comments", () => {
    const markers = ["// ... existing code ...", "  # ... rest unchanged", "/* ... */", "{/* ... existing code ... */}", "<!-- ... -->", "-- ...", "// rest of the file unchanged ..."];
    expect(markers.filter(isLazyMarker)).toEqual(markers);
    expect(["// existing users are migrated", "# TODO: more", "const x = 1; // ...", "/* see below */"].filter(isLazyMarker)).toEqual([]);
  });

  it("a rewritten Python function replaces the old block it opens, keeping the code around it", () => {
    const r = mergeLazy(PY, "# ... existing code ...\ndef foo():\n    x = 41\n    return x + 1\n# ... existing code ...\n");
    expect(r).toEqual({ ok: true, text: "import os\n\n\ndef foo():\n    x = 41\n    return x + 1\n\n\ndef bar():\n    return 2\n" });
  });

  it("new lines after a known line are inserted after it; new code after a final marker is appended", () => {
    expect(mergeLazy(PY, "import os\nimport sys\n# ... existing code ...\n")).toEqual({ ok: true, text: `import os\nimport sys\n${PY.slice("import os\n".length)}` });
    expect(mergeLazy(PY, "# ... existing code ...\n\ndef baz():\n    return 3\n")).toEqual({ ok: true, text: `${PY}def baz():\n    return 3\n` });
  });

  it("two segments are placed in order, each between its own anchors, with braces closing the block", () => {
    const ts = "export function a() {\n  if (x) {\n    return 1;\n  }\n  return 0;\n}\n\nexport function b() {\n  return 2;\n}\n";
    const block = "// ... existing code ...\nexport function a() {\n  return -1;\n}\n// ... existing code ...\nexport function b() {\n  return 3;\n}\n";
    expect(mergeLazy(ts, block)).toEqual({ ok: true, text: "export function a() {\n  return -1;\n}\n\nexport function b() {\n  return 3;\n}\n" });
  });

  it("refuses a segment whose anchors appear twice, and one with no known line between two markers", () => {
    const twice = "def a():\n    return None\n\n\ndef b():\n    return None\n";
    expect(mergeLazy(twice, "# ...\n    return None\n    print(1)\n# ...\n")).toMatchObject({ ok: false, reason: "lazy-ambiguous", matches: 2 });
    expect(mergeLazy(PY, "# ...\ndef qux():\n    return 9\n# ...\n")).toMatchObject({ ok: false, reason: "lazy-unanchored" });
  });

  it("does not place code by a lone closing bracket: new code inside a class after the last marker is refused", () => {
    const cls = "export class Store {\n  private items: string[] = [];\n\n  add(item: string): void {\n    this.items.push(item);\n  }\n}\n";
    const r = mergeLazy(cls, "export class Store {\n  // ... existing code ...\n\n  clear(): void {\n    this.items = [];\n  }\n}\n");
    expect(r).toMatchObject({ ok: false, reason: "lazy-unanchored" });
    expect(r.ok ? "" : r.message).toContain("not top-level code");
  });

  it("markers inside a function: the edited if-block is replaced and the closing bracket after the last marker lines up with the file's end", () => {
    const old = "export function handler(req: Request): Response {\n  const id = req.params.id;\n  const user = db.find(id);\n  if (!user) {\n    return notFound();\n  }\n  return ok(user);\n}\n";
    const block = "export function handler(req: Request): Response {\n  // ... existing code ...\n  if (!user) {\n    return notFound(`no user ${id}`);\n  }\n  // ... existing code ...\n}\n";
    expect(mergeLazy(old, block)).toEqual({ ok: true, text: old.replace("notFound()", "notFound(`no user ${id}`)") });
  });
});
