/**
 * `npm run bench -- hostileModels`: time one models listing over a folder of hostile GGUF files (every variant of
 * tests/support/gguf/writeHostileGguf, 491 KB each). Goal (issue 12): ≤ 1 s for the folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GgufCatalog } from "../src/engine/models/GgufCatalog.js";
import { writeHostileGguf, type HostileGguf } from "../tests/support/gguf/index.js";
import type { BenchReport } from "./report.js";

export default async function bench(): Promise<BenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bench-hostile-"));
  try {
    const variants: HostileGguf[] = [
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12].map((t): HostileGguf => ({ kind: "hugeArray", elementType: t })),
      { kind: "hugeArray", elementType: 4, count: 2n ** 32n - 1n },
      { kind: "hugeKeyLength" }, { kind: "hugeStringValue" }, { kind: "stringPastEof" }, { kind: "kvCountPastEof" },
      { kind: "tensorCountHuge" }, { kind: "tensorDimsHuge" }, { kind: "nestedArrayBomb" },
    ];
    variants.forEach((v, i) => writeHostileGguf(path.join(dir, `hostile-${i}.gguf`), v, 491 * 1024));
    const catalog = new GgufCatalog({ dirs: [dir], stores: null, contextSize: 4096 });
    const t = performance.now();
    const models = await catalog.list();
    const sec = (performance.now() - t) / 1000;
    const invalid = models.filter((m) => m.problem).length;
    return {
      suite: "hostileModels",
      startedAt: new Date().toISOString(),
      rows: [
        { name: `list ${variants.length} hostile files`, value: sec, unit: "s", goal: "≤ 1", pass: sec <= 1 },
        { name: "listed as invalid", value: invalid, unit: "files", goal: `= ${variants.length}`, pass: invalid === variants.length },
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
