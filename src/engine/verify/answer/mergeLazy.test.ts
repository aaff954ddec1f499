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
    const twice = "def a():\n    pass\n\n\ndef b():\n    pass\n";
    expect(mergeLazy(twice, "# ...\n    pass\n    print(1)\n# ...\n")).toMatchObject({ ok: false, reason: "lazy-ambiguous", matches: 2 });
    expect(mergeLazy(PY, "# ...\ndef qux():\n    return 9\n# ...\n")).toMatchObject({ ok: false, reason: "lazy-unanchored" });
  });
});
