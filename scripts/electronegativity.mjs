#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) over src/, as a CI report step.
// Prints every finding; exits 1 when a high or medium finding is not explained in build/electronegativity.json,
// 3 when the scanner itself could not run (npm unreachable), 0 otherwise. The CSV lands in test-artifacts/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VERSION = "1.10.3";
const electron = JSON.parse(fs.readFileSync(path.join(root, "node_modules/electron/package.json"), "utf8")).version;
const out = path.join(root, "test-artifacts", "electronegativity.csv");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
// -e: the scanner cannot detect the version offline (it would assume 0.1.0); its release-list fetch fails harmlessly.
const r = spawnSync("npm", ["exec", "--yes", `--package=@doyensec/electronegativity@${VERSION}`, "--", "electronegativity", "-i", "src", "-r", "-e", electron, "-o", out, "-v", "false"], { cwd: root, encoding: "utf8", timeout: 600_000 });
if (r.status !== 0 || !fs.existsSync(out)) {
  process.stderr.write(`electronegativity ${VERSION} could not run (exit ${r.status}): ${(r.stderr || r.stdout || "").trim().slice(-2000)}\n`);
  process.exit(3);
}

/** Minimal CSV reader for the scanner's output (quoted fields, doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell.trim());
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\n") {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== "\r") cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

const [head, ...rows] = parseCsv(fs.readFileSync(out, "utf8"));
const col = (name) => head.findIndex((h) => h.trim() === name);
const findings = rows.filter((x) => x.length > 3).map((x) => ({ check: x[col("issue")], severity: x[col("severity")], confidence: x[col("confidence")], file: x[col("filename")], at: x[col("location")], description: x[col("description")] }));
const explained = JSON.parse(fs.readFileSync(path.join(root, "build/electronegativity.json"), "utf8")).explained;
let unexplained = 0;
process.stdout.write(`Electronegativity ${VERSION} (Electron ${electron}): ${findings.length} finding(s)\n`);
for (const f of findings) {
  const why = explained.find((e) => e.check === f.check && e.file === f.file);
  const gating = f.severity === "HIGH" || f.severity === "MEDIUM";
  if (gating && !why) unexplained++;
  const mark = !gating ? "·" : why ? "✔ explained" : "✘ UNEXPLAINED";
  process.stdout.write(`  ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.at} — ${f.description} [${mark}]\n`);
}
process.stdout.write(unexplained ? `${unexplained} high/medium finding(s) not explained in build/electronegativity.json\n` : "no unexplained high or medium finding\n");
process.exit(unexplained ? 1 : 0);
