import { addNamed, dirOf, emptyStack, findManifests, inDir, readRepoFile, type DetectInput, type StackInfo } from "./StackInfo.js";

const GO_FRAMEWORKS: Record<string, [string, string]> = {
  "github.com/gin-gonic/gin": ["Gin", "web"], "github.com/labstack/echo": ["Echo", "web"], "github.com/gofiber/fiber": ["Fiber", "web"],
  "github.com/go-chi/chi": ["chi", "web"], "github.com/gorilla/mux": ["gorilla/mux", "web"], "github.com/spf13/cobra": ["Cobra", "cli"],
  "google.golang.org/grpc": ["gRPC", "api"], "gorm.io/gorm": ["GORM", "data"], "github.com/stretchr/testify": ["testify", "testing"],
};
const RUST_FRAMEWORKS: Record<string, [string, string]> = {
  tokio: ["Tokio", "async"], "actix-web": ["Actix Web", "web"], axum: ["Axum", "web"], rocket: ["Rocket", "web"], warp: ["warp", "web"],
  serde: ["Serde", "serialization"], clap: ["clap", "cli"], diesel: ["Diesel", "data"], sqlx: ["SQLx", "data"], bevy: ["Bevy", "game"],
};

/** go.mod folder → module path, for import resolution. */
export function goModules(input: DetectInput): Map<string, string> {
  const mods = new Map<string, string>();
  for (const m of findManifests(input, "go.mod", 4)) {
    const mod = readRepoFile(input, m)?.match(/^module\s+(\S+)/m)?.[1];
    if (mod) mods.set(dirOf(m) === "." ? "" : dirOf(m), mod);
  }
  return mods;
}

/** Go modules: go.mod, `_test.go` files, `package main` + `func main`. */
export function detectGo(input: DetectInput): StackInfo {
  const out = emptyStack();
  const goMods = findManifests(input, "go.mod", 4);
  const allTests = goMods.length ? input.paths.filter((p) => p.endsWith("_test.go")) : [];
  for (const m of goMods) {
    const dir = dirOf(m);
    const text = readRepoFile(input, m) ?? "";
    addNamed(out.packageManagers, { name: "go modules", evidence: [m] });
    for (const [mod, [name, category]] of Object.entries(GO_FRAMEWORKS))
      if (text.includes(mod)) addNamed(out.frameworks, { name, category, evidence: [`${m} → ${mod}`] });
    const tests = allTests.filter((p) => dir === "." || p.startsWith(`${dir}/`));
    if (tests.length) {
      addNamed(out.testFrameworks, { name: "go test", language: "go", evidence: [`${tests.length} _test.go files, e.g. ${tests[0]}`] });
      out.testCommands.push({ command: "go test ./...", cwd: dir, framework: "go test", source: `${m} + ${tests.length} _test.go files` });
    }
  }
  // forEach, not for…of: no [key, value] pair allocated per file.
  input.facts.forEach((f, p) => void (f.language === "go" && f.hasMain && out.entryPoints.push({ path: p, kind: "main", evidence: "package main, func main" })));
  return out;
}

/** Rust crates: Cargo.toml, src/main.rs, src/bin, src/lib.rs. */
export function detectRust(input: DetectInput): StackInfo {
  const out = emptyStack();
  for (const m of findManifests(input, "Cargo.toml", 3)) {
    const dir = dirOf(m);
    const text = readRepoFile(input, m) ?? "";
    addNamed(out.packageManagers, { name: "cargo", evidence: [m] });
    for (const [crate, [name, category]] of Object.entries(RUST_FRAMEWORKS))
      if (new RegExp(`^\\s*${crate}\\s*=`, "m").test(text)) addNamed(out.frameworks, { name, category, evidence: [`${m} → ${crate}`] });
    const isWorkspaceMember = out.testCommands.some((c) => c.command.startsWith("cargo test") && c.source.includes("[workspace]") && dir.startsWith(c.cwd === "." ? "" : c.cwd));
    if (!isWorkspaceMember) {
      const ws = /^\[workspace\]/m.test(text);
      out.testCommands.push({ command: ws ? "cargo test --workspace" : "cargo test", cwd: dir, framework: "cargo test", source: `${m}${ws ? " [workspace]" : ""}` });
      addNamed(out.testFrameworks, { name: "cargo test", language: "rust", evidence: [m] });
    }
    for (const [file, kind] of [["src/main.rs", "main"], ["src/lib.rs", "library"]] as const)
      if (input.pathSet.has(inDir(dir, file))) out.entryPoints.push({ path: inDir(dir, file), kind, evidence: `${m} (cargo default target)` });
    const bin = inDir(dir, "src/bin/");
    for (const p of input.paths) if (p.startsWith(bin) && p.endsWith(".rs")) out.entryPoints.push({ path: p, kind: "main", evidence: "src/bin target" });
  }
  return out;
}
