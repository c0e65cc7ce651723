import { describe, expect, it } from 'vitest';
import {
  createKpmAccumulator,
  createRanState,
  createScheduler,
  kpmMeasurementNames,
  type SlotResult,
} from '../../src/ran/index.js';

function slot(partial: Partial<SlotResult>): SlotResult {
  return {
    cellId: 'cell-a',
    slot: 0,
    slotDurationMs: 0.5,
    prbTotal: 100,
    dl: [],
    ul: [],
    prbUsedDl: 0,
    prbUsedUl: 0,
    connectedUes: 0,
    ...partial,
  };
}

describe('KPM accumulator', () => {
  const first = slot({
    dl: [
      { ueId: 1, prbStart: 0, prbCount: 60, bytes: 1000 },
      { ueId: 2, prbStart: 60, prbCount: 40, bytes: 500 },
    ],
    ul: [{ ueId: 1, prbStart: 0, prbCount: 10, bytes: 200 }],
    prbUsedDl: 100,
    prbUsedUl: 10,
    connectedUes: 2,
  });
  const second = slot({
    slot: 1,
    dl: [{ ueId: 1, prbStart: 0, prbCount: 50, bytes: 1000 }],
    prbUsedDl: 50,
    connectedUes: 3,
  });

  it('reports every measurement from the slots it was given', () => {
    const kpm = createKpmAccumulator();
    kpm.add(first);
    kpm.add(second);
    expect(kpm.slots).toBe(2);
    expect(kpm.airTimeMs).toBe(1);
    expect(kpm.report()).toEqual({
      // UE 1: 2000 B = 16 kbit in 1 ms = 16000 kbit/s; UE 2: 4 kbit in 1 ms = 4000 kbit/s.
      'DRB.UEThpDl': 10_000,
      'DRB.UEThpUl': 1_600,
      'RRU.PrbUsedDl': 75,
      'RRU.PrbUsedUl': 5,
      'RRU.PrbAvailDl': 100,
      'RRU.PrbTotDl': 75,
      'RRC.ConnMean': 2.5,
      'RRC.ConnMax': 3,
      'DRB.PdcpSduVolumeDL': 20,
    });
  });

  it('divides throughput by the period it is told', () => {
    const kpm = createKpmAccumulator();
    kpm.add(first);
    kpm.add(second);
    const report = kpm.report(10);
    expect(report['DRB.UEThpDl']).toBe(1_000);
    expect(report['DRB.PdcpSduVolumeDL']).toBe(20);
  });

  it('starts a new period after each report', () => {
    const kpm = createKpmAccumulator();
    kpm.add(first);
    kpm.report();
    expect(kpm.slots).toBe(0);
    const empty = kpm.report();
    expect(Object.keys(empty).sort()).toEqual([...kpmMeasurementNames].sort());
    expect(Object.values(empty).every((v) => v === 0)).toBe(true);
    kpm.add(second);
    expect(kpm.report()['RRC.ConnMax']).toBe(3);
  });

  it('agrees with what the scheduler delivered', () => {
    const state = createRanState({
      cells: [{ cellId: 'cell-a', bandwidthMhz: 40, scsKhz: 30 }],
      ues: [
        { ueId: 1, cellId: 'cell-a', snssai: { sst: 1 }, dlKbps: 8_000, ulKbps: 2_000, cqi: 10 },
        { ueId: 2, cellId: 'cell-a', snssai: { sst: 1 }, dlKbps: 4_000, ulKbps: 1_000, cqi: 14 },
      ],
    });
    const scheduler = createScheduler(state);
    const kpm = createKpmAccumulator();
    let dlBytes = 0;
    let prbUsedDl = 0;
    for (let i = 0; i < 200; i++) {
      const result = scheduler.scheduleSlot('cell-a');
      kpm.add(result);
      dlBytes += result.dl.reduce((n, a) => n + a.bytes, 0);
      prbUsedDl += result.prbUsedDl;
    }
    const report = kpm.report();
    // 200 slots of 0.5 ms: 100 ms of air; the carrier has room, so each UE gets what it offers.
    expect(report['DRB.PdcpSduVolumeDL']).toBe((dlBytes * 8) / 1000);
    expect(report['DRB.PdcpSduVolumeDL']).toBe(1200);
    expect(report['DRB.UEThpDl']).toBe(6_000);
    expect(report['DRB.UEThpUl']).toBe(1_500);
    expect(report['RRU.PrbUsedDl']).toBeCloseTo((100 * prbUsedDl) / (106 * 200), 12);
    expect(report['RRU.PrbAvailDl']).toBe(106);
    expect(report['RRC.ConnMean']).toBe(2);
  });
});
