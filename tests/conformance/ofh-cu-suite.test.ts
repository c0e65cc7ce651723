import { beforeAll, describe, expect, it } from 'vitest';
import { ofhCuCases } from '../../conformance/ofh-cu/cases.js';
import {
  checkCompression,
  checkCPlaneFirst,
  checkEaxcIds,
  checkPrbAllocations,
  checkSequenceIds,
} from '../../conformance/ofh-cu/checks.js';
import type { ConfiguredCarrier } from '../../conformance/ofh-cu/configuration.js';
import type { CuMessage } from '../../conformance/ofh-cu/tap.js';
import { oran } from '../../src/conformance/index.js';
import { runCases, type SuiteRun } from '../support/suites.js';

const interopCases = [
  'OFH-CU-ORDER-001',
  'OFH-CU-SEQ-001',
  'OFH-CU-COMP-001',
  'OFH-CU-PRB-001',
  'OFH-CU-EAXC-001',
];
const compatible = [
  ['ruvello', 'cellwright'],
  ['ruvello', 'baseloom'],
  ['korimo', 'cellwright'],
  ['quibble', 'cellwright'],
  ['quibble', 'baseloom'],
] as const;

let run: SuiteRun;
beforeAll(async () => {
  run = await runCases(
    ofhCuCases,
    { 'o-ru': ['ruvello', 'korimo', 'quibble'], 'o-du': ['cellwright', 'baseloom'] },
    { workers: 2 },
  );
}, 240_000);

describe('the CU-plane suite over the built-in O-RUs and O-DUs', () => {
  it('runs every interop case on each of the six pairs and the loopback case on each O-RU', () => {
    expect(run.results).toHaveLength(5 * 6 + 3);
  });

  it.each(compatible)('%s x %s passes every interop case, having graded real traffic', (ru, du) => {
    for (const id of interopCases) {
      const result = run.get(`${id}@o-ru=${ru},o-du=${du}`);
      expect(result.diagnostics, `${result.key}: ${JSON.stringify(result.diagnostics)}`).toEqual([]);
      expect(result.verdict).toBe('pass');
      expect(result.measurements.dlUPlaneMessages).toBeGreaterThanOrEqual(10);
      expect(result.measurements.violations).toBe(0);
    }
  });

  it('reads the PRB grid and the compression of what each O-DU configured', () => {
    expect(run.get('OFH-CU-PRB-001@o-ru=ruvello,o-du=cellwright').measurements['prbCount.tx']).toBe(106);
    expect(run.get('OFH-CU-PRB-001@o-ru=ruvello,o-du=baseloom').measurements['prbCount.tx']).toBe(273);
    expect(run.get('OFH-CU-COMP-001@o-ru=korimo,o-du=cellwright').measurements.iqWidth).toBe(9);
    expect(run.get('OFH-CU-COMP-001@o-ru=quibble,o-du=baseloom').measurements.iqWidth).toBe(14);
  });

  it('ends korimo x baseloom incompatible in every interop case, naming what each side offers', () => {
    for (const id of interopCases) {
      const result = run.get(`${id}@o-ru=korimo,o-du=baseloom`);
      expect(result.verdict).toBe('incompatible');
      const [diagnostic] = result.diagnostics;
      expect(diagnostic?.message).toMatch(/O-RU offers up to 40 MHz, O-DU wants 100 MHz/);
      expect(diagnostic?.message).toMatch(/O-RU offers BFP 8\/9 \+ none, O-DU wants BFP 14\/16/);
      expect(diagnostic?.expected).toMatch(/O-DU wants: 100 MHz/);
      expect(diagnostic?.observed).toMatch(/O-RU offers: up to 40 MHz/);
      expect(diagnostic?.code).toBe('incompatible: bandwidth-too-wide');
      expect(diagnostic?.link).toBe('du-1>ru-1/ofh-m');
    }
  });

  it('passes IQ loopback on the conformant O-RUs at every width they offer', () => {
    const ruvello = run.get('OFH-CU-IQ-001@o-ru=ruvello');
    expect(ruvello.verdict).toBe('pass');
    expect(Object.keys(ruvello.measurements).sort()).toEqual([
      'evmPercent.bfp12',
      'evmPercent.bfp14',
      'evmPercent.bfp16',
      'evmPercent.bfp9',
    ]);
    expect(ruvello.measurements['evmPercent.bfp9']).toBeLessThan(1.7);
    expect(ruvello.measurements['evmPercent.bfp16']).toBe(0);
    const korimo = run.get('OFH-CU-IQ-001@o-ru=korimo');
    expect(korimo.verdict).toBe('pass');
    expect(korimo.measurements['evmPercent.bfp8']).toBeLessThan(3.3);
    expect(korimo.measurements['evmPercent.none16']).toBe(0);
  });

  it("fails quibble's IQ loopback on EVM at BFP 9-bit, naming the exponent/mantissa mismatch, well before a timeout", () => {
    const result = run.get('OFH-CU-IQ-001@o-ru=quibble');
    expect(result.verdict).toBe('fail');
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.code).toBe('evm-out-of-tolerance');
    expect(diagnostic?.message).toMatch(/BFP 9-bit: EVM 100 % over tolerance 1\.7 %/);
    expect(diagnostic?.message).toMatch(/exponent \+1 .* exponent\/mantissa mismatch/);
    expect(diagnostic?.observed).toMatch(/BFP 12-bit: EVM 100 % over tolerance 0\.21 %/);
    expect(diagnostic?.observed).toMatch(/gain x2\.00/);
    expect(diagnostic?.link).toBe('du-1>ru-1/ofh-cu');
    expect(result.measurements['evmPercent.bfp9']).toBeGreaterThan(50);
    expect(result.durationMs).toBeLessThan(10_000);
  });
});

// Messages no built-in vendor sends: each check must be able to fail, with its code and sender.
const cu = oran.fronthaul.cuplane.v1;
const tx: ConfiguredCarrier = {
  name: 'tx-ru-1',
  kind: 'tx',
  eaxcIds: [0],
  compression: { method: 'bfp', iqWidth: 9 },
  bandwidthMhz: 40,
  scsKhz: 30,
  prbCount: 106,
};
const rx: ConfiguredCarrier = { ...tx, name: 'rx-ru-1', kind: 'rx', eaxcIds: [1] };
const carriers = [tx, rx];
const bfp9 = { udCompMeth: cu.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT, udIqWidth: 9 };

interface Options {
  slot: number;
  seq: number;
  eaxc?: number;
  startPrb?: number;
  numPrb?: number;
  hdr?: { udCompMeth: number; udIqWidth: number };
  mantissaBytes?: number;
}
const slotFields = (o: Options) => ({
  ecpriHeader: { eaxcId: { eaxcId: o.eaxc ?? 0 }, sequenceId: o.seq },
  dataDirection: cu.DataDirection.DATA_DIRECTION_DL,
  frameId: 1,
  subframeId: Math.floor(o.slot / 2),
  slotId: o.slot % 2,
});
const cPlane = (o: Options): Omit<CuMessage, 'index'> => ({
  t: o.slot,
  dir: 'client-to-server',
  plane: 'c',
  message: cu.CPlaneMessage.create({
    ...slotFields(o),
    udCompHdr: o.hdr ?? bfp9,
    sections: [{ sectionId: 1, startPrbc: o.startPrb ?? 0, numPrbc: o.numPrb ?? 50, numSymbol: 14 }],
  }),
});
const uPlane = (o: Options): Omit<CuMessage, 'index'> => ({
  t: o.slot,
  dir: 'client-to-server',
  plane: 'u',
  message: cu.UPlaneMessage.create({
    ...slotFields(o),
    sections: [
      {
        sectionId: 1,
        startPrbu: o.startPrb ?? 0,
        numPrbu: o.numPrb ?? 50,
        udCompHdr: o.hdr ?? bfp9,
        prbs: Array.from({ length: o.numPrb ?? 50 }, () => ({
          blockFloatingPoint: { exponent: 3, mantissas: new Uint8Array(o.mantissaBytes ?? 27) },
        })),
      },
    ],
  }),
});
const stream = (...messages: Array<Omit<CuMessage, 'index'>>): CuMessage[] =>
  messages.map((m, index) => ({ ...m, index }) as CuMessage);
/** DL C-plane then U-plane for slots 0..3, as a conforming O-DU sends them. */
const good = () => [0, 1, 2, 3].flatMap((slot) => [cPlane({ slot, seq: slot }), uPlane({ slot, seq: slot })]);

describe('the CU-plane checks', () => {
  it('find nothing wrong in a conforming DL stream', () => {
    const messages = stream(...good());
    expect(checkCPlaneFirst(messages, carriers)).toEqual([]);
    expect(checkSequenceIds(messages)).toEqual([]);
    expect(checkCompression(messages, carriers)).toEqual([]);
    expect(checkPrbAllocations(messages, carriers)).toEqual([]);
    expect(checkEaxcIds(messages, carriers)).toEqual([]);
  });

  it('fail a U-plane sent before its C-plane, or outside the PRBs it described, on the O-DU', () => {
    const early = stream(...good(), uPlane({ slot: 4, seq: 4 }), cPlane({ slot: 4, seq: 4 }));
    expect(checkCPlaneFirst(early, carriers)).toMatchObject([
      { code: 'c-plane-before-u-plane', sender: 'O-DU', observed: 'no such C-plane' },
    ]);
    const wider = stream(cPlane({ slot: 0, seq: 0, numPrb: 10 }), uPlane({ slot: 0, seq: 0, numPrb: 20 }));
    expect(checkCPlaneFirst(wider, carriers)[0]?.message).toMatch(/PRBs 0\.\.19 is not in the C-plane/);
  });

  it('fail a sequence id gap and a repeat', () => {
    const [c0, u0, c1, u1] = good();
    expect(checkSequenceIds(stream(c0!, u0!, cPlane({ slot: 1, seq: 3 }), u1!))).toMatchObject([
      { code: 'sequence-id', expected: 'sequence id 1 after 0', observed: 'sequence id 3 (2 missing)' },
    ]);
    expect(checkSequenceIds(stream(c0!, u0!, c1!, uPlane({ slot: 1, seq: 0 })))).toMatchObject([
      {
        code: 'sequence-id',
        message: 'DL U-plane of eAxC 0 sequence id repeated',
        observed: 'sequence id 0 again',
      },
    ]);
  });

  it('fail a udCompHdr or a PRB size other than the configured compression', () => {
    const hdr12 = { ...bfp9, udIqWidth: 12 };
    expect(checkCompression(stream(cPlane({ slot: 0, seq: 0, hdr: hdr12 })), carriers)[0]).toMatchObject({
      code: 'ud-comp-hdr',
      observed: 'udCompHdr COMPRESSION_METHOD_BLOCK_FLOATING_POINT 12-bit',
      expected: 'BFP 9-bit, as configured for carrier "tx-ru-1"',
    });
    expect(
      checkCompression(stream(uPlane({ slot: 0, seq: 0, mantissaBytes: 36 })), carriers)[0],
    ).toMatchObject({ code: 'iq-payload', observed: '36 mantissa bytes (27 at 9 bits)' });
  });

  it("fail a section beyond the carrier's 106 PRBs", () => {
    const [violation] = checkPrbAllocations(
      stream(cPlane({ slot: 0, seq: 0, startPrb: 100, numPrb: 10 })),
      carriers,
    );
    expect(violation).toMatchObject({ code: 'prb-fit', observed: 'PRBs 100..109' });
    expect(violation?.expected).toMatch(/within 0\.\.105 \(40 MHz at 30 kHz: 106 PRBs/);
  });

  it('fail an eAxC id the M-plane did not configure, or the RX carrier used for DL', () => {
    expect(checkEaxcIds(stream(cPlane({ slot: 0, seq: 0, eaxc: 5 })), carriers)).toMatchObject([
      { code: 'eaxc-id', observed: 'eAxC id 5', expected: 'eAxC id 0 (TX carrier)' },
    ]);
    expect(checkEaxcIds(stream(uPlane({ slot: 0, seq: 0, eaxc: 1 })), carriers)).toHaveLength(1);
  });
});
