#!/usr/bin/env node
// Print vitest's totals as the plain closing line CI tools read: "N passed, N failed, N skipped".
import fs from "node:fs";
const file = process.argv[2] ?? "test-artifacts/vitest-report.json";
const r = JSON.parse(fs.readFileSync(file, "utf8"));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
