/**
 * What the attestation cases share: how a refusal is read from the trace (the relying party's
 * AttestationResult and its HelloFailure or LinkClose, both naming the check), that a refused
 * peer got no interface message through, that the rest of the network kept working, and edits
 * of the run's trust policy while it is up. Every case forges a peer, edits the policy or runs a
 * modified vendor: each gets a network of its own (isolation fresh, the default).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import {
  defineSuite,
  type FrameFilter,
  type FrameRecord,
  type Network,
  type NetworkContext,
  type TypedFrame,
} from '../../src/conformance/index.js';
import { linkPackages, packageOf, type VerifierCheck } from './kit-gaps.js';
import { healthy, links } from './topology.js';

/** An attestation case: the O-RU, the O-DU and the RIC under test, graded together. */
export const attestationCase = defineSuite<Network>({
  suite: 'attestation',
  interface: 'e2e',
  mode: 'conformance',
  roles: ['o-ru', 'o-du', 'near-rt-ric'],
  timeoutMs: 60_000,
});

export const isInterfaceFrame = (frame: FrameRecord): boolean =>
  frame.type !== undefined && !linkPackages.includes(packageOf(frame.type));

/** What refuses a peer: HelloFailure in the handshake's slot, LinkClose once the link is up (or from the client). */
const refusalTypes = ['oran.common.v1.HelloFailure', 'oran.common.v1.LinkClose'] as const;
type RefusalFrame = TypedFrame<(typeof refusalTypes)[number]>;
type Where = Omit<FrameFilter, 'type' | 'where'> & { readonly where?: (frame: RefusalFrame) => boolean };

/** The refusals traced so far that match, oldest first. */
const refusalsOn = (net: Network, filter: Where): RefusalFrame[] =>
  refusalTypes.flatMap((type) => net.frames.all({ ...filter, type })).sort((a, b) => a.t - b.t);

/**
 * The first refusal that matches, traced or to come within `timeoutMs` (the frame stream waits
 * for one type at a time; this waits for either, and leaves no listener or timer behind).
 */
function nextRefusal(net: Network, filter: Where, timeoutMs: number): Promise<RefusalFrame | undefined> {
  const traced = refusalsOn(net, filter)[0];
  if (traced) return Promise.resolve(traced);
  return new Promise((resolve) => {
    const done = (frame: RefusalFrame | undefined) => {
      clearTimeout(timer);
      for (const stop of stops) stop();
      resolve(frame);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const { where: _where, ...scope } = filter;
    const stops = refusalTypes.map((type) =>
      net.frames.subscribe({ ...scope, type }, () => {
        const found = refusalsOn(net, filter)[0];
        if (found) done(found);
      }),
    );
  });
}

/** A refusal on `link`: the contraindicated result and the close or HelloFailure after it. */
export interface Refusal {
  readonly link: string;
  readonly result: TypedFrame<'oran.attestation.v1.AttestationResult'>;
  readonly close: RefusalFrame;
  readonly detail: string;
}

/** The first refusal on `link` naming `check` by the side `by`, waiting up to `timeoutMs`. */
export async function waitForRefusal(
  ctx: NetworkContext,
  link: string,
  check: VerifierCheck,
  by: 'server' | 'client',
  timeoutMs = 15_000,
  since = 0,
): Promise<Refusal | undefined> {
  const net = ctx.fixture;
  const dir = by === 'server' ? 'server-to-client' : 'client-to-server';
  const naming = (f: RefusalFrame) =>
    f.fields.cause !== undefined && (f.fields.detail ?? '').startsWith(`${check}:`);
  const close = await nextRefusal(net, { link, dir, since, where: naming }, timeoutMs);
  if (!close) return undefined;
  const result = net.frames
    .all({ link, dir, type: 'oran.attestation.v1.AttestationResult', since })
    .filter((f) => f.t <= close.t && f.fields.failedCheck === check)
    .at(-1);
  return result ? { link, result, close, detail: close.fields.detail ?? '' } : undefined;
}

/** What a link carried instead of the refusal, for a diagnostic. */
export function linkSummary(ctx: NetworkContext, link: string): string {
  const net = ctx.fixture;
  const frames = net.frames.all({ link }).filter((f) => !f.encrypted);
  const closes = refusalsOn(net, { link });
  const results = net.frames.all({ link, type: 'oran.attestation.v1.AttestationResult' });
  const resultText = (f: (typeof results)[number]) =>
    `${f.fields.status}${f.fields.failedCheck ? ` ${f.fields.failedCheck}` : ''}`;
  return [
    `${frames.length} frames`,
    results.length > 0
      ? `results: ${results.slice(0, 4).map(resultText).join(', ')}`
      : 'no AttestationResult',
    closes.length > 0 ? `closes: ${closes.map((f) => f.fields.detail).join(' | ')}` : 'no refusal',
    net.frames.all({ link, type: 'oran.common.v1.HelloAck' }).length > 0 ? 'HelloAck sent' : 'no HelloAck',
  ].join('; ');
}

/**
 * Each of `targets` refused on `check` by `by`, its detail matching `reason` when given: the
 * diagnostic names the check, the reason and the trace (result and close).
 */
export async function expectRefused(
  ctx: NetworkContext,
  targets: readonly string[],
  check: VerifierCheck,
  options: { by: 'server' | 'client'; reason?: RegExp; timeoutMs?: number; since?: number },
): Promise<Refusal[]> {
  const found = await Promise.all(
    targets.map((link) => waitForRefusal(ctx, link, check, options.by, options.timeoutMs, options.since)),
  );
  return targets.map((link, i) => {
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
    return refusal;
  });
}

/** Not one interface message on `targets` (after `since`): the slot let nothing through. */
export function expectNothingThrough(ctx: NetworkContext, targets: readonly string[], since = 0): void {
  for (const link of targets) {
    const through = ctx.fixture.frames.all({ link, since }).filter(isInterfaceFrame);
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
  ctx: NetworkContext,
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
    const seen = await net.frames.next(
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
export function editPolicy(ctx: NetworkContext, edit: (policy: PolicyDocument) => void): number {
  const file = ctx.fixture.security?.policyFile;
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
