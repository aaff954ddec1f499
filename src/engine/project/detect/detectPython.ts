import { addNamed, dirOf, emptyStack, findManifests, inDir, readRepoFile, type DetectInput, type StackInfo } from "./StackInfo.js";

const FRAMEWORKS: Record<string, [string, string]> = {
  django: ["Django", "web"], flask: ["Flask", "web"], fastapi: ["FastAPI", "web"], starlette: ["Starlette", "web"],
  aiohttp: ["aiohttp", "web"], tornado: ["Tornado", "web"], pydantic: ["Pydantic", "validation"], sqlalchemy: ["SQLAlchemy", "data"],
  numpy: ["NumPy", "science"], pandas: ["pandas", "science"], torch: ["PyTorch", "ml"], tensorflow: ["TensorFlow", "ml"],
  "scikit-learn": ["scikit-learn", "ml"], celery: ["Celery", "jobs"], click: ["Click", "cli"], typer: ["Typer", "cli"], requests: ["Requests", "http"],
};

/** Python projects: pyproject.toml, setup.py/cfg, requirements*.txt, Pipfile, tox.ini, pytest.ini. */
export function detectPython(input: DetectInput): StackInfo {
  const out = emptyStack();
  const roots = new Set<string>();
  for (const name of ["pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile", "pytest.ini", "tox.ini"])
    for (const m of findManifests(input, name, 2)) roots.add(dirOf(m));
  const pyFiles = input.paths.filter((p) => p.endsWith(".py"));
  if (!roots.size && pyFiles.length) roots.add(".");
  for (const dir of [...roots].sort((a, b) => a.length - b.length)) detectIn(input, dir, pyFiles, out);
  return out;
}

function detectIn(input: DetectInput, dir: string, pyFiles: string[], out: StackInfo): void {
  const f = (rel: string): string => inDir(dir, rel);
  const text = (rel: string): string => readRepoFile(input, f(rel)) ?? "";
  const pyproject = text("pyproject.toml");
  const reqFiles = input.paths.filter((p) => dirOf(p) === dir && /^requirements[\w.-]*\.txt$/.test(p.slice(p.lastIndexOf("/") + 1)));
  const depsText = [pyproject, text("setup.py"), text("setup.cfg"), text("Pipfile"), ...reqFiles.map((r) => readRepoFile(input, r) ?? "")].join("\n").toLowerCase();
  let pm = "pip";
  const pmEvidence: string[] = [];
  if (input.pathSet.has(f("poetry.lock")) || /\[tool\.poetry\]/.test(pyproject)) [pm, pmEvidence[0]] = ["poetry", input.pathSet.has(f("poetry.lock")) ? f("poetry.lock") : `${f("pyproject.toml")} [tool.poetry]`];
  else if (input.pathSet.has(f("uv.lock")) || /\[tool\.uv\]/.test(pyproject)) [pm, pmEvidence[0]] = ["uv", input.pathSet.has(f("uv.lock")) ? f("uv.lock") : `${f("pyproject.toml")} [tool.uv]`];
  else if (input.pathSet.has(f("Pipfile"))) [pm, pmEvidence[0]] = ["pipenv", f("Pipfile")];
  else if (input.pathSet.has(f("pdm.lock"))) [pm, pmEvidence[0]] = ["pdm", f("pdm.lock")];
  else pmEvidence.push(...[...reqFiles, ...["pyproject.toml", "setup.py"].filter((x) => input.pathSet.has(f(x))).map(f)].slice(0, 3));
  if (pmEvidence.length) addNamed(out.packageManagers, { name: pm, evidence: pmEvidence });
  for (const [dep, [name, category]] of Object.entries(FRAMEWORKS))
    if (new RegExp(`(^|[\\s"'\\[,])${dep.replace("-", "[-_]")}\\s*([<>=~!;\\[,"'\\]]|$)`, "m").test(depsText)) addNamed(out.frameworks, { name, category, evidence: [`${dir === "." ? "" : `${dir}/`}dependencies → ${dep}`] });
  if (input.pathSet.has(f("manage.py"))) addNamed(out.frameworks, { name: "Django", category: "web", evidence: [f("manage.py")] });
  const local = pyFiles.filter((p) => dir === "." || p.startsWith(`${dir}/`));
  const tests = local.filter((p) => /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(p));
  const pytestEvidence = [
    input.pathSet.has(f("pytest.ini")) && f("pytest.ini"),
    /\[tool\.pytest/.test(pyproject) && `${f("pyproject.toml")} [tool.pytest.ini_options]`,
    /\[(tool:)?pytest\]/.test(text("setup.cfg") + text("tox.ini")) && "setup.cfg/tox.ini [pytest]",
    tests.find((t) => t.endsWith("conftest.py")),
    /(^|[\s"'])pytest\b/m.test(depsText) && "dependencies → pytest",
    tests.find((t) => input.facts.get(t)?.imports.includes("pytest")),
  ].filter((x): x is string => !!x);
  const unittestFile = tests.find((t) => input.facts.get(t)?.imports.includes("unittest"));
  const runPrefix = pm === "poetry" ? "poetry run " : pm === "uv" ? "uv run " : pm === "pipenv" ? "pipenv run " : pm === "pdm" ? "pdm run " : "";
  if (pytestEvidence.length || (tests.length && !unittestFile)) {
    const evidence = pytestEvidence.length ? pytestEvidence : [`${tests.length} test_*.py files`];
    addNamed(out.testFrameworks, { name: "pytest", language: "python", evidence });
    out.testCommands.push({ command: `${runPrefix}pytest`, cwd: dir, framework: "pytest", source: evidence.join(", ") });
  } else if (unittestFile) {
    addNamed(out.testFrameworks, { name: "unittest", language: "python", evidence: [unittestFile] });
    const start = tests[0]!.includes("/") ? ` -s ${tests[0]!.slice(dir === "." ? 0 : dir.length + 1).split("/")[0]}` : "";
    out.testCommands.push({ command: `${runPrefix}python -m unittest discover${start}`, cwd: dir, framework: "unittest", source: `${unittestFile} imports unittest` });
  }
  if (input.pathSet.has(f("tox.ini"))) out.testCommands.push({ command: "tox", cwd: dir, framework: "tox", source: f("tox.ini") });
  for (const m of pyproject.matchAll(/^\s*([\w-]+)\s*=\s*"([\w.]+):(\w+)"/gm))
    if (/\[project\.scripts\]|\[tool\.poetry\.scripts\]/.test(pyproject)) out.entryPoints.push({ path: m[2]!, kind: "cli", evidence: `${f("pyproject.toml")} scripts.${m[1]}` });
  const testSet = new Set(tests);
  for (const p of local) {
    if (p.endsWith("__main__.py")) out.entryPoints.push({ path: p, kind: "main", evidence: "__main__.py" });
    else if (input.facts.get(p)?.hasMain && !testSet.has(p)) out.entryPoints.push({ path: p, kind: "script", evidence: 'if __name__ == "__main__"' });
  }
  if (input.pathSet.has(f("manage.py"))) out.entryPoints.push({ path: f("manage.py"), kind: "cli", evidence: "Django manage.py" });
}
