/**
 * The topologies the CU-plane cases run on, and how the cases see the fronthaul: the carriers the
 * O-DU configured over the M-plane (from the trace), and the CU-plane messages themselves. The
 * relay traces ofh-cu frames by header only (IQ is bulky), so a case taps the link's relay for
 * the messages it grades, while it watches, without changing what is forwarded.
 */
import { type CaseContext, type Combination, type Network, oran } from '../../src/conformance/index.js';
import { lookupPrbCount } from '../../src/ran/index.js';

/** The links the interop cases observe. */
export const cuLink = 'du-1>ru-1/ofh-cu';
export const mLink = 'du-1>ru-1/ofh-m';

/** An O-RU and an O-DU on one fronthaul link; the O-DU runs without a RIC (E2 is not needed here). */
export const ofhCuTopology = (c: Combination): string => `name: ofh-cu-${c['o-ru']}-${c['o-du']}
instances:
  du-1: { role: o-du, vendor: ${c['o-du']} }
  ru-1: { role: o-ru, vendor: ${c['o-ru']} }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
`;

/** The O-RU under test with the harness as its O-DU: the case drives the M-plane and CU-plane. */
export const ofhCuPeerTopology = (c: Combination): string => `name: ofh-cu-${c['o-ru']}-harness
instances:
  du-1: { role: o-du, vendor: harness }
  ru-1: { role: o-ru, vendor: ${c['o-ru']} }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
`;

const cu = oran.fronthaul.cuplane.v1;
export type CPlane = oran.fronthaul.cuplane.v1.CPlaneMessage;
export type UPlane = oran.fronthaul.cuplane.v1.UPlaneMessage;
export type LinkDirection = 'client-to-server' | 'server-to-client';

/** One CU-plane message as it crossed the relay; `index` is its order on the link. */
export type CuMessage = {
  readonly index: number;
  readonly t: number;
  readonly dir: LinkDirection;
} & ({ readonly plane: 'c'; readonly message: CPlane } | { readonly plane: 'u'; readonly message: UPlane });

const cPlaneType = 'oran.fronthaul.cuplane.v1.CPlaneMessage';
const uPlaneType = 'oran.fronthaul.cuplane.v1.UPlaneMessage';

/** A tap on one link's relay: `stop()` removes it and gives the C/U-plane messages seen, in order. */
export interface CuPlaneTap {
  stop(): CuMessage[];
}

/**
 * Taps the relay of `link`: the trace keeps only headers of CU-plane frames (IQ is bulky), so
 * the tap keeps their bytes and decodes them only when stopped, to keep the relay's path short.
 */
export function tapCuPlane(net: Network, link: string): CuPlaneTap {
  const raw: Array<{ dir: LinkDirection; bytes: Uint8Array; t: number }> = [];
  const untap = net.tap(link, (frame) => {
    if (frame.type === cPlaneType || frame.type === uPlaneType)
      raw.push({ dir: frame.dir, bytes: frame.bytes, t: frame.t });
  });
  return {
    stop() {
      untap();
      return raw.flatMap(({ dir, bytes, t }, index): CuMessage[] => {
        const envelope = oran.common.v1.Envelope.decode(bytes);
        const type = envelope.header?.messageType;
        if (type === cPlaneType)
          return [{ index, t, dir, plane: 'c', message: cu.CPlaneMessage.decode(envelope.payload) }];
        if (type === uPlaneType)
          return [{ index, t, dir, plane: 'u', message: cu.UPlaneMessage.decode(envelope.payload) }];
        return [];
      });
    },
  };
}

/** Taps for `ms` and returns what crossed. */
export async function watchCuPlane(
  ctx: CaseContext<Network>,
  link: string,
  ms: number,
): Promise<CuMessage[]> {
  const tap = tapCuPlane(ctx.fixture, link);
  try {
    await ctx.sleep(ms);
  } catch (error) {
    // Aborted: the relay must not keep a dead hook.
    tap.stop();
    throw error;
  }
  return tap.stop();
}

/** A compression as the M-plane configured it: BFP at a width, or none (16-bit). */
export interface ConfiguredCompression {
  readonly method: 'bfp' | 'none' | 'other';
  readonly iqWidth: number;
}

/** One array carrier as the O-DU's accepted edit-config wrote it. */
export interface ConfiguredCarrier {
  readonly name: string;
  readonly kind: 'tx' | 'rx';
  readonly eaxcIds: readonly number[];
  readonly compression: ConfiguredCompression;
  readonly bandwidthMhz: number;
  readonly scsKhz: number;
  /** N_RB from 3GPP TS 38.101-1 Table 5.3.2-1 (src/ran); undefined where the table has none. */
  readonly prbCount: number | undefined;
}

/** What the O-DU configured on an O-RU, and what the O-RU advertised before. */
export interface FronthaulConfiguration {
  readonly carriers: readonly ConfiguredCarrier[];
  /** The O-RU's eAxC id range (GetCapabilitiesResponse), if it gave one. */
  readonly eaxcIdRange: { readonly min: number; readonly max: number } | undefined;
  /** Trace time of the accepted EditConfigRequest. */
  readonly at: number;
}

interface CarrierFields {
  name?: string;
  eaxcIds?: number[];
  channelBandwidthKhz?: number;
  subcarrierSpacing?: string;
  compression?: { compressionMethod?: string; iqBitwidth?: number };
}

const scsOf = (name: string | undefined): number => Number(/_(\d+)_KHZ$/.exec(name ?? '')?.[1] ?? 0);

function compressionOf(fields: CarrierFields['compression']): ConfiguredCompression {
  const method = fields?.compressionMethod;
  if (method === 'COMPRESSION_METHOD_BLOCK_FLOATING_POINT')
    return { method: 'bfp', iqWidth: fields?.iqBitwidth ?? 0 };
  if (method === 'COMPRESSION_METHOD_NONE') return { method: 'none', iqWidth: fields?.iqBitwidth || 16 };
  return { method: 'other', iqWidth: fields?.iqBitwidth ?? 0 };
}

function carrierOf(kind: 'tx' | 'rx', fields: CarrierFields): ConfiguredCarrier {
  const bandwidthMhz = (fields.channelBandwidthKhz ?? 0) / 1000;
  const scsKhz = scsOf(fields.subcarrierSpacing);
  return {
    name: fields.name ?? '',
    kind,
    eaxcIds: fields.eaxcIds ?? [],
    compression: compressionOf(fields.compression),
    bandwidthMhz,
    scsKhz,
    prbCount: lookupPrbCount(bandwidthMhz, scsKhz),
  };
}

/** The carriers of the last edit-config the O-RU accepted on `link` (an ofh-m link), from the trace. */
export function fronthaulConfiguration(net: Network, link: string): FronthaulConfiguration | undefined {
  const accepted = net
    .frames({ link, type: 'oran.fronthaul.mplane.v1.EditConfigResponse', dir: 'server-to-client' })
    .filter((f) => f.pdu === 'successful')
    .map((response) =>
      net
        .frames({ link, type: 'oran.fronthaul.mplane.v1.EditConfigRequest', dir: 'client-to-server' })
        .find((request) => request.tx === response.tx && request.t <= response.t),
    )
    .filter((request) => request && request.fields?.operation !== 'EDIT_OPERATION_DELETE');
  const edit = accepted.at(-1);
  if (!edit) return undefined;
  const fields = edit.fields as { txArrayCarriers?: CarrierFields[]; rxArrayCarriers?: CarrierFields[] };
  const capabilities = net.frames({ link, type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse' }).at(-1)
    ?.fields as
    | { moduleCapability?: { ruCapabilities?: { eaxcIdRange?: { eaxcIdMin?: number; eaxcIdMax?: number } } } }
    | undefined;
  const range = capabilities?.moduleCapability?.ruCapabilities?.eaxcIdRange;
  return {
    carriers: [
      ...(fields.txArrayCarriers ?? []).map((c) => carrierOf('tx', c)),
      ...(fields.rxArrayCarriers ?? []).map((c) => carrierOf('rx', c)),
    ],
    eaxcIdRange: range ? { min: range.eaxcIdMin ?? 0, max: range.eaxcIdMax ?? 0 } : undefined,
    at: edit.t,
  };
}

/**
 * Waits until the O-DU has configured and activated the O-RU's carriers and CU-plane flows on
 * `cuPlaneLink`; ends the case `incompatible` when the O-DU says they share no carrier profile
 * (its 'fronthaul incompatible' log names both offers), and fails when neither comes in time.
 */
export async function awaitFronthaul(
  ctx: CaseContext<Network>,
  links: { readonly mplane: string; readonly cuplane: string; readonly du: string; readonly ru: string },
  timeoutMs = 10_000,
): Promise<FronthaulConfiguration> {
  const net = ctx.fixture;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const incompatible = net
      .logs(links.du)
      .find((l) => l.msg === 'fronthaul incompatible' && (l.ru === undefined || l.ru === links.ru));
    if (incompatible) {
      const capabilities = net.frames({
        link: links.mplane,
        type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
      });
      ctx.incompatible({
        message: `${links.du} and ${links.ru} share no carrier profile: ${String(incompatible.reason)}`,
        expected: `a carrier the O-DU wants: ${String(incompatible.duOffer)}`,
        observed: `the O-RU offers: ${String(incompatible.ruOffer)}`,
        link: links.mplane,
        code: `incompatible: ${String(incompatible.mismatch)}`,
        ...(capabilities.length > 0 ? { trace: { at: [capabilities.at(-1)!.t] } } : {}),
      });
    }
    const configuration = fronthaulConfiguration(net, links.mplane);
    const flowing =
      configuration &&
      net.frames({ link: links.cuplane, type: cPlaneType, dir: 'client-to-server', since: configuration.at })
        .length > 0;
    if (configuration && flowing) return configuration;
    if (Date.now() >= deadline) {
      ctx.expect(false, {
        message: configuration
          ? 'carriers configured but no C-plane message followed'
          : 'the O-DU configured no carrier on the O-RU and named no incompatibility',
        expected:
          'an accepted EditConfigRequest with TX and RX carriers, then C-plane messages on the CU-plane',
        observed: `${net.frames({ link: links.mplane }).length} M-plane frames, ${net.frames({ link: links.cuplane, type: cPlaneType }).length} C-plane frames within ${timeoutMs} ms`,
        link: configuration ? links.cuplane : links.mplane,
      });
    }
    await ctx.sleep(50);
  }
}

/** The interop fixture's two links, for awaitFronthaul. */
export const duRuLinks = { mplane: mLink, cuplane: cuLink, du: 'du-1', ru: 'ru-1' } as const;
