import { beforeAll, describe, expect, it } from 'vitest';
import {
  capabilitiesMatchDeclaration,
  compareCapabilities,
  duplicateRefusalProblem,
  gradeDetection,
  ofhMCases,
  planCarrier,
  readBackDifferences,
  supervisionAllowance,
} from '../../conformance/ofh-m/cases.js';
import { mLink, type ORuDeclaration } from '../../conformance/ofh-m/topology.js';
import { oran } from '../../src/conformance/index.js';
import { builtInVendors, runCases, type SuiteRun } from '../support/suites.js';

const mp = oran.fronthaul.mplane.v1;
const oRus = ['ruvello', 'korimo', 'quibble'] as const;
const passing = [
  'OFH-M-CAP-001',
  'OFH-M-CAP-002',
  'OFH-M-CONF-001',
  'OFH-M-CONF-002',
  'OFH-M-SUB-001',
  'OFH-M-SWM-001',
  'OFH-M-ACT-001',
  'OFH-M-SUP-002',
  'OFH-M-FM-001',
  'OFH-M-RESET-001',
];

/** Ruvello's own process, declared with more than it offers: 200 MHz and BFP 8-bit. */
function overclaimingCatalog() {
  const catalog = new Map(builtInVendors());
  const ruvello = catalog.get('ruvello')!;
  if (ruvello.role !== 'o-ru') throw new Error('ruvello is not an O-RU');
  catalog.set('overclaimed', {
    ...ruvello,
    id: 'overclaimed',
    capabilities: {
      ...ruvello.capabilities,
      maxBandwidthMhz: 200,
      compression: [{ method: 'bfp', iqWidths: [8, 9, 12, 14, 16] }],
    },
  });
  return catalog;
}

let run: SuiteRun;
let overclaimed: SuiteRun;
beforeAll(async () => {
  [run, overclaimed] = await Promise.all([
    runCases(ofhMCases, { 'o-ru': [...oRus] }, { workers: 2 }),
    runCases([capabilitiesMatchDeclaration], { 'o-ru': ['overclaimed'] }, { catalog: overclaimingCatalog() }),
  ]);
}, 240_000);

describe('the M-plane suite over the built-in O-RUs', () => {
  it('runs each of the eleven cases on each O-RU', () => {
    expect(run.results).toHaveLength(11 * oRus.length);
  });

  it.each(oRus)(
    '%s passes retrieval, configuration, activation, supervision loss, alarms, reset and software',
    (ru) => {
      for (const id of passing) {
        const result = run.get(`${id}@o-ru=${ru}`);
        expect(result.diagnostics, `${result.key}: ${JSON.stringify(result.diagnostics)}`).toEqual([]);
        expect(result.verdict).toBe('pass');
      }
    },
  );

  it.each(oRus)(
    '%s keeps its carrier under supervision and sends supervision-notification every interval',
    (ru) => {
      const result = run.get(`OFH-M-SUP-001@o-ru=${ru}`);
      expect(result.diagnostics, JSON.stringify(result.diagnostics)).toEqual([]);
      expect(result.verdict).toBe('pass');
      // Supervised for longer than interval + guard: an ignored reset would have shown.
      expect(result.measurements.supervisedMs).toBeGreaterThanOrEqual(3000);
      // A 1 s interval over 3 s or more: at least two notifications.
      expect(result.measurements.supervisionNotifications).toBeGreaterThanOrEqual(2);
    },
  );

  it('plans each carrier from the PRB table at the widest bandwidth the O-RU offers', () => {
    expect(run.get('OFH-M-CONF-001@o-ru=ruvello').measurements).toMatchObject({
      prbCount: 273,
      bandwidthMhz: 100,
    });
    expect(run.get('OFH-M-CONF-001@o-ru=korimo').measurements).toMatchObject({
      prbCount: 106,
      bandwidthMhz: 40,
    });
  });

  it.each(oRus)(
    '%s detects the loss of supervision about 2 s after the last reset, and is reset cleanly',
    (ru) => {
      const loss = run.get(`OFH-M-SUP-002@o-ru=${ru}`).measurements;
      expect(loss.watchdogMs).toBe(2000);
      expect(loss.detectionMs).toBeGreaterThanOrEqual(1750);
      expect(loss.detectionMs).toBeLessThanOrEqual(3000);
      expect(run.get(`OFH-M-ACT-001@o-ru=${ru}`).measurements.refusals).toBe(2);
      expect(run.get(`OFH-M-RESET-001@o-ru=${ru}`).measurements.carriersAfterReset).toBe(0);
    },
  );

  it('fails retrieval on an O-RU whose vendor.yaml declares more than it offers, naming both', () => {
    const result = overclaimed.get('OFH-M-CAP-001@o-ru=overclaimed');
    expect(result.verdict).toBe('fail');
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.code).toBe('capability-mismatch');
    expect(diagnostic?.message).toMatch(/differ from what overclaimed declares in .*vendor\.yaml/);
    expect(diagnostic?.expected).toBe(
      'max channel bandwidth (MHz): 200; compression bfp widths: [8, 9, 12, 14, 16]',
    );
    expect(diagnostic?.observed).toBe(
      'max channel bandwidth (MHz): 100; compression bfp widths: [9, 12, 14, 16]',
    );
    expect(diagnostic?.link).toBe(mLink);
  });
});

// Replies no built-in O-RU gives: each judgement must be able to fail.
const declared: ORuDeclaration = {
  bands: [78],
  maxBandwidthMhz: 40,
  scsKhz: [30],
  compression: [{ method: 'bfp', iqWidths: [8, 9] }],
  txArrays: 2,
  rxArrays: 2,
  eaxcIds: { min: 0, max: 7 },
};
const delay = {
  t2aMinUp: 125_000,
  t2aMaxUp: 350_000,
  t2aMinCpDl: 250_000,
  t2aMaxCpDl: 500_000,
  ta3Min: 50_000,
  ta3Max: 171_000,
  t2aMinCpUl: 250_000,
  t2aMaxCpUl: 500_000,
};
const bfp = mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT;
const capability = (overrides: Record<string, unknown> = {}) => ({
  productInfo: { vendor: 'Korimo Systems', model: 'KS-240', softwareVersion: '2.0.3', serialNumber: 'x' },
  bandCapabilities: {
    supportedBands: [78],
    maxChannelBandwidthKhz: 40_000,
    supportedScs: [mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ],
  },
  ruCapabilities: { numberOfTxArrays: 2, numberOfRxArrays: 2, eaxcIdRange: { eaxcIdMin: 0, eaxcIdMax: 7 } },
  compression: { supportedCompressions: [{ compressionMethod: bfp, iqBitwidths: [8, 9] }] },
  ruDelayProfile: delay,
  ...overrides,
});

describe('the M-plane judgements', () => {
  it('find nothing wrong with capabilities as declared', () => {
    expect(compareCapabilities(declared, capability(), '2.0.3')).toEqual([]);
  });

  it('fail a declared width not offered, but only frown on an undeclared method or version', () => {
    const mismatches = compareCapabilities(
      declared,
      capability({
        compression: {
          supportedCompressions: [
            { compressionMethod: bfp, iqBitwidths: [9] },
            { compressionMethod: mp.CompressionMethod.COMPRESSION_METHOD_NONE, iqBitwidths: [16] },
          ],
        },
      }),
      '2.1.0',
    );
    expect(mismatches).toEqual([
      { what: 'compression bfp widths', declared: '[8, 9]', retrieved: '[9]', must: true },
      { what: 'compression none', declared: 'not declared', retrieved: '[16]', must: false },
      { what: 'software version', declared: '2.1.0', retrieved: '2.0.3', must: false },
    ]);
  });

  it('fail an eAxC range other than declared and a delay window the wrong way round', () => {
    const mismatches = compareCapabilities(
      declared,
      capability({
        ruCapabilities: {
          numberOfTxArrays: 2,
          numberOfRxArrays: 2,
          eaxcIdRange: { eaxcIdMin: 0, eaxcIdMax: 3 },
        },
        ruDelayProfile: { ...delay, ta3Min: 200_000 },
      }),
    );
    expect(mismatches.map((m) => [m.what, m.retrieved, m.must])).toEqual([
      ['eAxC id range', '0..3', true],
      ['delay window ta3 (ns)', '200000..171000', true],
    ]);
  });

  it('plan 40 MHz at 30 kHz (106 PRBs) from a compact O-RU, and say why nothing fits an unknown band', () => {
    expect(planCarrier(capability())).toMatchObject({
      bandNumber: 78,
      bandwidthKhz: 40_000,
      scsKhz: 30,
      prbCount: 106,
      compression: { method: bfp, iqWidth: 8 },
    });
    expect(
      planCarrier(capability({ bandCapabilities: { supportedBands: [1], maxChannelBandwidthKhz: 20_000 } })),
    ).toBe('no band plugfest models among [1]');
  });

  it('fail a carrier read back with another width or eAxC id', () => {
    const written = { name: 'a', channelBandwidthKhz: 40_000, eaxcIds: [0], compression: { iqBitwidth: 9 } };
    expect(
      readBackDifferences(written, { ...written, eaxcIds: [1], compression: { iqBitwidth: 8 } }),
    ).toEqual(['iq-bitwidth 8 (wrote 9)', 'eaxc-ids [1] (wrote [0])']);
    expect(readBackDifferences(written, undefined)).toEqual(['carrier "a" missing']);
  });

  it('fail a duplicate eAxC id accepted, or refused without data-not-unique', () => {
    const error = (errorTag: string, errorAppTag = '') => ({ errorTag, errorAppTag, errorMessage: 'no' });
    expect(
      duplicateRefusalProblem('unsuccessful', [error('operation-failed', 'data-not-unique')]),
    ).toBeUndefined();
    expect(duplicateRefusalProblem('successful', [])).toBe('the edit-config was accepted');
    expect(duplicateRefusalProblem('unsuccessful', [error('invalid-value')])).toBe(
      'refused with invalid-value: no',
    );
    expect(duplicateRefusalProblem('unsuccessful', [])).toBe('refused with no rpc-error');
  });

  it('grade a supervision loss detected early or late against interval + guard', () => {
    expect(gradeDetection(2010, 2000)).toBe('ok');
    expect(gradeDetection(1500, 2000)).toBe('early');
    expect(gradeDetection(2700, 2000)).toBe('slow');
    expect(gradeDetection(3200, 2000)).toBe('late');
  });

  it("count lateness from the end of the reset's round trip, and scale the allowance with the watchdog", () => {
    // The O-RU may have taken the reset as late as its answer: 400 ms of round trip is not its lateness.
    expect(gradeDetection(3200, 2000, 400)).toBe('slow');
    expect(gradeDetection(2800, 2000, 400)).toBe('ok');
    // Earliness still counts from the send: the reset cannot have arrived before it was sent.
    expect(gradeDetection(1700, 2000, 400)).toBe('early');
    expect(supervisionAllowance(2000)).toEqual({ earlyMs: 250, slowMs: 500, lateMs: 1000 });
    expect(supervisionAllowance(70_000)).toEqual({ earlyMs: 250, slowMs: 3500, lateMs: 7000 });
  });
});
