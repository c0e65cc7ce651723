import { beforeAll, describe, expect, it } from 'vitest';
import { attestationCases } from '../../conformance/attestation/cases.js';
import { forgedCase } from '../../conformance/attestation/forged.js';
import type { VerifierCheck } from '../../src/attestation/types.js';
import { runCases, type SuiteRun } from '../support/suites.js';

/**
 * The check each negative case must see named, written out here rather than read from the case
 * definitions, so a case that drifts to another check fails this test.
 */
const expectedCheck: Record<string, VerifierCheck> = {
  'ATT-CHAIN-001': 'certificate-chain',
  'ATT-CHAIN-002': 'certificate-chain',
  'ATT-CHAIN-003': 'certificate-chain',
  'ATT-CHAIN-004': 'certificate-chain',
  'ATT-CHAIN-005': 'oemid',
  'ATT-CHAIN-006': 'certificate-chain',
  'ATT-CHAIN-007': 'certificate-chain',
  'ATT-TOKEN-001': 'signature',
  'ATT-TOKEN-002': 'algorithm',
  'ATT-TOKEN-003': 'algorithm',
  'ATT-NONCE-001': 'nonce',
  'ATT-NONCE-002': 'nonce',
  'ATT-NONCE-003': 'nonce',
  'ATT-FRESH-001': 'freshness',
  'ATT-FRESH-002': 'freshness',
  'ATT-DEBUG-001': 'debug',
  'ATT-TLS-003': 'channel-binding',
  'ATT-MEAS-001': 'measurements',
  'ATT-SWVER-001': 'swversion',
  'ATT-SBOM-001': 'sbom',
  'ATT-REVOKE-001': 'vendor-status',
  'ATT-ALLOW-001': 'vendor-status',
  'ATT-SWVER-002': 'swversion',
};
/**
 * The links each case's refusals are on: du-1's three (refused by the O-RU and the RIC under
 * test) and ru-3's two (refused by the O-DU under test) for a forged peer; du-1's three and
 * du-2's E2 when the vendors under test are the changed ones; du-1's three after a policy change.
 */
const du1Links = ['du-1>ru-1/ofh-m', 'du-1>ru-1/ofh-cu', 'du-1>ric-1/e2'];
const ru3Links = ['du-2>ru-3/ofh-m', 'du-2>ru-3/ofh-cu'];
const refusedLinks = (id: string) => {
  if (id === 'ATT-TLS-003') return [];
  if (/^ATT-(MEAS|SWVER-001|SBOM)/.test(id)) return [...du1Links, 'du-2>ric-1/e2'];
  if (/^ATT-(REVOKE|ALLOW|SWVER-002)/.test(id)) return du1Links;
  return [...du1Links, ...ru3Links];
};

let suite: SuiteRun;
let control: SuiteRun;
const combination = 'o-ru=korimo,o-du=baseloom,near-rt-ric=stillwater';
const vendors = { 'o-ru': ['korimo'], 'o-du': ['baseloom'], 'near-rt-ric': ['stillwater'] };

beforeAll(async () => {
  // The other RIC and O-DU than the default topology's run (sagebrush and cellwright).
  suite = await runCases(attestationCases, vendors);
  // A negative control: the debug forgery, but a case that looks for a signature refusal. It must
  // fail: a case that passed whatever the vendors named would prove nothing.
  control = await runCases(
    [
      forgedCase({
        id: 'ATT-CONTROL-001',
        title: 'control: the wrong check expected',
        spec: 'control',
        forge: 'debug',
        check: 'signature',
        reason: /./,
        presents: 'dbgstat 0',
      }),
    ],
    vendors,
  );
}, 900_000);

describe('the attestation suite against korimo (O-RU), baseloom (O-DU) and stillwater (RIC)', () => {
  it('has about twenty cases, all but mutual attestation and the criteria-only policy negative', () => {
    expect(attestationCases.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(expectedCheck).length).toBe(attestationCases.length - 4);
  });

  it.each(attestationCases.map((c) => c.id))('%s passes', (id) => {
    const r = suite.get(`${id}@${combination}`);
    expect(r.diagnostics, id).toEqual([]);
    expect(r.verdict, id).toBe('pass');
  });

  it.each(Object.entries(expectedCheck))(
    '%s names %s for every refused link, from the trace',
    (id, check) => {
      const r = suite.get(`${id}@${combination}`);
      const detected = (r.marks ?? []).filter((m) => m.kind === 'detected').map((m) => m.label);
      const links = refusedLinks(id);
      for (const link of links)
        expect(
          detected.some((label) => label.startsWith(`${link}: ${check}: `)),
          `${id}: ${link} in ${detected.join(' | ')}`,
        ).toBe(true);
      // Every detection names this check and no other.
      for (const label of detected) expect(label, id).toMatch(new RegExp(`(^|: )${check}: `));
      expect(detected.length, id).toBeGreaterThanOrEqual(Math.max(links.length, 1));
    },
  );

  it('drops a revoked vendor within the stated 2 s (+1 s tolerance)', () => {
    for (const id of ['ATT-REVOKE-001', 'ATT-ALLOW-001', 'ATT-SWVER-002']) {
      const ms = suite.get(`${id}@${combination}`).measurements.revocationMs;
      expect(ms, id).toBeGreaterThan(0);
      expect(ms, id).toBeLessThanOrEqual(3000);
    }
  });

  it('fails a case whose vendors name another check than the one it provoked', () => {
    const r = control.get(`ATT-CONTROL-001@${combination}`);
    expect(r.verdict).toBe('fail');
    expect(r.diagnostics.map((d) => d.code)).toContain('not-refused');
    expect(r.diagnostics[0]?.observed).toMatch(/CONTRAINDICATED debug/);
  });
});
