/**
 * Open Fronthaul M-plane conformance cases (O-RAN.WG4.CONF M-plane, on the model of WG4.MP in
 * interfaces/oran/fronthaul/mplane/v1): the O-RU under test against the harness playing its
 * O-DU, the NETCONF client. Each case sends the rpcs itself and grades the replies and the
 * notifications the O-RU sends.
 *
 * The judgements that need no network are pure functions, exported so that they can be shown
 * to fail on replies no built-in O-RU gives (every built-in O-RU shares one M-plane stack).
 */
import { createHash } from 'node:crypto';
import {
  type CaseContext,
  type CaseDefinition,
  defineCase,
  type Network,
  oran,
} from '../../src/conformance/index.js';
import { frequencyRangeOfBand, lookupPrbCount, supportedBandwidths } from '../../src/ran/index.js';
import {
  type Answer,
  awaitLocked,
  type Carrier,
  capabilitiesOf,
  carrierStateName,
  carriersOf,
  describeRpcErrors,
  mLink,
  mSession,
  type ORuDeclaration,
  ofhMFreerunTopology,
  ofhMResetTopology,
  ofhMSupervisionTopology,
  ofhMTopology,
  type RpcError,
  restoreRadio,
  rpc,
  subscribeAll,
  syncName,
  traceOf,
} from './topology.js';

const mp = oran.fronthaul.mplane.v1;
type ModuleCapabilityFields = oran.fronthaul.mplane.v1.ModuleCapability.$Properties;

const common = {
  suite: 'ofh-m',
  interface: 'ofh-m' as const,
  mode: 'conformance' as const,
  roles: ['o-ru'] as const,
};

// ---------------------------------------------------------------------------------------------
// Pure judgements
// ---------------------------------------------------------------------------------------------

/** One way the retrieved capabilities differ from the vendor.yaml declaration. */
export interface CapabilityMismatch {
  readonly what: string;
  readonly declared: string;
  readonly retrieved: string;
  /** True when it breaks a MUST (the O-RU lacks what it declares); false for a SHOULD. */
  readonly must: boolean;
}

const scsKhzOfEnum: Record<number, number> = { 1: 15, 2: 30, 3: 60, 4: 120 };
const scsEnumOfKhz: Record<number, number> = { 15: 1, 30: 2, 60: 3, 120: 4 };
const methodOf = (method: 'bfp' | 'none'): number =>
  method === 'bfp'
    ? mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
    : mp.CompressionMethod.COMPRESSION_METHOD_NONE;
const methodName = (method: number | null | undefined): string =>
  method === mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
    ? 'bfp'
    : method === mp.CompressionMethod.COMPRESSION_METHOD_NONE
      ? 'none'
      : (mp.CompressionMethod[method ?? 0] ?? String(method));
const list = (values: readonly number[]) => `[${[...values].sort((a, b) => a - b).join(', ')}]`;
const sameSet = (a: readonly number[], b: readonly number[]) =>
  a.length === new Set(b).size && a.every((x) => b.includes(x));

/**
 * Compares what an O-RU returns to a get of its module capability with what its vendor.yaml
 * declares: the declaration is what the matrix plans with, so every declared band, SCS and
 * compression width MUST be offered and the limits MUST agree; an offer beyond the declaration
 * SHOULD be declared. The delay profile's windows MUST be ordered (min <= max).
 */
export function compareCapabilities(
  declared: ORuDeclaration,
  retrieved: ModuleCapabilityFields,
  declaredVersion?: string,
): CapabilityMismatch[] {
  const out: CapabilityMismatch[] = [];
  const band = retrieved.bandCapabilities;
  const ru = retrieved.ruCapabilities;
  const add = (what: string, d: unknown, r: unknown, must = true) =>
    out.push({ what, declared: String(d), retrieved: String(r), must });

  const bands = [...(band?.supportedBands ?? [])];
  if (!sameSet(declared.bands, bands)) {
    add(
      'bands',
      list(declared.bands),
      list(bands),
      declared.bands.some((b) => !bands.includes(b)),
    );
  }
  const maxMhz = (band?.maxChannelBandwidthKhz ?? 0) / 1000;
  if (maxMhz !== declared.maxBandwidthMhz)
    add('max channel bandwidth (MHz)', declared.maxBandwidthMhz, maxMhz);
  const scs = (band?.supportedScs ?? []).map((s) => scsKhzOfEnum[s] ?? 0);
  if (!sameSet(declared.scsKhz, scs)) {
    add(
      'SCS (kHz)',
      list(declared.scsKhz),
      list(scs),
      declared.scsKhz.some((s) => !scs.includes(s)),
    );
  }
  const offers = retrieved.compression?.supportedCompressions ?? [];
  for (const d of declared.compression) {
    const offer = offers.find((o) => o.compressionMethod === methodOf(d.method));
    const widths = [...(offer?.iqBitwidths ?? [])];
    if (!offer || !sameSet(d.iqWidths, widths)) {
      add(
        `compression ${d.method} widths`,
        list(d.iqWidths),
        offer ? list(widths) : 'not offered',
        d.iqWidths.some((w) => !widths.includes(w)),
      );
    }
  }
  for (const offer of offers) {
    if (!declared.compression.some((d) => methodOf(d.method) === offer.compressionMethod)) {
      add(
        `compression ${methodName(offer.compressionMethod)}`,
        'not declared',
        list(offer.iqBitwidths ?? []),
        false,
      );
    }
  }
  if ((ru?.numberOfTxArrays ?? 0) !== declared.txArrays)
    add('TX arrays', declared.txArrays, ru?.numberOfTxArrays);
  if ((ru?.numberOfRxArrays ?? 0) !== declared.rxArrays)
    add('RX arrays', declared.rxArrays, ru?.numberOfRxArrays);
  const range = ru?.eaxcIdRange;
  if ((range?.eaxcIdMin ?? 0) !== declared.eaxcIds.min || (range?.eaxcIdMax ?? 0) !== declared.eaxcIds.max) {
    add(
      'eAxC id range',
      `${declared.eaxcIds.min}..${declared.eaxcIds.max}`,
      range ? `${range.eaxcIdMin ?? 0}..${range.eaxcIdMax ?? 0}` : 'none',
    );
  }
  const delay = retrieved.ruDelayProfile;
  const windows: Array<[string, number | null | undefined, number | null | undefined]> = [
    ['t2a_up', delay?.t2aMinUp, delay?.t2aMaxUp],
    ['t2a_cp_dl', delay?.t2aMinCpDl, delay?.t2aMaxCpDl],
    ['ta3', delay?.ta3Min, delay?.ta3Max],
    ['t2a_cp_ul', delay?.t2aMinCpUl, delay?.t2aMaxCpUl],
  ];
  for (const [name, min, max] of windows) {
    if (!max || (min ?? 0) > max)
      add(`delay window ${name} (ns)`, 'min <= max, max > 0', `${min ?? 0}..${max ?? 0}`);
  }
  const product = retrieved.productInfo;
  if (!product?.vendor || !product.model || !product.softwareVersion) {
    add('product info', 'vendor, model and software version', JSON.stringify(product ?? {}));
  } else if (declaredVersion && product.softwareVersion !== declaredVersion) {
    add('software version', declaredVersion, product.softwareVersion, false);
  }
  return out;
}

/** A carrier a conforming O-RU must accept, planned from its own capabilities. */
export interface CarrierPlan {
  readonly bandNumber: number;
  readonly centerKhz: number;
  readonly bandwidthKhz: number;
  readonly scsKhz: number;
  readonly compression: { readonly method: number; readonly iqWidth: number };
  readonly eaxcIdMin: number;
  readonly eaxcIdMax: number;
  /** N_RB of the carrier (3GPP TS 38.101-1 Table 5.3.2-1, src/ran). */
  readonly prbCount: number;
}

/** A centre frequency well inside each TDD band plugfest models (3GPP TS 38.101-1 Table 5.2-1). */
const bandCentresKhz: Readonly<Record<number, { centre: number; widthKhz: number }>> = {
  41: { centre: 2_593_000, widthKhz: 194_000 },
  48: { centre: 3_625_000, widthKhz: 150_000 },
  77: { centre: 3_750_000, widthKhz: 900_000 },
  78: { centre: 3_550_000, widthKhz: 500_000 },
  79: { centre: 4_700_000, widthKhz: 600_000 },
};

/**
 * The widest carrier within the capabilities: the first band plugfest knows, 30 kHz if offered
 * (else the first SCS), the widest bandwidth src/ran's PRB table has at that SCS up to the
 * maximum, and the first compression offered at its first width. A reason string when none fits.
 */
export function planCarrier(capability: ModuleCapabilityFields): CarrierPlan | string {
  const band = (capability.bandCapabilities?.supportedBands ?? []).find((b) => bandCentresKhz[b]);
  if (band === undefined) {
    return `no band plugfest models among ${list(capability.bandCapabilities?.supportedBands ?? [])}`;
  }
  const scsList = (capability.bandCapabilities?.supportedScs ?? []).map((s) => scsKhzOfEnum[s] ?? 0);
  const scsKhz = scsList.includes(30) ? 30 : scsList.find((s) => s > 0);
  if (!scsKhz) return 'no subcarrier spacing offered';
  const frequencyRange = frequencyRangeOfBand(band);
  const maxMhz = (capability.bandCapabilities?.maxChannelBandwidthKhz ?? 0) / 1000;
  const bandwidthMhz = supportedBandwidths(scsKhz, { frequencyRange })
    .filter((mhz) => mhz <= maxMhz && mhz * 1000 <= bandCentresKhz[band]!.widthKhz)
    .at(-1);
  if (bandwidthMhz === undefined) return `no ${scsKhz} kHz bandwidth in the PRB table up to ${maxMhz} MHz`;
  const offer = (capability.compression?.supportedCompressions ?? []).find(
    (o) => (o.iqBitwidths ?? []).length > 0,
  );
  if (!offer) return 'no compression offered';
  const range = capability.ruCapabilities?.eaxcIdRange;
  return {
    bandNumber: band,
    centerKhz: bandCentresKhz[band]!.centre,
    bandwidthKhz: bandwidthMhz * 1000,
    scsKhz,
    compression: { method: offer.compressionMethod ?? 0, iqWidth: offer.iqBitwidths![0]! },
    eaxcIdMin: range?.eaxcIdMin ?? 0,
    eaxcIdMax: range?.eaxcIdMax ?? 0,
    prbCount: lookupPrbCount(bandwidthMhz, scsKhz, { frequencyRange })!,
  };
}

/** The wire form of a planned carrier. */
export function carrierOf(plan: CarrierPlan, name: string, eaxcIds: number[]): Carrier {
  return {
    name,
    centerOfChannelBandwidthKhz: plan.centerKhz,
    channelBandwidthKhz: plan.bandwidthKhz,
    subcarrierSpacing: scsEnumOfKhz[plan.scsKhz] ?? 0,
    compression: {
      compressionMethod: plan.compression.method,
      iqBitwidth: plan.compression.iqWidth,
      compressionType: mp.CompressionType.COMPRESSION_TYPE_STATIC,
    },
    eaxcIds,
    bandNumber: plan.bandNumber,
    active: mp.ActiveState.ACTIVE_STATE_INACTIVE,
  };
}

/** How a carrier read back differs from the one written; empty when it reads back as written. */
export function readBackDifferences(written: Carrier, read: Carrier | undefined): string[] {
  if (!read) return [`carrier "${written.name}" missing`];
  const out: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${what} ${JSON.stringify(b)} (wrote ${JSON.stringify(a)})`);
  };
  compare(
    'center-of-channel-bandwidth',
    written.centerOfChannelBandwidthKhz,
    read.centerOfChannelBandwidthKhz,
  );
  compare('channel-bandwidth', written.channelBandwidthKhz, read.channelBandwidthKhz);
  compare('scs', written.subcarrierSpacing, read.subcarrierSpacing);
  compare('compression-method', written.compression?.compressionMethod, read.compression?.compressionMethod);
  compare('iq-bitwidth', written.compression?.iqBitwidth, read.compression?.iqBitwidth);
  compare('eaxc-ids', [...(written.eaxcIds ?? [])], [...(read.eaxcIds ?? [])]);
  compare('band-number', written.bandNumber, read.bandNumber);
  return out;
}

/**
 * What is wrong with the refusal of an edit-config that reuses an eAxC id (WG4.CONF 3.1.10, and
 * RFC 7950 clause 15.1 for a YANG unique violation): undefined when it is refused with
 * error-tag "operation-failed" and error-app-tag "data-not-unique".
 */
export function duplicateRefusalProblem(
  outcome: Answer['outcome'],
  errors: readonly RpcError[] | undefined,
): string | undefined {
  if (outcome === 'successful') return 'the edit-config was accepted';
  const [error] = errors ?? [];
  if (!error) return 'refused with no rpc-error';
  if (error.errorTag !== 'operation-failed' || error.errorAppTag !== 'data-not-unique') {
    return `refused with ${describeRpcErrors(errors)}`;
  }
  return undefined;
}

/** Earlier than this before interval + guard is an O-RU that did not wait its watchdog out. */
export const supervisionEarlyToleranceMs = 250;
/** Later than this after interval + guard fails: generous for a loaded 2-core machine. */
export const supervisionLateToleranceMs = 1000;
/** Later than this after interval + guard is non-strict. */
export const supervisionSlowToleranceMs = 500;

/**
 * How a loss-of-supervision detection time compares with the watchdog (interval + guard):
 * `ok`, `slow` (a SHOULD), `early` or `late` (a MUST).
 */
export function gradeDetection(detectionMs: number, windowMs: number): 'ok' | 'slow' | 'early' | 'late' {
  if (detectionMs < windowMs - supervisionEarlyToleranceMs) return 'early';
  if (detectionMs > windowMs + supervisionLateToleranceMs) return 'late';
  if (detectionMs > windowMs + supervisionSlowToleranceMs) return 'slow';
  return 'ok';
}

// ---------------------------------------------------------------------------------------------
// Steps the cases share
// ---------------------------------------------------------------------------------------------

/** The carrier plan of the O-RU's own capabilities; fails the case if nothing fits them. */
async function planOf(ctx: CaseContext<Network>): Promise<CarrierPlan> {
  const capability = await capabilitiesOf(ctx);
  const plan = planCarrier(capability);
  ctx.expect(typeof plan !== 'string', {
    message: `no carrier fits the O-RU's own capabilities: ${plan}`,
    expected: 'a band plugfest models, an SCS, a bandwidth of the PRB table, a compression',
    observed: JSON.stringify(capability),
    link: mLink,
    code: 'no-carrier-fits',
  });
  return plan;
}

/** edit-config create of one carrier, which must be accepted. */
async function createCarrier(ctx: CaseContext<Network>, kind: 'tx' | 'rx', carrier: Carrier) {
  const answer = await rpc(ctx, 'edit-config', (s) =>
    s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      operation: mp.EditOperation.EDIT_OPERATION_CREATE,
      [kind === 'tx' ? 'txArrayCarriers' : 'rxArrayCarriers']: [carrier],
    }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.EditConfigResponse');
  ctx.expect(answer.outcome === 'successful' && response.ok, {
    message: `a valid ${kind}-array-carrier "${carrier.name}" was refused`,
    expected: `<ok/> for ${describeCarrier(carrier)}`,
    observed: describeRpcErrors(response.rpcErrors),
    link: mLink,
    code: response.rpcErrors[0]?.errorTag || 'refused',
    trace: traceOf(ctx.fixture, answer),
  });
}

/** SetCarrierState; the answer, for the case to grade. */
async function setCarrierState(ctx: CaseContext<Network>, name: string, active: boolean) {
  const answer = await rpc(ctx, 'set carrier state', (s) =>
    s.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: name,
      desiredState: active ? mp.ActiveState.ACTIVE_STATE_ACTIVE : mp.ActiveState.ACTIVE_STATE_INACTIVE,
    }),
  );
  return { answer, response: answer.as('oran.fronthaul.mplane.v1.SetCarrierStateResponse') };
}

/** Activates a carrier, which must succeed (sync LOCKED). */
async function activate(ctx: CaseContext<Network>, name: string) {
  const { answer, response } = await setCarrierState(ctx, name, true);
  ctx.expect(answer.outcome === 'successful' && response.state === mp.CarrierState.CARRIER_STATE_ACTIVE, {
    message: `activation of "${name}" with sync LOCKED did not make it ACTIVE`,
    expected: 'state ACTIVE',
    observed: `${answer.outcome}, state ${carrierStateName(response.state)}${response.reason ? ` (${response.reason})` : ''}; ${describeRpcErrors(response.rpcErrors)}`,
    link: mLink,
    code: response.rpcErrors[0]?.errorTag || 'not-active',
    trace: traceOf(ctx.fixture, answer),
  });
}

function describeCarrier(c: Carrier): string {
  const scs = scsKhzOfEnum[c.subcarrierSpacing ?? 0];
  return `${(c.channelBandwidthKhz ?? 0) / 1000} MHz at ${scs} kHz around ${(c.centerOfChannelBandwidthKhz ?? 0) / 1000} MHz (n${c.bandNumber}), ${methodName(c.compression?.compressionMethod)} ${c.compression?.iqBitwidth}-bit, eAxC ${list(c.eaxcIds ?? [])}`;
}

/** supervision-watchdog-reset with the timers the topology names; the send and answer times. */
async function watchdogReset(ctx: CaseContext<Network>, intervalS: number, guardS: number) {
  const sentAt = Date.now();
  const answer = await rpc(ctx, 'supervision-watchdog-reset', (s) =>
    s.request('oran.fronthaul.mplane.v1.SupervisionWatchdogReset', {
      supervisionNotificationIntervalS: intervalS,
      guardTimerOverheadS: guardS,
    }),
  );
  const response = answer.as('oran.fronthaul.mplane.v1.SupervisionWatchdogResetResponse');
  ctx.expect(answer.outcome === 'successful', {
    message: 'supervision-watchdog-reset refused',
    expected: 'rpc-reply with next-update-at',
    observed: describeRpcErrors(response.rpcErrors),
    link: mLink,
    code: response.rpcErrors[0]?.errorTag || 'refused',
    trace: traceOf(ctx.fixture, answer),
  });
  return { sentAt, answeredAt: Date.now(), nextUpdateAt: response.nextUpdateAtUnixMs, answer };
}

const supervisionTimers = (net: Network) => net.running.topology.options.mplaneSupervision;

/** A CarrierStateChangeNotification taking `name` out of ACTIVE. */
const leftActive = (name: string) => (n: oran.fronthaul.mplane.v1.CarrierStateChangeNotification) =>
  n.carriers.some((c) => c.carrierName === name && c.state !== mp.CarrierState.CARRIER_STATE_ACTIVE);

// ---------------------------------------------------------------------------------------------
// Retrieval (WG4.CONF 3.1.4)
// ---------------------------------------------------------------------------------------------

export const capabilitiesMatchDeclaration = defineCase<Network>({
  ...common,
  id: 'OFH-M-CAP-001',
  title: 'Capability retrieval without a filter returns every section, matching the vendor.yaml declaration',
  spec: 'O-RAN.WG4.CONF 3.1.4 (retrieval without filter); o-ran-module-cap, o-ran-delay-management',
  expectation:
    'A get of the module capability with no filter returns product info, band capabilities, RU capabilities, compression and the RU delay profile. Bands, maximum channel bandwidth, SCS, compression methods and IQ widths, TX/RX arrays and the eAxC id range MUST be those the vendor declares in vendor.yaml (an offer beyond the declaration SHOULD be declared), every delay window MUST have min <= max, and the software version SHOULD be the declared product version.',
  topology: ofhMTopology,
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const manifest = net.running.manifestOf('ru-1');
    ctx.expect(manifest.role === 'o-ru', {
      message: `ru-1 runs ${manifest.id}, which is not an O-RU`,
      code: 'config-invalid',
    });
    const answer = await rpc(ctx, 'get module-capability', (s) =>
      s.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {}),
    );
    const response = answer.as('oran.fronthaul.mplane.v1.GetCapabilitiesResponse');
    const capability = response.moduleCapability;
    const sections = [
      'productInfo',
      'bandCapabilities',
      'ruCapabilities',
      'compression',
      'ruDelayProfile',
    ] as const;
    const missing = sections.filter((s) => !capability?.[s]);
    ctx.expect(answer.outcome === 'successful' && missing.length === 0, {
      message: `retrieval without a filter left out ${missing.join(', ') || 'nothing'} (${answer.outcome})`,
      expected: `every section: ${sections.join(', ')}`,
      observed: `sections ${sections.filter((s) => capability?.[s]).join(', ') || 'none'}; ${describeRpcErrors(response.rpcErrors)}`,
      link: mLink,
      code: 'section-missing',
      trace: traceOf(net, answer),
    });
    const mismatches = compareCapabilities(manifest.capabilities, capability!, manifest.version);
    const describe = (ms: CapabilityMismatch[]) => ms.map((m) => `${m.what}: ${m.retrieved}`).join('; ');
    const declared = (ms: CapabilityMismatch[]) => ms.map((m) => `${m.what}: ${m.declared}`).join('; ');
    const broken = mismatches.filter((m) => m.must);
    ctx.expect(broken.length === 0, {
      message: `the O-RU's capabilities differ from what ${manifest.id} declares in ${manifest.file}`,
      expected: declared(broken),
      observed: describe(broken),
      link: mLink,
      code: 'capability-mismatch',
      trace: traceOf(net, answer),
    });
    const loose = mismatches.filter((m) => !m.must);
    ctx.should(loose.length === 0, {
      message: `the O-RU offers or reports more than ${manifest.id} declares`,
      expected: declared(loose),
      observed: describe(loose),
      link: mLink,
      code: 'capability-undeclared',
      trace: traceOf(net, answer),
    });
    ctx.measure('maxChannelBandwidthMhz', (capability?.bandCapabilities?.maxChannelBandwidthKhz ?? 0) / 1000);
    ctx.measure(
      'eaxcIds',
      (capability?.ruCapabilities?.eaxcIdRange?.eaxcIdMax ?? 0) -
        (capability?.ruCapabilities?.eaxcIdRange?.eaxcIdMin ?? 0) +
        1,
    );
  },
});

export const filteredRetrieval = defineCase<Network>({
  ...common,
  id: 'OFH-M-CAP-002',
  title: 'Capability retrieval with a filter returns only the sections asked for, unchanged',
  spec: 'O-RAN.WG4.CONF 3.1.4 (retrieval with filter); RFC 6241 clause 6 subtree filtering',
  expectation:
    'A get of the module capability filtered to band capabilities and compression returns those two sections and no other; each equals the same section of an unfiltered get. A filter of product info alone returns product info alone.',
  topology: ofhMTopology,
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const whole = await capabilitiesOf(ctx);
    const { CapabilitySection } = mp;
    const filters = [
      [
        CapabilitySection.CAPABILITY_SECTION_BAND_CAPABILITIES,
        CapabilitySection.CAPABILITY_SECTION_COMPRESSION,
      ],
      [CapabilitySection.CAPABILITY_SECTION_PRODUCT_INFO],
    ];
    const fieldOf: Record<number, keyof ModuleCapabilityFields> = {
      [CapabilitySection.CAPABILITY_SECTION_PRODUCT_INFO]: 'productInfo',
      [CapabilitySection.CAPABILITY_SECTION_BAND_CAPABILITIES]: 'bandCapabilities',
      [CapabilitySection.CAPABILITY_SECTION_RU_CAPABILITIES]: 'ruCapabilities',
      [CapabilitySection.CAPABILITY_SECTION_COMPRESSION]: 'compression',
      [CapabilitySection.CAPABILITY_SECTION_RU_DELAY_PROFILE]: 'ruDelayProfile',
    };
    for (const filter of filters) {
      const wanted = filter.map((s) => fieldOf[s]!);
      const answer = await rpc(ctx, 'filtered get', (s) =>
        s.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', { filter }),
      );
      const response = answer.as('oran.fronthaul.mplane.v1.GetCapabilitiesResponse');
      const got = response.moduleCapability ?? {};
      const present = Object.values(fieldOf).filter((f) => !!(got as ModuleCapabilityFields)[f]);
      ctx.expect(
        answer.outcome === 'successful' &&
          JSON.stringify(present.sort()) === JSON.stringify([...wanted].sort()),
        {
          message: `a get filtered to ${wanted.join(' + ')} returned ${present.join(', ') || 'no section'}`,
          expected: `exactly ${wanted.join(', ')}`,
          observed: `${answer.outcome}: ${present.join(', ') || 'none'}; ${describeRpcErrors(response.rpcErrors)}`,
          link: mLink,
          code: 'filter-not-applied',
          trace: traceOf(net, answer),
        },
      );
      for (const field of wanted) {
        const filtered = JSON.stringify((got as ModuleCapabilityFields)[field]);
        const unfiltered = JSON.stringify(whole[field]);
        ctx.expect(filtered === unfiltered, {
          message: `${field} differs between the filtered and the unfiltered get`,
          expected: unfiltered,
          observed: filtered,
          link: mLink,
          code: 'filter-changed-data',
          trace: traceOf(net, answer),
        });
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Configurability and activation (WG4.CONF 3.1.10, 3.1.7)
// ---------------------------------------------------------------------------------------------

export const carrierConfiguration = defineCase<Network>({
  ...common,
  id: 'OFH-M-CONF-001',
  title:
    'A carrier within the capabilities is accepted, reads back as written, and goes ACTIVE with sync LOCKED',
  spec: 'O-RAN.WG4.CONF 3.1.10 (configurability), 3.1.7 (activation); o-ran-uplane-conf',
  expectation:
    "A TX and an RX array carrier planned from the O-RU's own capabilities (a bandwidth of 3GPP TS 38.101-1 Table 5.3.2-1 at a supported SCS, a supported compression and width, eAxC ids in range) are accepted by edit-config, read back with the same values in state INACTIVE, and with sync LOCKED each goes ACTIVE on activation and reads back ACTIVE; the O-RU SHOULD notify each change (tx/rx-array-carriers-state-change) within 2 s.",
  topology: ofhMTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      await subscribeAll(ctx);
      await awaitLocked(ctx);
      const plan = await planOf(ctx);
      const tx = carrierOf(plan, 'ofhm-conf-tx', [plan.eaxcIdMin]);
      const rx = carrierOf(plan, 'ofhm-conf-rx', [plan.eaxcIdMin + 1]);
      await createCarrier(ctx, 'tx', tx);
      await createCarrier(ctx, 'rx', rx);
      const stored = await carriersOf(ctx, [tx.name!, rx.name!]);
      for (const written of [tx, rx]) {
        const read = stored.find((c) => c.name === written.name);
        const differences = readBackDifferences(written, read);
        ctx.expect(differences.length === 0, {
          message: `carrier "${written.name}" does not read back as written`,
          expected: describeCarrier(written),
          observed: differences.join('; '),
          link: mLink,
          code: 'carrier-readback',
        });
        ctx.expect(read!.state === mp.CarrierState.CARRIER_STATE_INACTIVE, {
          message: `carrier "${written.name}", written INACTIVE, reads back ${carrierStateName(read!.state)}`,
          expected: 'state INACTIVE',
          observed: `state ${carrierStateName(read!.state)}`,
          link: mLink,
          code: 'carrier-state',
        });
      }
      const since = Date.now();
      for (const carrier of [tx, rx]) await activate(ctx, carrier.name!);
      const activeAt = Date.now();
      const after = await carriersOf(ctx, [tx.name!, rx.name!]);
      const notActive = after.filter((c) => c.state !== mp.CarrierState.CARRIER_STATE_ACTIVE);
      ctx.expect(after.length === 2 && notActive.length === 0, {
        message: 'activated carriers do not read back ACTIVE',
        expected: `${tx.name} and ${rx.name} ACTIVE`,
        observed: after.map((c) => `${c.name} ${carrierStateName(c.state)}`).join(', ') || 'no carrier',
        link: mLink,
        code: 'carrier-state',
      });
      const peer = net.peer('du-1');
      for (const carrier of [tx, rx]) {
        const notified = await peer.waitFor('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
          since,
          timeoutMs: Math.max(0, activeAt + 2000 - Date.now()),
          where: (n) =>
            n.carriers.some(
              (c) => c.carrierName === carrier.name && c.state === mp.CarrierState.CARRIER_STATE_ACTIVE,
            ),
        });
        ctx.should(notified !== undefined, {
          message: `no array-carriers-state-change notified "${carrier.name}" ACTIVE`,
          expected: `CarrierStateChangeNotification with ${carrier.name} ACTIVE within 2 s`,
          observed: `${peer.received('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', since).length} carrier notifications`,
          link: mLink,
          code: 'notification-missing',
        });
      }
      ctx.measure('prbCount', plan.prbCount);
      ctx.measure('bandwidthMhz', plan.bandwidthKhz / 1000);
      ctx.measure('scsKhz', plan.scsKhz);
    } finally {
      await restoreRadio(ctx);
    }
  },
});

export const duplicateEaxcRefused = defineCase<Network>({
  ...common,
  id: 'OFH-M-CONF-002',
  title: 'An eAxC id already used by another carrier is refused with data-not-unique, and nothing is applied',
  spec: 'O-RAN.WG4.CONF 3.1.10 (configurability, duplicate eAxC id); RFC 7950 clause 15.1; RFC 6241 clause 7.2',
  expectation:
    'With TX carrier A configured on eAxC id N, an edit-config creating TX carrier B on the same eAxC id is refused with error-tag "operation-failed" and error-app-tag "data-not-unique" (its error-path SHOULD name carrier B), and, edit-config being atomic, carrier B does not exist afterwards.',
  topology: ofhMTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const plan = await planOf(ctx);
      const eaxc = plan.eaxcIdMin;
      const a = carrierOf(plan, 'ofhm-dup-a', [eaxc]);
      const b = carrierOf(plan, 'ofhm-dup-b', [eaxc]);
      await createCarrier(ctx, 'tx', a);
      const answer = await rpc(ctx, 'edit-config', (s) =>
        s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
          operation: mp.EditOperation.EDIT_OPERATION_CREATE,
          txArrayCarriers: [b],
        }),
      );
      const response = answer.as('oran.fronthaul.mplane.v1.EditConfigResponse');
      const problem = duplicateRefusalProblem(answer.outcome, response.rpcErrors);
      ctx.expect(problem === undefined, {
        message: `a second carrier on eAxC id ${eaxc}: ${problem}`,
        expected: 'rpc-error operation-failed/data-not-unique',
        observed: answer.outcome === 'successful' ? '<ok/>' : describeRpcErrors(response.rpcErrors),
        link: mLink,
        code:
          answer.outcome === 'successful'
            ? 'duplicate-eaxc-accepted'
            : response.rpcErrors[0]?.errorTag || 'no-rpc-error',
        trace: traceOf(net, answer),
      });
      const path = response.rpcErrors[0]?.errorPath ?? '';
      ctx.should(path.includes(b.name!), {
        message: 'the error-path does not name the carrier that brought the duplicate',
        expected: `an error-path naming "${b.name}"`,
        observed: path || '(no error-path)',
        link: mLink,
        code: 'operation-failed/data-not-unique',
        trace: traceOf(net, answer),
      });
      const stored = await carriersOf(ctx);
      ctx.expect(!stored.some((c) => c.name === b.name), {
        message: `the refused edit-config still created "${b.name}"`,
        expected: 'nothing applied (edit-config is atomic)',
        observed: `carriers ${stored.map((c) => c.name).join(', ')}`,
        link: mLink,
        code: 'edit-not-atomic',
      });
    } finally {
      await restoreRadio(ctx);
    }
  },
});

export const activationNeedsLock = defineCase<Network>({
  ...common,
  id: 'OFH-M-ACT-001',
  title: 'Activation is refused while sync is not LOCKED, and the carrier stays inactive',
  spec: 'O-RAN.WG4.CONF 3.1.7 (activation); o-ran-sync; o-ran-uplane-conf',
  expectation:
    'With the O-RU held in FREERUN (settings.syncLockDelayMs of an hour), get sync-status reports a state other than LOCKED; a carrier may be configured, but its activation (set carrier state ACTIVE, or edit-config with active ACTIVE) is refused (error-tag SHOULD be "operation-failed") and the carrier never reads back ACTIVE.',
  topology: ofhMFreerunTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const syncAnswer = await rpc(ctx, 'get sync-status', (s) =>
        s.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {}),
      );
      const sync = syncAnswer.as('oran.fronthaul.mplane.v1.GetSyncStateResponse');
      if (sync.syncState === mp.SyncState.SYNC_STATE_LOCKED) {
        ctx.unsupported({
          message:
            'the O-RU is LOCKED although settings.syncLockDelayMs asks it to stay FREERUN: activation without sync cannot be provoked',
          expected: 'sync-state FREERUN or HOLDOVER',
          observed: 'sync-state LOCKED',
          link: mLink,
          code: 'sync-not-controllable',
          trace: traceOf(net, syncAnswer),
        });
      }
      ctx.measure('clockClass', sync.clockClass);
      const plan = await planOf(ctx);
      const carrier = carrierOf(plan, 'ofhm-act-tx', [plan.eaxcIdMin]);
      await createCarrier(ctx, 'tx', carrier);
      const state = syncName(sync.syncState);
      const { answer, response } = await setCarrierState(ctx, carrier.name!, true);
      ctx.expect(
        answer.outcome === 'unsuccessful' && response.state !== mp.CarrierState.CARRIER_STATE_ACTIVE,
        {
          message: `activation of "${carrier.name}" was not refused with sync-state ${state}`,
          expected: 'rpc-error (operation-failed), carrier left INACTIVE',
          observed: `${answer.outcome}, state ${carrierStateName(response.state)}`,
          link: mLink,
          code: 'activation-without-sync',
          trace: traceOf(net, answer),
        },
      );
      ctx.should(response.rpcErrors[0]?.errorTag === 'operation-failed', {
        message: 'activation without sync refused with an unexpected error-tag',
        expected: 'operation-failed',
        observed: describeRpcErrors(response.rpcErrors),
        link: mLink,
        code: response.rpcErrors[0]?.errorTag || 'no-rpc-error',
        trace: traceOf(net, answer),
      });
      const edit = await rpc(ctx, 'edit-config', (s) =>
        s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
          operation: mp.EditOperation.EDIT_OPERATION_MERGE,
          txArrayCarriers: [{ name: carrier.name, active: mp.ActiveState.ACTIVE_STATE_ACTIVE }],
        }),
      );
      const editResponse = edit.as('oran.fronthaul.mplane.v1.EditConfigResponse');
      ctx.expect(edit.outcome === 'unsuccessful', {
        message: `edit-config setting "${carrier.name}" active was accepted with sync-state ${state}`,
        expected: 'rpc-error (operation-failed): activation requires LOCKED',
        observed: editResponse.ok ? '<ok/>' : `${edit.outcome} without rpc-error`,
        link: mLink,
        code: 'activation-without-sync',
        trace: traceOf(net, edit),
      });
      const [read] = await carriersOf(ctx, [carrier.name!]);
      ctx.expect(read !== undefined && read.state !== mp.CarrierState.CARRIER_STATE_ACTIVE, {
        message: `"${carrier.name}" reads back ${read ? carrierStateName(read.state) : 'missing'} after refused activations`,
        expected: 'the carrier, INACTIVE',
        observed: read ? `state ${carrierStateName(read.state)}` : 'no such carrier',
        link: mLink,
        code: 'carrier-state',
      });
      ctx.measure('refusals', [answer, edit].filter((a) => a.outcome === 'unsuccessful').length);
    } finally {
      await restoreRadio(ctx);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Supervision (WG4.CONF 3.1.3) and fault management (3.1.5)
// ---------------------------------------------------------------------------------------------

export const supervisionKeepsCarriers = defineCase<Network>({
  ...common,
  id: 'OFH-M-SUP-001',
  title: 'Watchdog resets every notification interval keep the carriers active',
  spec: 'O-RAN.WG4.CONF 3.1.3 (M-plane supervision, positive); o-ran-supervision',
  expectation:
    'With an ACTIVE carrier and supervision-watchdog-reset sent every notification interval (topology: 1 s + 1 s guard) for longer than interval + guard, each reset is answered with next-update-at about one interval ahead (+/- 0.5 s), the carrier stays ACTIVE, and no carrier-state-change or alarm is notified; the O-RU SHOULD send supervision-notification every interval to its subscribed client.',
  topology: ofhMSupervisionTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const peer = net.peer('du-1');
      const { notificationIntervalS, guardTimerOverheadS } = supervisionTimers(net);
      const intervalMs = notificationIntervalS * 1000;
      const windowMs = (notificationIntervalS + guardTimerOverheadS) * 1000;
      await subscribeAll(ctx);
      await awaitLocked(ctx);
      const plan = await planOf(ctx);
      const carrier = carrierOf(plan, 'ofhm-sup-tx', [plan.eaxcIdMin]);
      await createCarrier(ctx, 'tx', carrier);
      await activate(ctx, carrier.name!);
      const since = Date.now();
      // Resets for one interval past the watchdog: had the O-RU ignored every reset but the
      // first, its watchdog would have expired an interval before the check below.
      const resets = Math.ceil(windowMs / intervalMs) + 2;
      for (let i = 0; i < resets; i++) {
        if (i > 0) await ctx.sleep(intervalMs);
        const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
        const ahead = reset.nextUpdateAt - reset.sentAt;
        ctx.should(Math.abs(ahead - intervalMs) <= 500, {
          message: 'next-update-at is not one notification interval ahead',
          expected: `${intervalMs} ms +/- 500 ms after the reset`,
          observed: `${Math.round(ahead)} ms`,
          link: mLink,
          code: 'next-update-at',
          trace: traceOf(net, reset.answer),
        });
      }
      ctx.measure('supervisedMs', Date.now() - since);
      const dropped = peer.received('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', since);
      const alarms = peer.received('oran.fronthaul.mplane.v1.AlarmNotification', since);
      const [read] = await carriersOf(ctx, [carrier.name!]);
      ctx.expect(
        read?.state === mp.CarrierState.CARRIER_STATE_ACTIVE &&
          !dropped.some((n) => leftActive(carrier.name!)(n.message)),
        {
          message: `"${carrier.name}" did not stay ACTIVE under supervision`,
          expected: `ACTIVE after ${resets} resets ${intervalMs} ms apart (watchdog ${windowMs} ms)`,
          observed: `state ${carrierStateName(read?.state)}; ${dropped.map((n) => n.message.reason).join(', ') || 'no carrier notification'}`,
          link: mLink,
          code: 'supervision-lost-while-supervised',
        },
      );
      ctx.expect(alarms.length === 0, {
        message: 'an alarm was notified while supervision was kept',
        expected: 'no alarm-notif',
        observed: alarms
          .map((a) => `fault ${a.message.alarm?.faultId} ${a.message.alarm?.faultText}`)
          .join(', '),
        link: mLink,
        code: 'alarm-while-supervised',
      });
      const notifications = peer.received('oran.fronthaul.mplane.v1.SupervisionNotification', since);
      ctx.measure('supervisionNotifications', notifications.length);
      ctx.should(notifications.length > 0, {
        message: 'the O-RU sent no supervision-notification to its subscribed client',
        expected: `a supervision-notification every ${notificationIntervalS} s (o-ran-supervision)`,
        observed: `none in ${Date.now() - since} ms`,
        link: mLink,
        code: 'supervision-notification-missing',
      });
    } finally {
      await restoreRadio(ctx, { watchdog: true });
    }
  },
});

export const supervisionLossDeactivates = defineCase<Network>({
  ...common,
  id: 'OFH-M-SUP-002',
  title:
    'Without watchdog resets the O-RU deactivates its carriers after interval + guard and raises an alarm',
  spec: 'O-RAN.WG4.CONF 3.1.3 (M-plane supervision, negative); o-ran-supervision; o-ran-fm',
  expectation:
    'After one supervision-watchdog-reset (topology: 1 s interval + 1 s guard) and none after it, the O-RU notifies its ACTIVE carrier out of ACTIVE no sooner than interval + guard - 0.25 s and no later than interval + guard + 1 s (the tolerance of a loaded 2-core machine; later than + 0.5 s is non-strict), raises an alarm (alarm-notif, not cleared) within 1 s of it, SHOULD name the carrier among its affected objects, and the carrier reads back not ACTIVE.',
  topology: ofhMSupervisionTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const peer = net.peer('du-1');
      const { notificationIntervalS, guardTimerOverheadS } = supervisionTimers(net);
      const windowMs = (notificationIntervalS + guardTimerOverheadS) * 1000;
      await subscribeAll(ctx);
      await awaitLocked(ctx);
      const plan = await planOf(ctx);
      const carrier = carrierOf(plan, 'ofhm-loss-tx', [plan.eaxcIdMin]);
      await createCarrier(ctx, 'tx', carrier);
      await activate(ctx, carrier.name!);
      const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
      const lost = await peer.waitFor('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
        since: reset.sentAt,
        where: leftActive(carrier.name!),
        timeoutMs: windowMs + supervisionLateToleranceMs + 2000,
      });
      ctx.expect(lost !== undefined, {
        message: `no loss of supervision detected: "${carrier.name}" still notified ACTIVE ${Date.now() - reset.sentAt} ms after the last reset`,
        expected: `a carrier-state-change out of ACTIVE about ${windowMs} ms after the last reset`,
        observed: 'none',
        link: mLink,
        code: 'supervision-loss-not-detected',
        trace: traceOf(net, reset.answer),
      });
      const detectionMs = lost.at - reset.sentAt;
      ctx.measure('detectionMs', detectionMs);
      ctx.measure('watchdogMs', windowMs);
      const grade = gradeDetection(detectionMs, windowMs);
      const timing = {
        expected: `${windowMs} ms (interval ${notificationIntervalS} s + guard ${guardTimerOverheadS} s), -${supervisionEarlyToleranceMs}/+${supervisionLateToleranceMs} ms`,
        observed: `${detectionMs} ms (reason "${lost.message.reason}")`,
        link: mLink,
        trace: { at: [reset.sentAt, lost.at] },
      };
      ctx.expect(grade !== 'early', {
        ...timing,
        message: 'the O-RU declared supervision lost before its watchdog ran out',
        code: 'supervision-early',
      });
      ctx.expect(grade !== 'late', {
        ...timing,
        message: 'the O-RU detected the loss of supervision late',
        code: 'supervision-late',
      });
      ctx.should(grade === 'ok', {
        ...timing,
        expected: `${windowMs} ms + at most ${supervisionSlowToleranceMs} ms`,
        message: 'the O-RU detected the loss of supervision slowly',
        code: 'supervision-slow',
      });
      const alarm = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
        since: reset.sentAt,
        where: (n) => n.alarm?.isCleared === false,
        timeoutMs: Math.max(0, lost.at + 1000 - Date.now()),
      });
      ctx.expect(alarm !== undefined, {
        message: 'loss of supervision raised no alarm',
        expected: 'alarm-notif (not cleared) within 1 s of the deactivation',
        observed: `${peer.received('oran.fronthaul.mplane.v1.AlarmNotification', reset.sentAt).length} alarm notifications`,
        link: mLink,
        code: 'no-alarm',
      });
      ctx.measure('faultId', alarm.message.alarm?.faultId ?? 0);
      ctx.should((alarm.message.alarm?.affectedObjects ?? []).includes(carrier.name!), {
        message: 'the supervision alarm does not name the carrier it took down',
        expected: `affected-objects with "${carrier.name}"`,
        observed: `affected-objects [${(alarm.message.alarm?.affectedObjects ?? []).join(', ')}]`,
        link: mLink,
        code: 'alarm-affected-objects',
      });
      const [read] = await carriersOf(ctx, [carrier.name!]);
      ctx.expect(read !== undefined && read.state !== mp.CarrierState.CARRIER_STATE_ACTIVE, {
        message: `"${carrier.name}" reads back ${carrierStateName(read?.state)} after the loss of supervision`,
        expected: 'INACTIVE or DISABLED',
        observed: `state ${carrierStateName(read?.state)}`,
        link: mLink,
        code: 'carrier-still-active',
      });
    } finally {
      await restoreRadio(ctx, { watchdog: true });
    }
  },
});

export const alarmListAgrees = defineCase<Network>({
  ...common,
  id: 'OFH-M-FM-001',
  title: 'A raised alarm is notified and listed as active; its clearing is notified and it leaves the list',
  spec: 'O-RAN.WG4.CONF 3.1.5 (alarm notification, active alarm list); o-ran-fm',
  expectation:
    'An alarm the O-RU raises (here: loss of supervision, with a 1 s + 1 s watchdog left to expire) is sent as alarm-notif and is in active-alarm-list with the same fault-id, fault-source and severity (event-time SHOULD match); when the cause goes (a watchdog reset resumes supervision) the O-RU sends alarm-notif with is-cleared for the same fault-id and the alarm leaves active-alarm-list.',
  topology: ofhMSupervisionTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const peer = net.peer('du-1');
      const { notificationIntervalS, guardTimerOverheadS } = supervisionTimers(net);
      const windowMs = (notificationIntervalS + guardTimerOverheadS) * 1000;
      await subscribeAll(ctx);
      const reset = await watchdogReset(ctx, notificationIntervalS, guardTimerOverheadS);
      const raised = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
        since: reset.sentAt,
        where: (n) => n.alarm?.isCleared === false,
        timeoutMs: windowMs + supervisionLateToleranceMs + 2000,
      });
      ctx.expect(raised !== undefined, {
        message: 'no alarm-notif after the watchdog was left to expire',
        expected: `alarm-notif about ${windowMs} ms after the last reset`,
        observed: 'none',
        link: mLink,
        code: 'no-alarm',
        trace: traceOf(net, reset.answer),
      });
      const alarm = raised.message.alarm!;
      const listAnswer = await rpc(ctx, 'get active-alarm-list', (s) =>
        s.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}),
      );
      const active = listAnswer.as('oran.fronthaul.mplane.v1.GetActiveAlarmsResponse').activeAlarms;
      const listed = active.find((a) => a.faultId === alarm.faultId && a.faultSource === alarm.faultSource);
      const describe = (a: typeof alarm | undefined) =>
        a
          ? `fault ${a.faultId} from ${a.faultSource}, ${(mp.FaultSeverity[a.faultSeverity ?? 0] ?? '').replace('FAULT_SEVERITY_', '')}${a.isCleared ? ', cleared' : ''}`
          : 'none';
      ctx.expect(listed !== undefined && listed.faultSeverity === alarm.faultSeverity && !listed.isCleared, {
        message: 'the notified alarm is not in the active alarm list as notified',
        expected: describe(alarm),
        observed: active.map(describe).join('; ') || 'an empty active-alarm-list',
        link: mLink,
        code: 'alarm-list-mismatch',
        trace: traceOf(net, listAnswer),
      });
      ctx.should(listed.eventTimeUnixMs === alarm.eventTimeUnixMs, {
        message: 'the listed alarm has another event-time than the notified one',
        expected: String(alarm.eventTimeUnixMs),
        observed: String(listed.eventTimeUnixMs),
        link: mLink,
        code: 'alarm-event-time',
      });
      const resumed = await watchdogReset(ctx, 3600, guardTimerOverheadS);
      const cleared = await peer.waitFor('oran.fronthaul.mplane.v1.AlarmNotification', {
        since: resumed.sentAt,
        where: (n) => n.alarm?.isCleared === true && n.alarm.faultId === alarm.faultId,
        timeoutMs: 2000,
      });
      ctx.expect(cleared !== undefined, {
        message: `supervision resumed but fault ${alarm.faultId} was not notified cleared`,
        expected: `alarm-notif is-cleared for fault ${alarm.faultId} within 2 s of the reset`,
        observed: `${peer.received('oran.fronthaul.mplane.v1.AlarmNotification', resumed.sentAt).length} alarm notifications`,
        link: mLink,
        code: 'alarm-not-cleared',
        trace: traceOf(net, resumed.answer),
      });
      const afterAnswer = await rpc(ctx, 'get active-alarm-list', (s) =>
        s.request('oran.fronthaul.mplane.v1.GetActiveAlarmsRequest', {}),
      );
      const after = afterAnswer.as('oran.fronthaul.mplane.v1.GetActiveAlarmsResponse').activeAlarms;
      ctx.expect(!after.some((a) => a.faultId === alarm.faultId && !a.isCleared), {
        message: `fault ${alarm.faultId}, notified cleared, is still in the active alarm list`,
        expected: `no fault ${alarm.faultId}`,
        observed: after.map(describe).join('; '),
        link: mLink,
        code: 'alarm-list-mismatch',
        trace: traceOf(net, afterAnswer),
      });
      ctx.measure('faultId', alarm.faultId ?? 0);
    } finally {
      await restoreRadio(ctx, { watchdog: true });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Subscription (WG4.CONF 3.1.2), operations, software management (3.1.6)
// ---------------------------------------------------------------------------------------------

export const subscriptionFilter = defineCase<Network>({
  ...common,
  id: 'OFH-M-SUB-001',
  title: 'create-subscription delivers the notifications asked for and no others',
  spec: 'O-RAN.WG4.CONF 3.1.2 (subscription to notifications); RFC 5277 clause 2.1.1',
  expectation:
    'A create-subscription to an unknown stream is refused (error-tag SHOULD be "invalid-value"); one filtered to o-ran-fm:alarm-notif gets no carrier-state-change when a carrier is activated (watched 0.5 s); one filtered to o-ran-uplane-conf:tx-array-carriers-state-change gets the deactivation of that carrier within 2 s.',
  topology: ofhMTopology,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      const peer = net.peer('du-1');
      const subscribe = (stream: string, notificationNames: string[]) =>
        rpc(ctx, 'create-subscription', (s) =>
          s.request('oran.fronthaul.mplane.v1.SubscribeNotificationsRequest', { stream, notificationNames }),
        );
      const unknown = await subscribe('plugfest-no-such-stream', []);
      const unknownErrors = unknown.as('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse').rpcErrors;
      ctx.expect(unknown.outcome === 'unsuccessful', {
        message: 'create-subscription to an unknown stream was accepted',
        expected: 'rpc-error invalid-value',
        observed: '<ok/>',
        link: mLink,
        code: 'unknown-stream-accepted',
        trace: traceOf(net, unknown),
      });
      ctx.should(unknownErrors[0]?.errorTag === 'invalid-value', {
        message: 'an unknown stream was refused with an unexpected error-tag',
        expected: 'invalid-value',
        observed: describeRpcErrors(unknownErrors),
        link: mLink,
        code: unknownErrors[0]?.errorTag || 'no-rpc-error',
      });
      const alarmsOnly = await subscribe('NETCONF', ['o-ran-fm:alarm-notif']);
      ctx.expect(alarmsOnly.outcome === 'successful', {
        message: 'create-subscription filtered to o-ran-fm:alarm-notif refused',
        expected: '<ok/>',
        observed: describeRpcErrors(
          alarmsOnly.as('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse').rpcErrors,
        ),
        link: mLink,
        code: 'subscription-refused',
        trace: traceOf(net, alarmsOnly),
      });
      await awaitLocked(ctx);
      const plan = await planOf(ctx);
      const carrier = carrierOf(plan, 'ofhm-sub-tx', [plan.eaxcIdMin]);
      await createCarrier(ctx, 'tx', carrier);
      const activatedAt = Date.now();
      await activate(ctx, carrier.name!);
      await ctx.sleep(500);
      const unwanted = peer.received('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', activatedAt);
      ctx.expect(unwanted.length === 0, {
        message: 'a carrier-state-change reached a client subscribed to o-ran-fm:alarm-notif only',
        expected: 'no notification but alarm-notif',
        observed: unwanted.map((n) => `CarrierStateChangeNotification (${n.message.reason})`).join(', '),
        link: mLink,
        code: 'notification-filter-ignored',
        trace: { at: unwanted.map((n) => n.at) },
      });
      const carriersOnly = await subscribe('', ['o-ran-uplane-conf:tx-array-carriers-state-change']);
      ctx.expect(carriersOnly.outcome === 'successful', {
        message: 'create-subscription filtered to tx-array-carriers-state-change refused',
        expected: '<ok/>',
        observed: describeRpcErrors(
          carriersOnly.as('oran.fronthaul.mplane.v1.SubscribeNotificationsResponse').rpcErrors,
        ),
        link: mLink,
        code: 'subscription-refused',
        trace: traceOf(net, carriersOnly),
      });
      const deactivatedAt = Date.now();
      const { answer } = await setCarrierState(ctx, carrier.name!, false);
      const wanted = await peer.waitFor('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
        since: deactivatedAt,
        where: leftActive(carrier.name!),
        timeoutMs: 2000,
      });
      ctx.expect(wanted !== undefined, {
        message: `the deactivation of "${carrier.name}" was not notified to a client subscribed to it`,
        expected: 'tx-array-carriers-state-change within 2 s',
        observed: `deactivation ${answer.outcome}; no CarrierStateChangeNotification`,
        link: mLink,
        code: 'notification-missing',
        trace: traceOf(net, answer),
      });
      ctx.measure('notifyMs', wanted.at - deactivatedAt);
    } finally {
      await restoreRadio(ctx);
    }
  },
});

export const resetRestarts = defineCase<Network>({
  ...common,
  id: 'OFH-M-RESET-001',
  title: 'After a reset rpc the O-RU closes its links, comes back, and no carrier is active',
  spec: 'O-RAN.WG4.MP o-ran-operations reset; O-RAN.WG4.CONF 3.1.7 (activation after start-up)',
  expectation:
    'With an ACTIVE carrier, a reset rpc is answered <ok/>; the O-RU then closes the M-plane link (SHOULD with LinkClose cause misc om-intervention), accepts the client again within 10 s, holds no ACTIVE carrier (none, or all INACTIVE), and reaches sync LOCKED again within 10 s.',
  topology: ofhMResetTopology,
  timeoutMs: 40_000,
  async run(ctx: CaseContext<Network>) {
    try {
      const net = ctx.fixture;
      await subscribeAll(ctx);
      await awaitLocked(ctx);
      const plan = await planOf(ctx);
      const carrier = carrierOf(plan, 'ofhm-reset-tx', [plan.eaxcIdMin]);
      await createCarrier(ctx, 'tx', carrier);
      await activate(ctx, carrier.name!);
      const before = await mSession(ctx);
      const resetAt = Date.now();
      const answer = await rpc(ctx, 'reset', (s) => s.request('oran.fronthaul.mplane.v1.ResetRequest', {}));
      const response = answer.as('oran.fronthaul.mplane.v1.ResetResponse');
      ctx.expect(answer.outcome === 'successful' && response.ok, {
        message: 'the reset rpc was refused',
        expected: '<ok/>',
        observed: describeRpcErrors(response.rpcErrors),
        link: mLink,
        code: response.rpcErrors[0]?.errorTag || 'refused',
        trace: traceOf(net, answer),
      });
      const deadline = Date.now() + 5000;
      while (before.link.state !== 'closed' && Date.now() < deadline) await ctx.sleep(25);
      ctx.expect(before.link.state === 'closed', {
        message: 'the O-RU kept the M-plane link open after its reset',
        expected: 'the link closed by the O-RU within 5 s of <ok/>',
        observed: `link ${before.link.state}`,
        link: mLink,
        code: 'link-not-closed',
        trace: traceOf(net, answer),
      });
      const close = net.frames({ link: mLink, type: 'oran.common.v1.LinkClose', since: resetAt });
      const cause = JSON.stringify((close[0]?.fields as { cause?: unknown } | undefined)?.cause ?? null);
      ctx.should(close[0]?.dir === 'server-to-client' && cause.includes('CAUSE_MISC_OM_INTERVENTION'), {
        message: 'the O-RU closed the link without LinkClose cause misc om-intervention',
        expected: 'LinkClose from the O-RU, cause misc om-intervention',
        observed: close[0] ? `LinkClose ${close[0].dir} cause ${cause}` : 'no LinkClose',
        link: mLink,
        code: 'link-close-cause',
      });
      let after: Awaited<ReturnType<typeof mSession>> | undefined;
      try {
        after = await net.peer('du-1').session('ofh-m', 10_000);
      } catch {
        after = undefined;
      }
      ctx.expect(after !== undefined && after !== before, {
        message: 'the M-plane link did not come back after the reset',
        expected: 'a ready M-plane link within 10 s',
        observed: 'none',
        link: mLink,
        code: 'link-not-back',
      });
      ctx.measure('linkBackMs', Date.now() - resetAt);
      const carriers = await carriersOf(ctx);
      const active = carriers.filter((c) => c.state === mp.CarrierState.CARRIER_STATE_ACTIVE);
      ctx.expect(active.length === 0, {
        message: 'a carrier is ACTIVE right after the reset',
        expected: 'no carrier, or every carrier INACTIVE',
        observed: active.map((c) => `${c.name} ACTIVE`).join(', '),
        link: mLink,
        code: 'carrier-active-after-reset',
      });
      ctx.measure('carriersAfterReset', carriers.length);
      await awaitLocked(ctx, 10_000);
      ctx.measure('relockMs', Date.now() - resetAt);
    } finally {
      await restoreRadio(ctx);
    }
  },
});

export const softwareIntegrity = defineCase<Network>({
  ...common,
  id: 'OFH-M-SWM-001',
  title: 'A software package whose digest does not match is refused with INTEGRITY_ERROR',
  spec: 'O-RAN.WG4.CONF 3.1.6 (software update, negative); o-ran-software-management software-install',
  expectation:
    'software-install of a package whose SHA-256 is not the digest sent with it is an unsuccessful outcome with status INTEGRITY_ERROR (and SHOULD say why in error-message); the same package with its right digest installs (COMPLETED), so the O-RU checks the digest rather than refusing every package.',
  topology: ofhMTopology,
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const content = new TextEncoder().encode('plugfest ofh-m conformance package 1.0.0\n');
    const digest = createHash('sha256').update(content).digest();
    const install = (packageDigest: Uint8Array) =>
      rpc(ctx, 'software-install', (s) =>
        s.request('oran.fronthaul.mplane.v1.SoftwareInstallRequest', {
          packageName: 'plugfest-ofhm-1.0.0',
          packageDigest,
          packageContent: content,
        }),
      );
    const statusName = (status: number | null | undefined) =>
      (mp.SoftwareInstallStatus[status ?? 0] ?? String(status)).replace('SOFTWARE_INSTALL_STATUS_', '');
    const tampered = new Uint8Array(digest);
    tampered[0] = tampered[0]! ^ 0xff;
    const bad = await install(tampered);
    const badResponse = bad.as('oran.fronthaul.mplane.v1.SoftwareInstallResponse');
    ctx.expect(
      bad.outcome === 'unsuccessful' &&
        badResponse.status === mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_INTEGRITY_ERROR,
      {
        message: 'a package with a wrong digest was not refused with INTEGRITY_ERROR',
        expected: 'unsuccessful outcome, status INTEGRITY_ERROR',
        observed: `${bad.outcome}, status ${statusName(badResponse.status)}${badResponse.errorMessage ? `: ${badResponse.errorMessage}` : ''}`,
        link: mLink,
        code: statusName(badResponse.status),
        trace: traceOf(net, bad),
      },
    );
    ctx.should(badResponse.errorMessage.length > 0, {
      message: 'INTEGRITY_ERROR without an error-message',
      expected: 'an error-message saying why',
      observed: '(empty)',
      link: mLink,
      code: 'INTEGRITY_ERROR',
    });
    const good = await install(digest);
    const goodResponse = good.as('oran.fronthaul.mplane.v1.SoftwareInstallResponse');
    ctx.expect(
      good.outcome === 'successful' &&
        goodResponse.status === mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_COMPLETED,
      {
        message: 'the same package with its right digest did not install',
        expected: 'status COMPLETED',
        observed: `${good.outcome}, status ${statusName(goodResponse.status)}${goodResponse.errorMessage ? `: ${goodResponse.errorMessage}` : ''}`,
        link: mLink,
        code: statusName(goodResponse.status),
        trace: traceOf(net, good),
      },
    );
  },
});

/** Every M-plane case, in the order they run: cases on the same topology share one O-RU. */
export const ofhMCases: CaseDefinition<Network>[] = [
  capabilitiesMatchDeclaration,
  filteredRetrieval,
  carrierConfiguration,
  duplicateEaxcRefused,
  subscriptionFilter,
  softwareIntegrity,
  activationNeedsLock,
  supervisionKeepsCarriers,
  supervisionLossDeactivates,
  alarmListAgrees,
  resetRestarts,
];
