/**
 * The attestation topology: ru-1 (the O-RU under test) and ric-1 (the RIC under test) serve
 * du-1, the harness as O-DU, whose evidence or standing is the case's subject; du-2 (the O-DU
 * under test) with ru-2 (a built-in O-RU) on the same RIC is the healthy half, whose links must
 * not notice; with `forgedORu`, du-2 also dials ru-3, the harness as O-RU, forging as du-1 does.
 * KPM every 300 ms. Each case has a topology of its own name (its network is always fresh).
 */
import { defineTopology, vendorFor } from '../../src/conformance/index.js';
import type { Forgery } from './kit-gaps.js';

/** ru-2's vendor: a built-in O-RU other than the one under test, so a policy aimed at it spares ru-2. */
export const otherORu = (oru: string | undefined): string => (oru === 'ruvello' ? 'korimo' : 'ruvello');

export interface AttestationTopologyOptions {
  readonly security?: 'attest' | 'mtls';
  /**
   * The forgery du-1 (the harness as O-DU) presents; with `forgedORu`, ru-3 (the harness as an
   * O-RU the O-DU under test dials) presents it too. Default: both honest.
   */
  readonly forge?: Forgery;
  readonly forgedORu?: boolean;
  /** Instance `modified` of ru-1 and ric-1 (the vendors under test). */
  readonly modified?: 'tampered' | 'downgraded' | 'sbom-missing';
}

const halves = [
  { interface: 'fronthaul', from: 'du-1', to: 'ru-1' },
  { interface: 'e2', from: 'du-1', to: 'ric-1' },
  { interface: 'fronthaul', from: 'du-2', to: 'ru-2' },
  { interface: 'e2', from: 'du-2', to: 'ric-1' },
] as const;
const toForgedORu = { interface: 'fronthaul', from: 'du-2', to: 'ru-3' } as const;

/** The topology of case `caseId`, named after it and the combination. */
export function attestationTopology(caseId: string, o: AttestationTopologyOptions = {}) {
  const modified = o.modified ? { modified: o.modified } : {};
  const harness = o.forge ? { vendor: 'harness', settings: { forge: o.forge } } : { vendor: 'harness' };
  return defineTopology({
    name: (c) => `${caseId.toLowerCase()}-${c['o-ru']}-${c['o-du']}-${c['near-rt-ric']}`,
    options: { kpmPeriodMs: 300, security: o.security ?? 'attest' },
    instances: {
      'ric-1': { role: 'near-rt-ric', vendor: vendorFor('near-rt-ric'), ...modified },
      'ru-1': { role: 'o-ru', vendor: vendorFor('o-ru'), ...modified },
      'du-1': { role: 'o-du', ...harness },
      'du-2': { role: 'o-du', vendor: vendorFor('o-du') },
      'ru-2': { role: 'o-ru', vendor: (c) => otherORu(c['o-ru']) },
      ...(o.forgedORu ? { 'ru-3': { role: 'o-ru', ...harness } } : {}),
    },
    links: o.forgedORu ? [...halves, toForgedORu] : halves,
  });
}

const every = attestationTopology('links', { forgedORu: true }).links;

/** The links of the peers (or vendors) under scrutiny, and of the healthy half. */
export const links = {
  ru1Mplane: every['du-1>ru-1/ofh-m'],
  ru1Cuplane: every['du-1>ru-1/ofh-cu'],
  du1E2: every['du-1>ric-1/e2'],
  ru3Mplane: every['du-2>ru-3/ofh-m'],
  ru3Cuplane: every['du-2>ru-3/ofh-cu'],
  ru2Mplane: every['du-2>ru-2/ofh-m'],
  ru2Cuplane: every['du-2>ru-2/ofh-cu'],
  du2E2: every['du-2>ric-1/e2'],
} as const;
/** du-1's links: to the O-RU and the RIC under test, which appraise it as servers. */
export const scrutinised = [links.ru1Mplane, links.ru1Cuplane, links.du1E2] as const;
/** ru-3's links: the O-DU under test appraises it as a client. */
export const forgedORuLinks = [links.ru3Mplane, links.ru3Cuplane] as const;
export const healthy = [links.ru2Mplane, links.ru2Cuplane, links.du2E2] as const;
