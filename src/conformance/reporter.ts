/**
 * A reporter is an interface of optional hooks over the results model; the multiplexer isolates
 * reporters so one that throws cannot break the run or the others (after Playwright's
 * reporterV2 / multiplexer).
 */
import type { CaseResult, RunBegin, RunEnd } from './results.js';

export interface Reporter {
  onBegin?(event: RunBegin): void;
  onCaseEnd?(result: CaseResult): void;
  onEnd?(event: RunEnd, results: readonly CaseResult[]): void | Promise<void>;
}

export function multiplexReporters(
  reporters: readonly Reporter[],
  warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): Reporter {
  const guard = <A extends unknown[]>(hook: keyof Reporter, args: A): Promise<void> =>
    Promise.all(
      reporters.map(async (reporter, i) => {
        try {
          await (reporter[hook] as ((...a: A) => unknown) | undefined)?.(...args);
        } catch (error) {
          warn(`reporter ${i + 1} failed in ${hook}: ${(error as Error).message}`);
        }
      }),
    ).then(() => {});
  return {
    onBegin: (event) => void guard('onBegin', [event]),
    onCaseEnd: (result) => void guard('onCaseEnd', [result]),
    onEnd: (event, results) => guard('onEnd', [event, results]),
  };
}
