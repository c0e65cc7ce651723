// Prints vitest's JSON results as the plain closing line CI reads: "N passed, N failed".
// A step of `npm test` that failed before vitest ran (lint, typecheck, stale generated code)
// counts as one failure, so a red pipeline never reads as green.
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
if (!file || !existsSync(file)) {
  console.log('vitest did not run: a step before it (gen:check, lint or typecheck) failed; see above');
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
let failed = results.numFailedTests;
if (failed === 0 && Number(status) !== 0) {
  console.log(
    `npm test exited ${status} with no failed test (a suite failed to load, or a step after vitest)`,
  );
  failed = 1;
}
console.log(`${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
