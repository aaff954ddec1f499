import type { Tree } from "./writeTree.js";

/** Python + pytest: `pkg/core.py` is the hub three modules import. */
export const pytestRepo: Tree = {
  "pyproject.toml": '[project]\nname = "demo-py"\ndependencies = ["requests>=2"]\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  "pkg/__init__.py": "",
  "pkg/core.py": [
    "import os",
    "",
    "MAX_ITEMS = 10",
    "",
    "",
    "class Registry:",
    '    """Keeps things."""',
    "",
    "    def __init__(self) -> None:",
    "        self.items = []",
    "",
    "    def add(self, item: str) -> int:",
    "        self.items.append(item)",
    "        return len(self.items)",
    "",
    "",
    "def register(name: str) -> Registry:",
    "    r = Registry()",
    "    r.add(name)",
    "    return r",
    "",
  ].join("\n"),
  "pkg/a.py": "from pkg.core import register\n\n\ndef make_alpha() -> None:\n    register('a')\n",
  "pkg/b.py": "from .core import Registry\n\n\ndef build_beta() -> int:\n    return Registry().add('b')\n",
  "pkg/c.py": "import pkg.core\n\n\ndef run_gamma():\n    return pkg.core.register('c')\n",
  "tests/test_core.py": "import pytest\nfrom pkg.core import register\n\n\ndef test_register():\n    assert register('x').items == ['x']\n",
};

/** TypeScript + Vitest (npm): `src/hub.ts` is imported by every other module. */
export const vitestRepo: Tree = {
  "package.json": JSON.stringify({ name: "demo-ts", type: "module", scripts: { test: "vitest run" }, devDependencies: { vitest: "^4.0.0", typescript: "^5.9.0" } }, null, 2),
  "package-lock.json": "{}",
  "tsconfig.json": '{ "compilerOptions": { "strict": true } }',
  "src/hub.ts": [
    "/** Shared helpers. */",
    "export interface HubOptions {",
    "  size: number;",
    "}",
    "",
    "export class Hub {",
    "  constructor(private readonly options: HubOptions) {}",
    "  sizeOf(): number {",
    "    return this.options.size;",
    "  }",
    "}",
    "",
    "export function createHub(size: number): Hub {",
    "  return new Hub({ size });",
    "}",
    "",
    "export const DEFAULT_SIZE = 3;",
    "",
  ].join("\n"),
  "src/a.ts": 'import { createHub } from "./hub.js";\n\nexport function useA(): number {\n  return createHub(1).sizeOf();\n}\n',
  "src/b.ts": 'import { Hub } from "./hub.js";\nimport { useA } from "./a.js";\n\nexport const makeB = (): Hub => new Hub({ size: useA() });\n',
  "src/c.ts": 'import { DEFAULT_SIZE, createHub } from "./hub.js";\nimport { useA } from "./a.js";\n\nexport function useC(): number {\n  return createHub(DEFAULT_SIZE).sizeOf() + useA();\n}\n',
  "src/hub.test.ts": 'import { expect, it } from "vitest";\nimport { createHub } from "./hub.js";\n\nit("works", () => expect(createHub(2).sizeOf()).toBe(2));\n',
};

/** JavaScript + Jest (yarn), no test script. */
export const jestRepo: Tree = {
  "package.json": JSON.stringify({ name: "demo-js", main: "lib/index.js", devDependencies: { jest: "^29.0.0" } }),
  "yarn.lock": "# yarn lockfile v1\n",
  "lib/index.js": "const { util } = require('./util');\nmodule.exports = { run: () => util() };\n",
  "lib/util.js": "function util() { return 1; }\nmodule.exports = { util };\n",
  "lib/util.spec.js": "const { util } = require('./util');\ntest('util', () => expect(util()).toBe(1));\n",
};

/** Go module: cmd/app/main.go uses internal/hub. */
export const goRepo: Tree = {
  "go.mod": "module example.com/demo\n\ngo 1.22\n\nrequire github.com/spf13/cobra v1.8.0\n",
  "internal/hub/hub.go": "package hub\n\n// Server serves.\ntype Server struct {\n\tAddr string\n}\n\nfunc (s *Server) Start(port int) error {\n\treturn nil\n}\n\nfunc New(addr string) *Server {\n\treturn &Server{Addr: addr}\n}\n",
  "internal/hub/hub_test.go": 'package hub\n\nimport "testing"\n\nfunc TestNew(t *testing.T) {\n\tif New("x").Addr != "x" {\n\t\tt.Fatal("addr")\n\t}\n}\n',
  "cmd/app/main.go": 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/demo/internal/hub"\n)\n\nfunc main() {\n\tfmt.Println(hub.New(":80").Start(80))\n}\n',
};

/** Rust crate: src/main.rs declares `mod util;`. */
export const cargoRepo: Tree = {
  "Cargo.toml": '[package]\nname = "demo-rs"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = "1"\n',
  "src/main.rs": "mod util;\n\nuse crate::util::Shape;\n\nfn main() {\n    let s = util::Square { side: 2.0 };\n    println!(\"{}\", s.area());\n}\n",
  "src/util.rs": "pub trait Shape {\n    fn area(&self) -> f64;\n}\n\npub struct Square {\n    pub side: f64,\n}\n\nimpl Shape for Square {\n    fn area(&self) -> f64 {\n        self.side * self.side\n    }\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn area() {\n        assert_eq!(Square { side: 2.0 }.area(), 4.0);\n    }\n}\n",
};

/** Java + Maven wrapper + JUnit 5. */
export const mavenRepo: Tree = {
  "pom.xml": "<project><artifactId>demo</artifactId><dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId></dependency></dependencies></project>\n",
  mvnw: "#!/bin/sh\n",
  "src/main/java/com/demo/App.java": "package com.demo;\n\nimport com.demo.util.Greeter;\n\npublic class App {\n    public static void main(String[] args) {\n        System.out.println(new Greeter().greet(\"x\"));\n    }\n}\n",
  "src/main/java/com/demo/util/Greeter.java": "package com.demo.util;\n\npublic class Greeter {\n    public String greet(String name) {\n        return \"hi \" + name;\n    }\n}\n",
  "src/test/java/com/demo/util/GreeterTest.java": "package com.demo.util;\n\nimport org.junit.jupiter.api.Test;\n\nclass GreeterTest {\n    @Test\n    void greets() {}\n}\n",
};
