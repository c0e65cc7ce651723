/**
 * What the O-DU configured on the O-RU over the M-plane, read from the trace: the carriers the
 * CU-plane is graded against.
 */
import {
  type FieldsOf,
  type LogRecord,
  type Network,
  type NetworkContext,
  oran,
} from '../../src/conformance/index.js';
import { lookupPrbCount } from '../../src/ran/index.js';
import { cPlaneType } from './tap.js';

const mp = oran.fronthaul.mplane.v1;

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

type CarrierFields = NonNullable<
  FieldsOf<'oran.fronthaul.mplane.v1.EditConfigRequest'>['txArrayCarriers']
>[number];

/**
 * An enum field of a traced message by its name. The trace holds enums as names, though
 * FieldsOf types them as numbers; this reads either.
 */
const enumName = (value: number | string | undefined, names: Readonly<Record<number, string>>): string =>
  typeof value === 'number' ? (names[value] ?? String(value)) : (value ?? '');

const scsOf = (value: CarrierFields['subcarrierSpacing']): number =>
  Number(/_(\d+)_KHZ$/.exec(enumName(value, mp.SubcarrierSpacing))?.[1] ?? 0);

function compressionOf(fields: CarrierFields['compression']): ConfiguredCompression {
  const method = enumName(fields?.compressionMethod, mp.CompressionMethod);
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
  const requests = net.frames.all({
    link,
    type: 'oran.fronthaul.mplane.v1.EditConfigRequest',
    dir: 'client-to-server',
  });
  const edit = net.frames
    .all({
      link,
      type: 'oran.fronthaul.mplane.v1.EditConfigResponse',
      dir: 'server-to-client',
      pdu: 'successful',
    })
    .map((response) => requests.find((request) => request.tx === response.tx && request.t <= response.t))
    .filter(
      (request) =>
        request && enumName(request.fields.operation, mp.EditOperation) !== 'EDIT_OPERATION_DELETE',
    )
    .at(-1);
  if (!edit) return undefined;
  const capabilities = net.frames
    .all({ link, type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse' })
    .at(-1);
  const range = capabilities?.fields.moduleCapability?.ruCapabilities?.eaxcIdRange;
  return {
    carriers: [
      ...(edit.fields.txArrayCarriers ?? []).map((c) => carrierOf('tx', c)),
      ...(edit.fields.rxArrayCarriers ?? []).map((c) => carrierOf('rx', c)),
    ],
    eaxcIdRange: range ? { min: range.eaxcIdMin ?? 0, max: range.eaxcIdMax ?? 0 } : undefined,
    at: edit.t,
  };
}

/** The first of `waits` to resolve with something, or undefined once every one has resolved with nothing. */
function firstOf<T>(waits: ReadonlyArray<Promise<T | undefined>>): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let left = waits.length;
    for (const wait of waits) {
      wait.then((value) => {
        if (value !== undefined) resolve(value);
        else if (--left === 0) resolve(undefined);
      }, reject);
    }
  });
}

/**
 * Waits until the O-DU has configured the O-RU's carriers and C-plane follows on the CU-plane
 * link; ends the case `incompatible` when the O-DU says they share no carrier profile (its
 * 'fronthaul incompatible' log names both offers), and fails when neither comes in time.
 */
export async function awaitFronthaul(
  ctx: NetworkContext,
  links: { readonly mplane: string; readonly cuplane: string; readonly du: string; readonly ru: string },
  timeoutMs = 10_000,
): Promise<FronthaulConfiguration> {
  const net = ctx.fixture;
  const du = net.instance(links.du).logs;
  const isIncompatible = (l: LogRecord) =>
    l.msg === 'fronthaul incompatible' && (l.ru === undefined || l.ru === links.ru);
  let configured: FronthaulConfiguration | undefined;
  const found = await firstOf<'incompatible' | 'flowing'>([
    du.next(isIncompatible, timeoutMs).then((line) => (line ? 'incompatible' : undefined)),
    net.frames
      .next(
        {
          link: links.cuplane,
          type: cPlaneType,
          dir: 'client-to-server',
          where: (f) => {
            configured ??= fronthaulConfiguration(net, links.mplane);
            return configured !== undefined && f.t >= configured.at;
          },
        },
        timeoutMs,
      )
      .then((frame) => (frame ? 'flowing' : undefined)),
  ]);
  const configuration = fronthaulConfiguration(net, links.mplane);
  if (found === 'incompatible') {
    const [incompatible] = du.all(isIncompatible);
    const capabilities = net.frames.all({
      link: links.mplane,
      type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
    });
    ctx.incompatible({
      message: `${links.du} and ${links.ru} share no carrier profile: ${String(incompatible?.reason)}`,
      expected: `a carrier the O-DU wants: ${String(incompatible?.duOffer)}`,
      observed: `the O-RU offers: ${String(incompatible?.ruOffer)}`,
      link: links.mplane,
      code: `incompatible: ${String(incompatible?.mismatch)}`,
      ...(capabilities.length > 0 ? { trace: { at: [capabilities.at(-1)!.t] } } : {}),
    });
  }
  ctx.expect(found === 'flowing' && configuration !== undefined, {
    message: configuration
      ? 'carriers configured but no C-plane message followed'
      : 'the O-DU configured no carrier on the O-RU and named no incompatibility',
    expected: 'an accepted EditConfigRequest with TX and RX carriers, then C-plane messages on the CU-plane',
    observed: `${net.frames.all({ link: links.mplane }).length} M-plane frames, ${net.frames.all({ link: links.cuplane, type: cPlaneType }).length} C-plane frames within ${timeoutMs} ms`,
    link: configuration ? links.cuplane : links.mplane,
    code: 'missing-frame',
  });
  return configuration;
}
