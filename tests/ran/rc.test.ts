import { describe, expect, it } from 'vitest';
import {
  applySlicePrbQuota,
  createRanState,
  createScheduler,
  handover,
  type SlicePrbQuotaItem,
} from '../../src/ran/index.js';

function ran() {
  return createRanState({
    cells: [
      { cellId: 'cell-a', bandwidthMhz: 20, scsKhz: 15 },
      { cellId: 'cell-b', bandwidthMhz: 40, scsKhz: 30 },
    ],
    ues: [{ ueId: 7, cellId: 'cell-a', snssai: { sst: 1 }, dlKbps: 1000, ulKbps: 100, cqi: 9 }],
  });
}

const item = (sst: number, min: number, max: number, dedicated: number, sd?: number): SlicePrbQuotaItem => ({
  sst,
  sd,
  minPrbPolicyRatio: min,
  maxPrbPolicyRatio: max,
  dedicatedPrbPolicyRatio: dedicated,
});

describe('RC slice PRB quota', () => {
  it('sets the quota of each listed slice in the cell', () => {
    const state = ran();
    expect(
      applySlicePrbQuota(state, { cell: 'cell-a', items: [item(1, 10, 50, 5), item(2, 20, 40, 0, 1)] }),
    ).toEqual({
      ok: true,
    });
    expect(state.cells.get('cell-a')?.slicePolicy).toEqual([
      { snssai: { sst: 1 }, minPrbPolicyRatio: 10, maxPrbPolicyRatio: 50, dedicatedPrbPolicyRatio: 5 },
      { snssai: { sst: 2, sd: 1 }, minPrbPolicyRatio: 20, maxPrbPolicyRatio: 40, dedicatedPrbPolicyRatio: 0 },
    ]);
    expect(state.cells.get('cell-b')?.slicePolicy).toEqual([]);
  });

  it('replaces a slice quota and keeps the other slices', () => {
    const state = ran();
    applySlicePrbQuota(state, { cell: 'cell-a', items: [item(1, 10, 50, 5), item(2, 20, 40, 0)] });
    applySlicePrbQuota(state, { cell: 'cell-a', items: [item(1, 0, 100, 0)] });
    const policy = state.cells.get('cell-a')!.slicePolicy;
    expect(policy.map((q) => [q.snssai.sst, q.maxPrbPolicyRatio])).toEqual([
      [2, 40],
      [1, 100],
    ]);
  });

  it.each([
    [item(1, 0, 101, 0), 'ratio-out-of-range', 'max PRB ratio must be an integer 0..100, got 101'],
    [item(1, -1, 50, 0), 'ratio-out-of-range', 'min PRB ratio must be an integer 0..100, got -1'],
    [item(1, 0, 50, 2.5), 'ratio-out-of-range', 'dedicated PRB ratio must be an integer 0..100, got 2.5'],
    [item(1, 60, 50, 0), 'min-exceeds-max', 'sst 1: min PRB ratio 60 exceeds max 50'],
    [item(1, 10, 50, 20), 'dedicated-exceeds-min', 'sst 1: dedicated PRB ratio 20 exceeds min 10'],
    [item(256, 0, 50, 0), 'invalid-snssai', 'sst must be 0..255'],
    [item(1, 0, 50, 0, 0x1000000), 'invalid-snssai', 'sd 0..0xffffff'],
  ] as const)('refuses %o as %s', (bad, reason, detail) => {
    const state = ran();
    const outcome = applySlicePrbQuota(state, { cell: 'cell-a', items: [item(9, 0, 10, 0), bad] });
    expect(outcome).toMatchObject({ ok: false, reason });
    if (!outcome.ok) expect(outcome.detail).toContain(detail);
    expect(state.cells.get('cell-a')?.slicePolicy).toEqual([]); // all or nothing
  });

  it('refuses min ratios that would add up to more than 100 across controls', () => {
    const state = ran();
    applySlicePrbQuota(state, { cell: 'cell-a', items: [item(1, 60, 100, 0)] });
    const outcome = applySlicePrbQuota(state, { cell: 'cell-a', items: [item(2, 50, 100, 0)] });
    expect(outcome).toEqual({
      ok: false,
      reason: 'min-sum-exceeds-100',
      detail: 'min PRB ratios of cell cell-a would add up to 110%',
    });
    expect(state.cells.get('cell-a')?.slicePolicy.length).toBe(1);
  });

  it('refuses the same slice twice in one control', () => {
    const outcome = applySlicePrbQuota(ran(), {
      cell: 'cell-a',
      items: [item(2, 0, 9, 0, 5), item(2, 0, 8, 0, 5)],
    });
    expect(outcome).toEqual({
      ok: false,
      reason: 'duplicate-slice',
      detail: 'sst 2 sd 0x000005 is listed twice in one control',
    });
  });

  it('refuses an unknown cell, naming the cells there are', () => {
    expect(applySlicePrbQuota(ran(), { cell: 'cell-x', items: [] })).toEqual({
      ok: false,
      reason: 'unknown-cell',
      detail: 'no cell cell-x; cells: cell-a, cell-b',
    });
  });
});

describe('RC handover', () => {
  it('moves the UE, with its buffers, to the target cell', () => {
    const state = ran();
    const scheduler = createScheduler(state);
    scheduler.scheduleSlot('cell-a');
    state.ues.get(7)!.dlBacklogBytes = 5000;
    expect(handover(state, 7, 'cell-b')).toEqual({ ok: true });
    expect(state.ues.get(7)).toMatchObject({ cellId: 'cell-b', dlBacklogBytes: 5000 });
    expect(scheduler.scheduleSlot('cell-a').connectedUes).toBe(0);
    const target = scheduler.scheduleSlot('cell-b');
    expect(target.connectedUes).toBe(1);
    expect(target.dl.map((a) => a.ueId)).toEqual([7]);
  });

  it('accepts a handover to the serving cell as a no-op', () => {
    const state = ran();
    expect(handover(state, 7, 'cell-a')).toEqual({ ok: true });
    expect(state.ues.get(7)?.cellId).toBe('cell-a');
  });

  it('refuses an unknown UE', () => {
    expect(handover(ran(), 8, 'cell-b')).toEqual({
      ok: false,
      reason: 'unknown-ue-id',
      detail: 'no connected UE 8',
    });
  });

  it('refuses an unknown target cell and leaves the UE where it was', () => {
    const state = ran();
    expect(handover(state, 7, 'cell-q')).toEqual({
      ok: false,
      reason: 'unknown-target-cell',
      detail: 'no cell cell-q; cells: cell-a, cell-b',
    });
    expect(state.ues.get(7)?.cellId).toBe('cell-a');
  });
});
