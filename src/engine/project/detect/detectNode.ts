import { addNamed, dirOf, emptyStack, findManifests, inDir, readRepoFile, type DetectInput, type StackInfo } from "./StackInfo.js";

const FRAMEWORKS: Record<string, [string, string]> = {
  react: ["React", "ui"], next: ["Next.js", "web"], vue: ["Vue", "ui"], nuxt: ["Nuxt", "web"], svelte: ["Svelte", "ui"],
  "@sveltejs/kit": ["SvelteKit", "web"], "@angular/core": ["Angular", "ui"], "solid-js": ["Solid", "ui"], preact: ["Preact", "ui"],
  express: ["Express", "server"], fastify: ["Fastify", "server"], koa: ["Koa", "server"], hono: ["Hono", "server"],
  "@nestjs/core": ["NestJS", "server"], electron: ["Electron", "desktop"], "react-native": ["React Native", "mobile"],
  vite: ["Vite", "build"], webpack: ["webpack", "build"], "electron-vite": ["electron-vite", "build"], esbuild: ["esbuild", "build"],
  zustand: ["Zustand", "state"], redux: ["Redux", "state"], "@reduxjs/toolkit": ["Redux Toolkit", "state"],
  tailwindcss: ["Tailwind CSS", "styling"], prisma: ["Prisma", "data"], typeorm: ["TypeORM", "data"], "drizzle-orm": ["Drizzle", "data"],
  "better-sqlite3": ["better-sqlite3", "data"], zod: ["Zod", "validation"], graphql: ["GraphQL", "api"], "socket.io": ["Socket.IO", "api"],
  commander: ["Commander", "cli"], yargs: ["yargs", "cli"], typescript: ["TypeScript", "language"],
};
const TEST_RUNNERS: Record<string, string> = {
  vitest: "Vitest", jest: "Jest", mocha: "Mocha", ava: "AVA", "@playwright/test": "Playwright", cypress: "Cypress",
  jasmine: "Jasmine", tap: "tap", uvu: "uvu", "playwright-core": "Playwright (library)",
};
const PLACEHOLDER = /no test specified/;

function packageManager(input: DetectInput, dir: string, pkg: Record<string, unknown>): { name: string; evidence: string } {
  if (typeof pkg.packageManager === "string") return { name: pkg.packageManager.split("@")[0]!, evidence: `${inDir(dir, "package.json")} packageManager` };
  for (const d of dir === "." ? ["."] : [dir, "."]) {
    for (const [file, name] of [["pnpm-lock.yaml", "pnpm"], ["yarn.lock", "yarn"], ["bun.lock", "bun"], ["bun.lockb", "bun"], ["package-lock.json", "npm"]] as const)
      if (input.pathSet.has(inDir(d, file))) return { name, evidence: inDir(d, file) };
  }
  return { name: "npm", evidence: `${inDir(dir, "package.json")} (no lockfile)` };
}

/** Node.js / TypeScript projects: every package.json (workspaces too). */
export function detectNode(input: DetectInput): StackInfo {
  const out = emptyStack();
  for (const manifest of findManifests(input, "package.json")) {
    let pkg: Record<string, unknown>;
    try {
      pkg = JSON.parse(readRepoFile(input, manifest) ?? "") as Record<string, unknown>;
    } catch {
      continue;
    }
    const dir = dirOf(manifest);
    const pm = packageManager(input, dir, pkg);
    addNamed(out.packageManagers, { name: pm.name, evidence: [pm.evidence] });
    const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object), ...(pkg.peerDependencies as object) } as Record<string, string>;
    for (const [dep, [name, category]] of Object.entries(FRAMEWORKS))
      if (dep in deps) addNamed(out.frameworks, { name, category, evidence: [`${manifest} → ${dep}@${deps[dep]}`] });
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    const runners = Object.entries(TEST_RUNNERS).filter(([dep]) => dep in deps);
    if (/node\s+--test/.test(scripts.test ?? "")) runners.push(["node:test", "node:test"]);
    for (const [dep, name] of runners) addNamed(out.testFrameworks, { name, language: "typescript" in deps ? "typescript" : "javascript", evidence: [`${manifest} → ${dep}`] });
    const run = pm.name === "npm" ? "npm" : pm.name === "bun" ? "bun run" : pm.name;
    if (scripts.test && !PLACEHOLDER.test(scripts.test)) {
      out.testCommands.push({ command: `${run} test`, cwd: dir, framework: runners[0]?.[1], source: `${manifest} scripts.test = "${scripts.test}"` });
    } else if (runners.length) {
      const [dep, name] = runners[0]!;
      const cmd = dep === "vitest" ? "vitest run" : dep === "@playwright/test" ? "playwright test" : dep;
      const exec = { npm: "npx", yarn: "yarn", pnpm: "pnpm exec", bun: "bunx" }[pm.name] ?? "npx";
      out.testCommands.push({ command: `${exec} ${cmd}`, cwd: dir, framework: name, source: `${manifest} devDependencies → ${dep} (no test script)` });
    }
    addEntryPoints(out, manifest, dir, pkg, scripts);
  }
  return out;
}

function addEntryPoints(out: StackInfo, manifest: string, dir: string, pkg: Record<string, unknown>, scripts: Record<string, string>): void {
  const add = (file: unknown, kind: string, evidence: string): void => {
    if (typeof file === "string" && file) out.entryPoints.push({ path: inDir(dir, file.replace(/^\.\//, "")), kind, evidence: `${manifest} ${evidence}` });
  };
  add(pkg.main, "main", "main");
  add(pkg.module, "module", "module");
  if (typeof pkg.bin === "string") add(pkg.bin, "cli", "bin");
  else if (pkg.bin && typeof pkg.bin === "object") for (const [k, v] of Object.entries(pkg.bin)) add(v, "cli", `bin.${k}`);
  const exp = pkg.exports;
  if (typeof exp === "string") add(exp, "library", "exports");
  for (const name of ["start", "dev", "serve"]) {
    const m = scripts[name]?.match(/\b(?:node|tsx|ts-node|bun|deno run)\s+(?:--[\w-]+(?:[= ]\S+)?\s+)*([\w./-]+\.[cm]?[jt]sx?)\b/);
    if (m) add(m[1], "script", `scripts.${name}`);
  }
}
