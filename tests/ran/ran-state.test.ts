import { describe, expect, it } from 'vitest';
import {
  attachUe,
  createRanState,
  createTrafficModel,
  detachUe,
  formatSnssai,
  type UeConfig,
} from '../../src/ran/index.js';
import { plugfestErrorOf } from './helpers.js';

const ue: UeConfig = { ueId: 1, cellId: 'c1', snssai: { sst: 1 }, dlKbps: 100, ulKbps: 10, cqi: 9 };

describe('RAN state', () => {
  it('gives each cell its PRB grid and slot duration', () => {
    const state = createRanState({
      cells: [
        { cellId: 'c1', bandwidthMhz: 100, scsKhz: 30 },
        { cellId: 'c2', bandwidthMhz: 100, scsKhz: 60, frequencyRange: 'FR2' },
      ],
    });
    expect(state.cells.get('c1')).toMatchObject({
      prbCount: 273,
      slotDurationMs: 0.5,
      frequencyRange: 'FR1',
    });
    expect(state.cells.get('c2')).toMatchObject({
      prbCount: 132,
      slotDurationMs: 0.25,
      frequencyRange: 'FR2',
    });
  });

  it('refuses a carrier the 3GPP table does not have', () => {
    const error = plugfestErrorOf(() =>
      createRanState({ cells: [{ cellId: 'c1', bandwidthMhz: 100, scsKhz: 15 }] }),
    );
    expect(error.code).toBe('config-invalid');
    expect(error.message).toContain('100 MHz at 15 kHz has no PRB grid in FR1');
  });

  it('refuses duplicate ids and a UE in an unknown cell', () => {
    const cells = [{ cellId: 'c1', bandwidthMhz: 20, scsKhz: 30 }];
    expect(plugfestErrorOf(() => createRanState({ cells: [...cells, ...cells] })).message).toContain(
      'cell c1 is configured twice',
    );
    expect(plugfestErrorOf(() => createRanState({ cells, ues: [ue, ue] })).message).toContain(
      'UE 1 is already connected',
    );
    expect(
      plugfestErrorOf(() => createRanState({ cells, ues: [{ ...ue, cellId: 'c9' }] })).message,
    ).toContain('UE 1 names unknown cell c9; cells: c1');
  });

  it('refuses a UE with a bad CQI, load or S-NSSAI', () => {
    const state = createRanState({ cells: [{ cellId: 'c1', bandwidthMhz: 20, scsKhz: 30 }] });
    expect(plugfestErrorOf(() => attachUe(state, { ...ue, cqi: 16 })).code).toBe('config-invalid');
    expect(plugfestErrorOf(() => attachUe(state, { ...ue, dlKbps: -1 })).code).toBe('config-invalid');
    expect(plugfestErrorOf(() => attachUe(state, { ...ue, snssai: { sst: 1, sd: -1 } })).code).toBe(
      'config-invalid',
    );
  });

  it('attaches a UE with empty buffers and detaches it', () => {
    const state = createRanState({ cells: [{ cellId: 'c1', bandwidthMhz: 20, scsKhz: 30 }] });
    expect(attachUe(state, ue)).toMatchObject({ ueId: 1, dlBacklogBytes: 0, ulBacklogBytes: 0 });
    expect(detachUe(state, 1)).toBe(true);
    expect(detachUe(state, 1)).toBe(false);
  });

  it('names slices as people write them', () => {
    expect(formatSnssai({ sst: 1 })).toBe('sst 1');
    expect(formatSnssai({ sst: 2, sd: 0xab })).toBe('sst 2 sd 0x0000ab');
  });
});

describe('traffic model', () => {
  it('adds the offered load each slot, carrying fractions of a byte', () => {
    const state = createRanState({ cells: [{ cellId: 'c1', bandwidthMhz: 20, scsKhz: 30 }], ues: [ue] });
    const held = state.ues.get(1)!;
    const traffic = createTrafficModel();
    // 100 kbit/s is 6.25 bytes a 0.5 ms slot; 10 kbit/s is 0.625.
    for (let i = 0; i < 8; i++) traffic.arrive(held, 0.5);
    expect(held.dlBacklogBytes).toBe(50);
    expect(held.ulBacklogBytes).toBe(5);
  });

  it('drops arrivals beyond the buffer, and fills it for an infinite load', () => {
    const state = createRanState({
      cells: [{ cellId: 'c1', bandwidthMhz: 20, scsKhz: 30 }],
      ues: [{ ...ue, dlKbps: Number.POSITIVE_INFINITY, ulKbps: 80_000 }],
    });
    const held = state.ues.get(1)!;
    const traffic = createTrafficModel({ maxBacklogBytes: 12_000 });
    traffic.arrive(held, 1);
    expect(held.dlBacklogBytes).toBe(12_000);
    expect(held.ulBacklogBytes).toBe(10_000);
    traffic.arrive(held, 1);
    expect(held.ulBacklogBytes).toBe(12_000);
  });

  it('draws each slot CQI within the spread, clamped to 1..15', () => {
    const state = createRanState({
      cells: [{ cellId: 'c1', bandwidthMhz: 20, scsKhz: 30 }],
      ues: [{ ...ue, cqi: 14, cqiSpread: 3 }],
    });
    const traffic = createTrafficModel({ seed: 5 });
    const draws = Array.from({ length: 500 }, () => traffic.channelCqi(state.ues.get(1)!));
    expect(new Set(draws)).toEqual(new Set([11, 12, 13, 14, 15]));
  });
});
