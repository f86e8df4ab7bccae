// Prints the one closing line CI reads, `N passed, N failed`, from the Vitest JSON reports of this run.
// A test file that failed to load (no test ran) counts as one failure, so a broken file cannot pass unseen.
import { existsSync, readFileSync } from 'node:fs';

const REPORTS = [
  'test-results/unit.json',
  'test-results/e2e.json',
  'test-results/e2e-firefox.json',
  'test-results/bench-smoke.json',
];

export function countReport(report) {
  let passed = 0;
  let failed = 0;
  for (const file of report.testResults ?? []) {
    const results = file.assertionResults ?? [];
    passed += results.filter((r) => r.status === 'passed').length;
    const failedHere = results.filter((r) => r.status === 'failed').length;
    failed += failedHere;
    if (file.status === 'failed' && failedHere === 0) failed += 1;
  }
  return { passed, failed };
}

let passed = 0;
let failed = 0;
for (const path of REPORTS) {
  if (!existsSync(path)) continue;
  const counts = countReport(JSON.parse(readFileSync(path, 'utf8')));
  passed += counts.passed;
  failed += counts.failed;
}
// A step that failed before or outside Vitest (typecheck, lint, build) is one failure too.
const exitCode = Number(/--exit-code=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 0);
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
