/**
 * The IQ loopback driver of OFH-CU-IQ-001, the harness as O-DU (WG4.CONF 3.1.13): for each
 * compression the O-RU offers, configure and activate a TX carrier, put it in loopback, send DL
 * C-plane then U-plane slot by slot, and grade what comes back (loopback-measure.ts).
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import {
  airClock,
  compressPrb,
  encodeUncompressed,
  lookupPrbCount,
  samplesPerPrb,
  testSignal,
} from '../../src/ran/index.js';
import {
  type Compression,
  compressionName,
  type LoopbackResult,
  loopbackProblem,
  loopSlots,
  measureLoopback,
} from './loopback-measure.js';
import { cuLink, mLink } from './topology.js';

type RpcError = oran.fronthaul.mplane.v1.RpcError.$Properties;

const cu = oran.fronthaul.cuplane.v1;
const mp = oran.fronthaul.mplane.v1;
/** Peak level per I or Q component of the test signal (about -8.7 dBFS, as an O-DU's DL). */
const loopAmplitude = 12_000;
/** The carrier the harness configures for the test: 20 MHz fits every O-RU's band and bandwidth. */
const loopCarrier = { name: 'tx-loopback', bandwidthMhz: 20, centreKhz: 3_500_000 };

/** The compressions an O-RU advertises, in its order; BFP at each width, none as 16-bit. */
function offeredCompressions(
  capability: oran.fronthaul.mplane.v1.ModuleCapability.$Properties | null | undefined,
): Compression[] {
  return (capability?.compression?.supportedCompressions ?? []).flatMap((offer): Compression[] => {
    if (offer.compressionMethod === mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT)
      return (offer.iqBitwidths ?? []).map((iqWidth) => ({ method: 'bfp', iqWidth }));
    if (offer.compressionMethod === mp.CompressionMethod.COMPRESSION_METHOD_NONE)
      return [{ method: 'none', iqWidth: 16 }];
    return [];
  });
}

const scsKhzOf: Readonly<Record<number, number>> = {
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_15_KHZ]: 15,
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ]: 30,
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_60_KHZ]: 60,
  [mp.SubcarrierSpacing.SUBCARRIER_SPACING_120_KHZ]: 120,
};

/** What the first rpc-error says, or `fallback`. */
const refusalOf = (errors: readonly RpcError[], fallback: string) => ({
  detail: errors[0]?.errorMessage || errors[0]?.errorTag || fallback,
});

/**
 * The body of OFH-CU-IQ-001: as the O-DU, configures a TX carrier at each compression the O-RU
 * offers in turn, loops it back, and grades what came back (measureLoopback, loopbackProblem).
 */
export async function iqLoopbackPerWidth(ctx: NetworkContext): Promise<void> {
  const net = ctx.fixture;
  const peer = net.peer('du-1');
  const mplane = await peer.session('ofh-m');
  const cuplane = await peer.session('ofh-cu');
  const capability = (await mplane.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {})).as(
    'oran.fronthaul.mplane.v1.GetCapabilitiesResponse',
  ).moduleCapability;
  const offers = offeredCompressions(capability);
  ctx.expect(offers.length > 0, {
    message: 'the O-RU advertises no compression the CU-plane models',
    expected: 'supported-compressions with BFP widths or none',
    observed: JSON.stringify(capability?.compression ?? {}),
    link: mLink,
    code: 'no-carrier-fits',
  });
  const scsList = capability?.bandCapabilities?.supportedScs ?? [];
  const scsEnum = scsList.includes(mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ)
    ? mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ
    : (scsList[0] ?? mp.SubcarrierSpacing.SUBCARRIER_SPACING_30_KHZ);
  const scsKhz = scsKhzOf[scsEnum] ?? 30;
  const prbCount = lookupPrbCount(loopCarrier.bandwidthMhz, scsKhz) ?? 0;
  const eaxcId = capability?.ruCapabilities?.eaxcIdRange?.eaxcIdMin ?? 0;
  const band = capability?.bandCapabilities?.supportedBands?.[0] ?? 78;

  // Activation needs sync LOCKED (WG4.CONF 3.1.7): an O-RU locks shortly after it starts.
  for (let tries = 0; ; tries++) {
    const sync = (await mplane.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {})).as(
      'oran.fronthaul.mplane.v1.GetSyncStateResponse',
    );
    if (sync.syncState === mp.SyncState.SYNC_STATE_LOCKED) break;
    ctx.expect(tries < 50, {
      message: 'the O-RU never reached sync LOCKED',
      expected: 'SYNC_STATE_LOCKED within 5 s',
      observed: mp.SyncState[sync.syncState] ?? String(sync.syncState),
      link: mLink,
      code: 'sync-not-locked',
    });
    await ctx.sleep(100);
  }

  const clock = airClock({
    epochUnixMs: net.epochUnixMs,
    slotRatePerSecond: net.options.slotRatePerSecond,
    scsKhz,
  });
  const sequence = { c: 0, u: 0 };
  const header = (plane: 'c' | 'u') => ({
    ecpriVersion: 1,
    ecpriMessage:
      plane === 'c'
        ? cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_REAL_TIME_CONTROL
        : cu.EcpriMessageType.ECPRI_MESSAGE_TYPE_IQ_DATA,
    eaxcId: { eaxcId, ruPortId: eaxcId & 0xf, ccId: (eaxcId >> 4) & 0xf },
    sequenceId: sequence[plane]++ % 256,
    eBit: true,
  });

  const loopAt = async (compression: Compression): Promise<LoopbackResult> => {
    const refused = (step: string, problem: { detail: string }): LoopbackResult => ({
      ...measureLoopback(compression, new Map(), []),
      refused: { step, ...problem },
    });
    const edit = await mplane.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      operation: mp.EditOperation.EDIT_OPERATION_MERGE,
      txArrayCarriers: [
        {
          name: loopCarrier.name,
          centerOfChannelBandwidthKhz: loopCarrier.centreKhz,
          channelBandwidthKhz: loopCarrier.bandwidthMhz * 1000,
          subcarrierSpacing: scsEnum,
          compression: {
            compressionMethod:
              compression.method === 'bfp'
                ? mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
                : mp.CompressionMethod.COMPRESSION_METHOD_NONE,
            iqBitwidth: compression.iqWidth,
            compressionType: mp.CompressionType.COMPRESSION_TYPE_STATIC,
          },
          eaxcIds: [eaxcId],
          active: mp.ActiveState.ACTIVE_STATE_INACTIVE,
          bandNumber: band,
          cyclicPrefix: mp.CyclicPrefixType.CYCLIC_PREFIX_TYPE_NORMAL,
        },
      ],
    });
    if (edit.outcome !== 'successful')
      return refused(
        'edit-config',
        refusalOf(
          edit.type === 'oran.fronthaul.mplane.v1.EditConfigResponse'
            ? edit.as('oran.fronthaul.mplane.v1.EditConfigResponse').rpcErrors
            : [],
          'unsuccessful',
        ),
      );
    const activation = await mplane.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: loopCarrier.name,
      desiredState: mp.ActiveState.ACTIVE_STATE_ACTIVE,
    });
    const state = activation.as('oran.fronthaul.mplane.v1.SetCarrierStateResponse');
    if (activation.outcome !== 'successful' || state.state !== mp.CarrierState.CARRIER_STATE_ACTIVE)
      return refused('activation', refusalOf(state.rpcErrors, state.reason || 'not ACTIVE'));
    const loop = await cuplane.request('oran.fronthaul.cuplane.v1.LoopbackTestRequest', {
      carrierName: loopCarrier.name,
      enable: true,
      durationMs: 0,
    });
    const looping = loop.as('oran.fronthaul.cuplane.v1.LoopbackTestResponse');
    if (loop.outcome !== 'successful' || !looping.loopbackActive)
      return refused('loopback-test', { detail: looping.detail || 'loopback not active' });

    const since = Date.now();
    const sent = new Map<string, Int16Array>();
    const udCompHdr = {
      udCompMeth:
        compression.method === 'bfp'
          ? cu.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
          : cu.CompressionMethod.COMPRESSION_METHOD_NONE,
      udIqWidth: compression.iqWidth,
    };
    const first = clock.at(Date.now()).absoluteSlot + 1;
    for (let slot = first; slot < first + loopSlots; slot++) {
      const time = clock.slotTime(slot);
      const samples = testSignal({ prbCount, amplitude: loopAmplitude, seed: slot });
      sent.set(`${time.frameId}.${time.subframe}.${time.slot}`, samples);
      const slotFields = {
        dataDirection: cu.DataDirection.DATA_DIRECTION_DL,
        payloadVersion: 1,
        frameId: time.frameId,
        subframeId: time.subframe,
        slotId: time.slot,
      };
      await cuplane.send('oran.fronthaul.cuplane.v1.CPlaneMessage', {
        ecpriHeader: header('c'),
        ...slotFields,
        startSymbolId: 0,
        numberOfSections: 1,
        sectionType: cu.SectionType.SECTION_TYPE_1,
        udCompHdr,
        sections: [
          {
            sectionId: 1,
            rb: cu.RbIndicator.RB_INDICATOR_EVERY_RB,
            startPrbc: 0,
            numPrbc: prbCount,
            reMask: 0xfff,
            numSymbol: 14,
          },
        ],
      });
      const prbs = Array.from({ length: prbCount }, (_, p) => {
        const iq = samples.subarray(p * samplesPerPrb, (p + 1) * samplesPerPrb);
        if (compression.method === 'none') return { uncompressedIq: encodeUncompressed(iq) };
        const { exponent, mantissas } = compressPrb(iq, compression.iqWidth);
        return { blockFloatingPoint: { exponent, mantissas } };
      });
      await cuplane.send('oran.fronthaul.cuplane.v1.UPlaneMessage', {
        ecpriHeader: header('u'),
        ...slotFields,
        symbolId: 0,
        sections: [
          {
            sectionId: 1,
            rb: cu.RbIndicator.RB_INDICATOR_EVERY_RB,
            startPrbu: 0,
            numPrbu: prbCount,
            udCompHdr,
            prbs,
          },
        ],
      });
      // One slot per air slot, so the O-RU sees each inside its reception window.
      await ctx.sleep(Math.max(0, clock.slotStartUnixMs(slot + 1) - Date.now()));
    }
    const echoes = () =>
      peer
        .received('oran.fronthaul.cuplane.v1.UPlaneMessage', since)
        .map((m) => m.message)
        .filter(
          (m) =>
            m.dataDirection === cu.DataDirection.DATA_DIRECTION_UL &&
            (m.ecpriHeader?.eaxcId?.eaxcId ?? 0) === eaxcId,
        );
    for (let waited = 0; echoes().length < loopSlots && waited < 2000; waited += 50) await ctx.sleep(50);
    await cuplane.request('oran.fronthaul.cuplane.v1.LoopbackTestRequest', {
      carrierName: loopCarrier.name,
      enable: false,
    });
    await mplane.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: loopCarrier.name,
      desiredState: mp.ActiveState.ACTIVE_STATE_INACTIVE,
    });
    return measureLoopback(compression, sent, echoes());
  };

  const results: LoopbackResult[] = [];
  for (const compression of offers) {
    const result = await loopAt(compression);
    results.push(result);
    ctx.measure(
      `evmPercent.${compression.method}${compression.iqWidth}`,
      Number(result.evmPercent.toPrecision(4)),
    );
  }
  await mplane.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
    operation: mp.EditOperation.EDIT_OPERATION_DELETE,
    txArrayCarriers: [{ name: loopCarrier.name }],
  });
  const problems = results.flatMap((r) => loopbackProblem(r) ?? []);
  ctx.expect(problems.length === 0, {
    message: `looped-back IQ out of tolerance: ${problems[0]}`,
    expected: results
      .map((r) => `${compressionName(r.compression)}: EVM <= ${r.tolerancePercent} %`)
      .join(', '),
    observed: problems.join('; '),
    link: cuLink,
    code: results.some((r) => r.refused) ? 'wrongly-refused' : 'evm-out-of-tolerance',
  });
}
