// Reads vitest's JSON report and prints the one closing line CI looks for: `N passed, N failed`
// (preceded by `tests: N skipped` when some were). Exits non-zero if anything failed, a file could not run,
// vitest itself failed, or no test ran at all.
import { readFileSync } from "node:fs";

const [file, vitestStatus = "0"] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  console.log(`tests: no vitest report at ${file} (${error.message})`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const passed = report.numPassedTests ?? 0;
// A file that fails to load has no failed test but a failed suite: count it, so it cannot hide.
const brokenFiles = (report.testResults ?? []).filter(
  (r) => r.status === "failed" && (r.assertionResults ?? []).every((a) => a.status !== "failed"),
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

for (const r of report.testResults ?? []) {
  if (r.status === "failed" && r.message) console.log(`tests: ${r.name}: ${r.message.split("\n")[0]}`);
}
// The closing line is exactly `N passed, N failed` (what CI parses); skipped tests get the line before.
if (skipped) console.log(`tests: ${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
const ok = failed === 0 && passed > 0 && report.success !== false && vitestStatus === "0";
process.exit(ok ? 0 : 1);
