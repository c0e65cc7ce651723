import { describe, expect, it } from 'vitest';
import {
  applySlicePrbQuota,
  bitsPerPrb,
  type CellConfig,
  createRanState,
  createScheduler,
  createTrafficModel,
  rbgSize,
  type SlotResult,
  type UeConfig,
} from '../../src/ran/index.js';
import { plugfestErrorOf } from './helpers.js';

const cell100: CellConfig = { cellId: 'cell-a', bandwidthMhz: 100, scsKhz: 30 }; // 273 PRBs
const cell20: CellConfig = { cellId: 'cell-b', bandwidthMhz: 20, scsKhz: 15 }; // 106 PRBs
const fullBuffer = 10_000_000; // kbit/s: far beyond what any carrier here carries

function ue(ueId: number, cellId: string, rest: Partial<UeConfig> = {}): UeConfig {
  return { ueId, cellId, snssai: { sst: 1 }, dlKbps: fullBuffer, ulKbps: fullBuffer, cqi: 12, ...rest };
}

function run(slots: number, schedule: () => SlotResult): SlotResult[] {
  return Array.from({ length: slots }, schedule);
}

function prbsOf(results: SlotResult[], ueId: number, direction: 'dl' | 'ul' = 'dl'): number {
  return results.flatMap((r) => r[direction]).reduce((n, a) => (a.ueId === ueId ? n + a.prbCount : n), 0);
}

function expectSoundLayout(result: SlotResult): void {
  for (const direction of ['dl', 'ul'] as const) {
    let next = 0;
    for (const a of result[direction]) {
      expect(a.prbStart).toBe(next); // contiguous, in UE order, no overlap
      expect(a.prbCount).toBeGreaterThan(0);
      next = a.prbStart + a.prbCount;
    }
    expect(next).toBeLessThanOrEqual(result.prbTotal);
    expect(next).toBe(direction === 'dl' ? result.prbUsedDl : result.prbUsedUl);
  }
}

describe('channel model', () => {
  it('carries efficiency x 168 REs x (1 - overhead) bits a PRB', () => {
    // TS 38.214 Table 5.2.2.1-2: CQI 15 is 5.5547 bits/RE; TS 38.306 overhead 0.14 DL, 0.08 UL.
    expect(bitsPerPrb(15, 'dl')).toBe(802);
    expect(bitsPerPrb(15, 'ul')).toBe(858);
    expect(bitsPerPrb(7, 'dl')).toBe(213); // 1.4766 x 168 x 0.86 = 213.3
    expect(bitsPerPrb(0, 'dl')).toBe(0);
  });

  it('steps PRBs in RBGs of 2, 4, 8 or 16 by carrier size (TS 38.214 Table 5.1.2.2.1-1)', () => {
    expect([24, 36, 51, 72, 106, 144, 273].map(rbgSize)).toEqual([2, 2, 4, 4, 8, 8, 16]);
  });
});

describe('proportional-fair scheduler', () => {
  it('uses every PRB under full load and never one beyond N_RB', () => {
    const state = createRanState({ cells: [cell100], ues: [1, 2, 3].map((id) => ue(id, 'cell-a')) });
    const scheduler = createScheduler(state);
    for (const result of run(200, () => scheduler.scheduleSlot('cell-a'))) {
      expect(result.prbTotal).toBe(273);
      expect(result.prbUsedDl).toBe(273);
      expect(result.prbUsedUl).toBe(273);
      expectSoundLayout(result);
    }
  });

  it('shares fairly between equal UEs', () => {
    const state = createRanState({ cells: [cell100], ues: [1, 2].map((id) => ue(id, 'cell-a')) });
    const scheduler = createScheduler(state);
    const results = run(1000, () => scheduler.scheduleSlot('cell-a'));
    const [a, b] = [prbsOf(results, 1), prbsOf(results, 2)];
    expect(a + b).toBe(273 * 1000);
    expect(Math.abs(a - b) / (a + b)).toBeLessThan(0.01);
    const perSlot = results.map((r) => r.dl.map((x) => x.prbCount));
    expect(perSlot.every((counts) => counts.length === 2 && Math.min(...counts) >= 120)).toBe(true);
  });

  it('gives static channels equal PRB shares, so the better channel carries more bytes', () => {
    const state = createRanState({
      cells: [cell100],
      ues: [ue(1, 'cell-a', { cqi: 15 }), ue(2, 'cell-a', { cqi: 5 })],
    });
    const scheduler = createScheduler(state);
    const results = run(1000, () => scheduler.scheduleSlot('cell-a'));
    const share = prbsOf(results, 1) / (273 * 1000);
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
    expect(scheduler.averageBitsPerSlot(1, 'dl')).toBeGreaterThan(5 * scheduler.averageBitsPerSlot(2, 'dl'));
  });

  it('delivers exactly the offered load when the carrier has room', () => {
    // 10 Mbit/s on 0.5 ms slots is 625 bytes a slot; 2000 slots are one second of air.
    const state = createRanState({
      cells: [cell100],
      ues: [ue(1, 'cell-a', { dlKbps: 10_000, ulKbps: 1_000 })],
    });
    const scheduler = createScheduler(state);
    const results = run(2000, () => scheduler.scheduleSlot('cell-a'));
    const bytes = (d: 'dl' | 'ul') => results.flatMap((r) => r[d]).reduce((n, a) => n + a.bytes, 0);
    expect(bytes('dl')).toBe(1_250_000);
    expect(bytes('ul')).toBe(125_000);
    expect(results.every((r) => r.prbUsedDl < 273)).toBe(true);
    expect(state.ues.get(1)?.dlBacklogBytes).toBe(0);
  });

  it('schedules nobody whose buffers are empty or whose CQI is out of range', () => {
    const state = createRanState({
      cells: [cell100],
      ues: [ue(1, 'cell-a', { dlKbps: 0, ulKbps: 0 }), ue(2, 'cell-a', { cqi: 0 })],
    });
    const result = createScheduler(state).scheduleSlot('cell-a');
    expect(result).toMatchObject({ dl: [], ul: [], prbUsedDl: 0, prbUsedUl: 0, connectedUes: 2 });
  });

  it('schedules each cell on its own, counting its own slots', () => {
    const state = createRanState({ cells: [cell100, cell20], ues: [ue(1, 'cell-a'), ue(2, 'cell-b')] });
    const scheduler = createScheduler(state);
    scheduler.scheduleSlot('cell-a');
    const b = scheduler.scheduleSlot('cell-b');
    expect(b).toMatchObject({ cellId: 'cell-b', slot: 0, prbTotal: 106, slotDurationMs: 1, connectedUes: 1 });
    expect(b.dl.map((a) => a.ueId)).toEqual([2]);
    expect(scheduler.scheduleSlot('cell-a').slot).toBe(1);
  });

  it('refuses to schedule an unknown cell', () => {
    const scheduler = createScheduler(createRanState({ cells: [cell100] }));
    const error = plugfestErrorOf(() => scheduler.scheduleSlot('cell-z'));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toContain('no cell cell-z');
  });

  it('is deterministic for a seed, even with fading channels and bursty traffic', () => {
    const once = (seed: number) => {
      const state = createRanState({
        cells: [cell20],
        ues: [1, 2, 3].map((id) => ue(id, 'cell-b', { dlKbps: 20_000 * id, cqiSpread: 3 })),
      });
      const scheduler = createScheduler(state, { traffic: createTrafficModel({ seed, burstiness: 0.5 }) });
      return run(100, () => scheduler.scheduleSlot('cell-b'));
    };
    expect(once(7)).toEqual(once(7));
    expect(once(7)).not.toEqual(once(8));
  });
});

describe('slice PRB quotas in the scheduler', () => {
  const eMbb = { sst: 1 };
  const urllc = { sst: 2, sd: 0xabcdef };

  function twoSlices(quota: { sst: number; sd?: number; min: number; max: number; dedicated: number }) {
    const state = createRanState({
      cells: [cell20],
      ues: [
        ue(1, 'cell-b', { snssai: urllc }),
        ue(2, 'cell-b', { snssai: eMbb }),
        ue(3, 'cell-b', { snssai: eMbb }),
      ],
    });
    const outcome = applySlicePrbQuota(state, {
      cell: 'cell-b',
      items: [
        {
          sst: quota.sst,
          sd: quota.sd,
          minPrbPolicyRatio: quota.min,
          maxPrbPolicyRatio: quota.max,
          dedicatedPrbPolicyRatio: quota.dedicated,
        },
      ],
    });
    expect(outcome).toEqual({ ok: true });
    return state;
  }

  it('caps a slice at its max ratio in every slot, even with PRBs to spare', () => {
    const state = twoSlices({ ...urllc, min: 0, max: 30, dedicated: 0 });
    const scheduler = createScheduler(state);
    const results = run(300, () => scheduler.scheduleSlot('cell-b'));
    for (const r of results) {
      expect(prbsOf([r], 1)).toBeLessThanOrEqual(31); // floor(30% of 106)
      expect(r.prbUsedDl).toBe(106);
      expectSoundLayout(r);
    }
    // Alone in the cell, the slice still stops at its cap and the rest of the carrier idles.
    const onlyUrllc = twoSlices({ ...urllc, min: 0, max: 30, dedicated: 0 });
    onlyUrllc.ues.delete(2);
    onlyUrllc.ues.delete(3);
    const capped = createScheduler(onlyUrllc).scheduleSlot('cell-b');
    expect(capped.prbUsedDl).toBe(31);
  });

  it('guarantees a slice its min ratio against many competitors', () => {
    const state = twoSlices({ ...urllc, min: 60, max: 100, dedicated: 0 });
    const scheduler = createScheduler(state);
    for (const r of run(300, () => scheduler.scheduleSlot('cell-b'))) {
      expect(prbsOf([r], 1)).toBeGreaterThanOrEqual(63); // floor(60% of 106)
      expect(r.prbUsedDl).toBe(106);
    }
  });

  it('keeps dedicated PRBs idle when their slice has no data', () => {
    const state = twoSlices({ sst: 3, min: 20, max: 20, dedicated: 20 });
    const scheduler = createScheduler(state);
    for (const r of run(50, () => scheduler.scheduleSlot('cell-b'))) {
      expect(r.prbUsedDl).toBe(106 - 21);
    }
  });
});
