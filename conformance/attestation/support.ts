/**
 * What the attestation cases share: their topologies, how a refusal is read from the trace (the
 * relying party's AttestationResult and its HelloFailure or LinkClose, both naming the check),
 * that a refused peer got no interface message through, that the rest of the network kept
 * working, and edits of the run's trust policy while it is up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { VerifierCheck } from '../../src/attestation/types.js';
import type { Forgery } from '../../src/conformance/forge.js';
import type { CaseContext, Combination, FrameRecord, Network } from '../../src/conformance/index.js';
import { linkPackages, packageOf } from '../../src/wire/index.js';

export type Ctx = CaseContext<Network>;
export type LogLine = Record<string, unknown> & { msg?: string };

/** ru-2's vendor: a built-in O-RU other than the one under test, so a policy aimed at it spares ru-2. */
export const otherORu = (oru: string | undefined): string => (oru === 'ruvello' ? 'korimo' : 'ruvello');

/** The links of the peers (or vendors) under scrutiny, and of the healthy half. */
export const links = {
  ru1Mplane: 'du-1>ru-1/ofh-m',
  ru1Cuplane: 'du-1>ru-1/ofh-cu',
  du1E2: 'du-1>ric-1/e2',
  ru3Mplane: 'du-2>ru-3/ofh-m',
  ru3Cuplane: 'du-2>ru-3/ofh-cu',
  ru2Mplane: 'du-2>ru-2/ofh-m',
  ru2Cuplane: 'du-2>ru-2/ofh-cu',
  du2E2: 'du-2>ric-1/e2',
} as const;
/** du-1's links: to the O-RU and the RIC under test, which appraise it as servers. */
export const scrutinised = [links.ru1Mplane, links.ru1Cuplane, links.du1E2] as const;
/** ru-3's links: the O-DU under test appraises it as a client. */
export const forgedORuLinks = [links.ru3Mplane, links.ru3Cuplane] as const;
export const healthy = [links.ru2Mplane, links.ru2Cuplane, links.du2E2] as const;

export interface TopologyOptions {
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

/**
 * ru-1 (the O-RU under test) and ric-1 (the RIC under test) serve du-1, the harness as O-DU,
 * whose evidence or standing is the case's subject; du-2 (the O-DU under test) with ru-2 (a
 * built-in O-RU) on the same RIC is the healthy half, whose links must not notice; with
 * `forgedORu`, du-2 also dials ru-3, the harness as O-RU, forging as du-1 does. KPM every 300 ms.
 */
export const attestationTopology =
  (caseId: string, options: TopologyOptions = {}) =>
  (c: Combination): string => {
    const forge = options.forge ? `, settings: { forge: ${options.forge} }` : '';
    const modified = options.modified ? `, modified: ${options.modified}` : '';
    return `name: ${caseId.toLowerCase()}-${c['o-ru']}-${c['o-du']}-${c['near-rt-ric']}
security: ${options.security ?? 'attest'}
options:
  kpmPeriodMs: 300
instances:
  ric-1: { role: near-rt-ric, vendor: ${c['near-rt-ric']}${modified} }
  ru-1: { role: o-ru, vendor: ${c['o-ru']}${modified} }
  du-1: { role: o-du, vendor: harness${forge} }
  du-2: { role: o-du, vendor: ${c['o-du']} }
  ru-2: { role: o-ru, vendor: ${otherORu(c['o-ru'])} }
${options.forgedORu ? `  ru-3: { role: o-ru, vendor: harness${forge} }\n` : ''}links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: fronthaul, from: du-2, to: ru-2 }
  - { interface: e2, from: du-2, to: ric-1 }
${options.forgedORu ? '  - { interface: fronthaul, from: du-2, to: ru-3 }\n' : ''}`;
  };

export const common = {
  suite: 'attestation',
  interface: 'e2e' as const,
  mode: 'conformance' as const,
  roles: ['o-ru', 'o-du', 'near-rt-ric'] as const,
  timeoutMs: 60_000,
};

export const isInterfaceFrame = (frame: FrameRecord): boolean =>
  frame.type !== undefined && !linkPackages.includes(packageOf(frame.type));

const refusalTypes = ['oran.common.v1.HelloFailure', 'oran.common.v1.LinkClose'];

/** A refusal on `link`: the contraindicated result and the close or HelloFailure after it. */
export interface Refusal {
  readonly link: string;
  readonly result: FrameRecord;
  readonly close: FrameRecord;
  readonly detail: string;
}

/** The first refusal on `link` naming `check` by the side `by`, waiting up to `timeoutMs`. */
export async function waitForRefusal(
  ctx: Ctx,
  link: string,
  check: VerifierCheck,
  by: 'server' | 'client',
  timeoutMs = 15_000,
  since = 0,
): Promise<Refusal | undefined> {
  const dir = by === 'server' ? 'server-to-client' : 'client-to-server';
  const close = await ctx.fixture.waitForFrame(
    {
      link,
      dir,
      since,
      where: (f) =>
        refusalTypes.includes(f.type ?? '') &&
        f.fields?.cause !== undefined &&
        String(f.fields?.detail ?? '').startsWith(`${check}:`),
    },
    timeoutMs,
  );
  if (!close) return undefined;
  const result = ctx.fixture
    .frames({ link, dir, type: 'oran.attestation.v1.AttestationResult', since })
    .filter((f) => f.t <= close.t && f.fields?.failedCheck === check)
    .at(-1);
  return result ? { link, result, close, detail: String(close.fields?.detail) } : undefined;
}

/** What a link carried instead of the refusal, for a diagnostic. */
export function linkSummary(ctx: Ctx, link: string): string {
  const frames = ctx.fixture.frames({ link }).filter((f) => !f.encrypted);
  const closes = frames.filter((f) => refusalTypes.includes(f.type ?? ''));
  const results = frames.filter((f) => f.type === 'oran.attestation.v1.AttestationResult');
  return [
    `${frames.length} frames`,
    results.length > 0
      ? `results: ${results
          .slice(0, 4)
          .map(
            (f) =>
              `${String(f.fields?.status)}${f.fields?.failedCheck ? ` ${String(f.fields.failedCheck)}` : ''}`,
          )
          .join(', ')}`
      : 'no AttestationResult',
    closes.length > 0 ? `closes: ${closes.map((f) => String(f.fields?.detail)).join(' | ')}` : 'no refusal',
    frames.some((f) => f.type === 'oran.common.v1.HelloAck') ? 'HelloAck sent' : 'no HelloAck',
  ].join('; ');
}

/**
 * Each of `targets` refused on `check` by `by`, its detail matching `reason` when given: the
 * diagnostic names the check, the reason and the trace (result and close).
 */
export async function expectRefused(
  ctx: Ctx,
  targets: readonly string[],
  check: VerifierCheck,
  options: { by: 'server' | 'client'; reason?: RegExp; timeoutMs?: number; since?: number },
): Promise<Refusal[]> {
  const found = await Promise.all(
    targets.map((link) => waitForRefusal(ctx, link, check, options.by, options.timeoutMs, options.since)),
  );
  const refusals: Refusal[] = [];
  targets.forEach((link, i) => {
    const refusal = found[i];
    ctx.expect(refusal !== undefined, {
      message: `${link}: the ${options.by} did not refuse its peer on ${check}`,
      expected: `an AttestationResult contraindicated naming ${check}, then a close with cause attestation-failed and detail "${check}: ..."`,
      observed: linkSummary(ctx, link),
      link,
      code: 'not-refused',
    });
    ctx.expect(!options.reason || options.reason.test(refusal.detail), {
      message: `${link}: refused on ${check}, but not for the reason the case provoked`,
      expected: `detail matching ${options.reason}`,
      observed: refusal.detail,
      link,
      code: 'wrong-reason',
      trace: { at: [refusal.result.t, refusal.close.t] },
    });
    ctx.mark('detected', `${link}: ${refusal.detail}`, refusal.close.t);
    refusals.push(refusal);
  });
  return refusals;
}

/** Not one interface message on `targets` (after `since`): the slot let nothing through. */
export function expectNothingThrough(ctx: Ctx, targets: readonly string[], since = 0): void {
  for (const link of targets) {
    const through = ctx.fixture.frames({ link, since }).filter(isInterfaceFrame);
    ctx.expect(through.length === 0, {
      message: `${link}: interface messages crossed a link whose peer was refused`,
      expected: 'only Hello, the attestation exchange and the refusal',
      observed: [...new Set(through.map((f) => f.type))].join(', '),
      link,
      code: 'message-through-refused-link',
      trace: { at: through.slice(0, 5).map((f) => f.t) },
    });
  }
}

/**
 * The healthy half works: du-2's KPM indications and ru-2's U-plane keep flowing after `from`,
 * and none of its links closed. `withE2: false` when the RIC itself is the one refused.
 */
export async function expectHealthyHalf(
  ctx: Ctx,
  from: number,
  options: { withE2?: boolean } = {},
): Promise<void> {
  const net = ctx.fixture;
  const withE2 = options.withE2 ?? true;
  const watched = withE2 ? healthy : healthy.filter((l) => l !== links.du2E2);
  const flows = [
    ...(withE2 ? [[links.du2E2, 'oran.e2.v1.RicIndication'] as const] : []),
    [links.ru2Cuplane, 'oran.fronthaul.cuplane.v1.UPlaneMessage'] as const,
  ];
  for (const [link, type] of flows) {
    // On mTLS the relay cannot read the frames: traffic the node sends (indications, U-plane
    // uplink) shows as encrypted chunks from client to server.
    const seen = await net.waitForFrame(
      {
        link,
        since: from,
        where: (f) => f.type === type || (f.encrypted === true && f.dir === 'client-to-server'),
      },
      10_000,
    );
    ctx.expect(seen !== undefined, {
      message: `${link} stopped carrying ${type.split('.').at(-1)} while another peer was refused`,
      expected: `${type} after the refusal`,
      observed: linkSummary(ctx, link),
      link,
      code: 'healthy-link-disturbed',
    });
  }
  const closes = net
    .records()
    .filter(
      (r) =>
        r.kind === 'connection' && r.event === 'close' && (watched as readonly string[]).includes(r.link),
    );
  ctx.expect(closes.length === 0, {
    message: 'a link of the healthy half closed',
    expected: `no close on ${watched.join(', ')}`,
    observed: closes.map((r) => r.link).join(', '),
    code: 'healthy-link-closed',
    trace: { at: closes.map((r) => r.t) },
  });
}

/** Rewrites the run's trust policy (the verifiers reload it within 2 s); the time of the write. */
export function editPolicy(ctx: Ctx, edit: (policy: PolicyDocument) => void): number {
  const file = ctx.fixture.running.security?.policyFile;
  if (!file) throw new Error('the topology is not secured: no trust policy to edit');
  const policy = parse(readFileSync(file, 'utf8')) as PolicyDocument;
  edit(policy);
  const at = Date.now();
  writeFileSync(file, stringify(policy));
  ctx.mark('fault-start', 'trust policy edited', at);
  return at;
}

export interface PolicyDocument {
  allow?: string[];
  deny?: string[];
  vendors?: Array<{ id: string; status?: string; revokedSwVersions?: string[]; minSwVersion?: string }>;
  [key: string]: unknown;
}
