import fs from "node:fs";
import path from "node:path";

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same tree. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = (i: number, deps: number[], r: () => number) => string;

function body(r: () => number, n: number, line: (k: number) => string): string {
  return Array.from({ length: n }, (_, k) => line(k + Math.floor(r() * 1000))).join("\n");
}

const TS: Gen = (i, deps, r) =>
  `${deps.map((d) => `import { helper${d} } from "../m${d % 50}/mod${d}.js";`).join("\n")}
import { coreHub } from "../core/hub.js";

/** Module ${i}. */
export interface Options${i} {
  size: number;
  label?: string;
}

export class Service${i} {
  private count = 0;
  constructor(private readonly options: Options${i}) {}
  run(input: number): number {
    this.count += input;
    return coreHub(input) + this.count;
  }
${body(r, 6, (k) => `  method${k}(a: number, b: string): string {\n    return b.repeat(a % 3) + String(${k});\n  }`)}
}

export function helper${i}(x: number): number {
  // TODO: tune helper ${i}
${deps.map((d) => `  x += helper${d}(x - 1);`).join("\n")}
  return x * ${i % 7};
}
${body(r, 4, (k) => `export const value${k}_${i} = (n: number): number => n + ${k};`)}
`;

const PY: Gen = (i, deps, r) =>
  `${deps.map((d) => `from pkg.p${d % 50}.mod${d} import helper${d}`).join("\n")}
from pkg.core.hub import core_hub

MAX_ITEMS_${i} = ${i}


class Service${i}:
    """Service ${i}."""

    def __init__(self, size: int) -> None:
        self.size = size

    def run(self, value: int) -> int:
        return core_hub(value) + self.size
${body(r, 6, (k) => `\n    def method_${k}(self, a: int, b: str) -> str:\n        return b * (a % 3) + str(${k})`)}


def helper${i}(x: int) -> int:
    # ${"FIX" + "ME"}: check helper ${i}
${deps.map((d) => `    x += helper${d}(x - 1)`).join("\n")}
    return x * ${i % 7}
`;

const GO: Gen = (i, deps, r) =>
  `package m${i % 50}

import (
\t"example.com/gen/core"
)

// Service${i} does work.
type Service${i} struct {
\tSize int
}

func (s *Service${i}) Run(v int) int { return core.Hub(v) + s.Size }
${body(r, 6, (k) => `\nfunc (s *Service${i}) Method${k}(a int, b string) string {\n\treturn b + string(rune(a+${k}))\n}`)}

func Helper${i}(x int) int {
\treturn x * ${i % 7}${deps.length ? ` + ${deps.length}` : ""}
}
`;

const RS: Gen = (i, _deps, r) =>
  `use crate::core::hub;

/// Service ${i}.
pub struct Service${i} {
    pub size: usize,
}

impl Service${i} {
    pub fn run(&self, v: usize) -> usize {
        hub(v) + self.size
    }
${body(r, 6, (k) => `    pub fn method_${k}(&self, a: usize) -> usize {\n        a + ${k}\n    }`)}
}

pub fn helper${i}(x: usize) -> usize {
    x * ${i % 7}
}
`;

const JAVA: Gen = (i, _deps, r) =>
  `package com.gen.m${i % 50};

import com.gen.core.Hub;

public class Service${i} {
    private int size;

    public Service${i}(int size) {
        this.size = size;
    }

    public int run(int v) {
        return Hub.hub(v) + size;
    }
${body(r, 6, (k) => `\n    public String method${k}(int a, String b) {\n        return b + (a + ${k});\n    }`)}
}
`;

const KINDS: Array<{ share: number; ext: string; dir: (i: number) => string; gen: Gen }> = [
  { share: 0.45, ext: "ts", dir: (i) => `src/m${i % 50}/mod${i}`, gen: TS },
  { share: 0.25, ext: "py", dir: (i) => `pkg/p${i % 50}/mod${i}`, gen: PY },
  { share: 0.12, ext: "go", dir: (i) => `go/m${i % 50}/svc${i}`, gen: GO },
  { share: 0.1, ext: "rs", dir: (i) => `rust/src/m${i % 50}/svc${i}`, gen: RS },
  { share: 0.08, ext: "java", dir: (i) => `java/src/main/java/com/gen/m${i % 50}/Service${i}`, gen: JAVA },
];

/**
 * Write a synthetic multi-language repository of `files` source files (plus a hub per language, manifests,
 * a .gitignore and some docs) under `dir`. Same seed, same tree. Returns the number of files written.
 */
export function generateRepo(dir: string, files = 10_000, seed = 42): number {
  const r = rng(seed);
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel: string, text: string): void => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  };
  let written = 0;
  let start = 0;
  for (const kind of KINDS) {
    const n = Math.round(files * kind.share);
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const deps = kind.ext === "ts" || kind.ext === "py" ? [0, 1, 2].filter(() => r() < 0.5).map(() => start + Math.floor(r() * n)) : [];
      write(`${kind.dir(i)}.${kind.ext}`, kind.gen(i, deps, r));
      written++;
    }
    start += n;
  }
  write("src/core/hub.ts", "/** The hub every module uses. */\nexport function coreHub(x: number): number {\n  return x + 1;\n}\n");
  write("pkg/core/hub.py", "def core_hub(x: int) -> int:\n    return x + 1\n");
  write("pkg/__init__.py", "");
  write("go/core/hub.go", "package core\n\n// Hub is used everywhere.\nfunc Hub(x int) int { return x + 1 }\n");
  write("go/go.mod", "module example.com/gen\n\ngo 1.22\n");
  write("rust/Cargo.toml", '[package]\nname = "gen"\nversion = "0.1.0"\nedition = "2021"\n');
  write("rust/src/core.rs", "pub fn hub(x: usize) -> usize {\n    x + 1\n}\n");
  write("java/pom.xml", "<project><artifactId>gen</artifactId><dependencies><dependency><artifactId>junit-jupiter</artifactId></dependency></dependencies></project>\n");
  write("java/src/main/java/com/gen/core/Hub.java", "package com.gen.core;\n\npublic class Hub {\n    public static int hub(int x) { return x + 1; }\n}\n");
  write("package.json", JSON.stringify({ name: "gen", type: "module", scripts: { test: "vitest run" }, devDependencies: { vitest: "^4.0.0", typescript: "^5.9.0" } }, null, 2));
  write(".gitignore", "dist/\n*.log\n");
  write("README.md", "# Generated repository\n\nFor benchmarks.\n");
  return written + 11;
}
