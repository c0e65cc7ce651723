/**
 * A vendor process's log (issue 15: finished results survive, a run never dies of its own
 * bookkeeping): lines still in the stderr pipe when the process exits reach the log file, and
 * writing them never ends the harness (it once died of ERR_STREAM_WRITE_AFTER_END, mid-run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcessInstance } from '../../src/orchestrator/index.js';
import { loadVendorManifest } from '../../src/topology/index.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

describe('a vendor process whose stderr outlives it', () => {
  it('keeps the lines that come after its exit in its log file, and the harness lives on', async () => {
    const manifest = loadVendorManifest(join(repoRoot, 'tests/fixtures/vendors-noisy/noisy'));
    const dir = tempRunDir();
    for (let round = 0; round < 3; round += 1) {
      const instance = await ProcessInstance.start({
        manifest,
        config: { instance: 'ric-1', vendor: 'noisy', role: 'near-rt-ric' },
        dir: join(dir, String(round)),
        readyTimeoutMs: 15_000,
        root: repoRoot,
      });
      const exit = await instance.exited;
      expect(exit.code).toBe(3);
      // The file is whole once the pipe has been read to its end.
      const deadline = Date.now() + 10_000;
      let text = '';
      while (Date.now() < deadline) {
        text = readFileSync(instance.logFile, 'utf8');
        if (text.endsWith('late line\n')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(text.split('\n').filter(Boolean).slice(-2)).toEqual(['vendor exiting', 'late line']);
    }
  }, 60_000);
});
