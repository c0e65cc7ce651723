/**
 * Capability retrieval cases (O-RAN.WG4.CONF 3.1.4): a get without a filter returns every section,
 * matching what the vendor declares in vendor.yaml, and a filtered get returns only the sections
 * asked for, unchanged.
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { type CapabilityMismatch, compareCapabilities, type ModuleCapabilityFields } from './checks.js';
import { capabilitiesOf, describeRpcErrors, rpc, traceOf } from './rpc.js';
import { mLink, sharedCase } from './topology.js';

const mp = oran.fronthaul.mplane.v1;

/** Only reads: shared. */
export const capabilitiesMatchDeclaration = sharedCase({
  id: 'OFH-M-CAP-001',
  title: 'Capability retrieval without a filter returns every section, matching the vendor.yaml declaration',
  spec: 'O-RAN.WG4.CONF 3.1.4 (retrieval without filter); o-ran-module-cap, o-ran-delay-management',
  expectation:
    'A get of the module capability with no filter returns product info, band capabilities, RU capabilities, compression and the RU delay profile. Bands, maximum channel bandwidth, SCS, compression methods and IQ widths, TX/RX arrays and the eAxC id range MUST be those the vendor declares in vendor.yaml (an offer beyond the declaration SHOULD be declared), every delay window MUST have min <= max, and the software version SHOULD be the declared product version.',
  async run(ctx: NetworkContext) {
    const manifest = ctx.fixture.instance('ru-1').manifest;
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
      trace: traceOf(ctx, answer),
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
      trace: traceOf(ctx, answer),
    });
    const loose = mismatches.filter((m) => !m.must);
    ctx.should(loose.length === 0, {
      message: `the O-RU offers or reports more than ${manifest.id} declares`,
      expected: declared(loose),
      observed: describe(loose),
      link: mLink,
      code: 'capability-undeclared',
      trace: traceOf(ctx, answer),
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

/** Only reads: shared. */
export const filteredRetrieval = sharedCase({
  id: 'OFH-M-CAP-002',
  title: 'Capability retrieval with a filter returns only the sections asked for, unchanged',
  spec: 'O-RAN.WG4.CONF 3.1.4 (retrieval with filter); RFC 6241 clause 6 subtree filtering',
  expectation:
    'A get of the module capability filtered to band capabilities and compression returns those two sections and no other; each equals the same section of an unfiltered get. A filter of product info alone returns product info alone.',
  async run(ctx: NetworkContext) {
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
      const got: ModuleCapabilityFields = response.moduleCapability ?? {};
      const present = Object.values(fieldOf).filter((f) => !!got[f]);
      ctx.expect(
        answer.outcome === 'successful' &&
          JSON.stringify(present.sort()) === JSON.stringify([...wanted].sort()),
        {
          message: `a get filtered to ${wanted.join(' + ')} returned ${present.join(', ') || 'no section'}`,
          expected: `exactly ${wanted.join(', ')}`,
          observed: `${answer.outcome}: ${present.join(', ') || 'none'}; ${describeRpcErrors(response.rpcErrors)}`,
          link: mLink,
          code: 'filter-not-applied',
          trace: traceOf(ctx, answer),
        },
      );
      for (const field of wanted) {
        const filtered = JSON.stringify(got[field]);
        const unfiltered = JSON.stringify(whole[field]);
        ctx.expect(filtered === unfiltered, {
          message: `${field} differs between the filtered and the unfiltered get`,
          expected: unfiltered,
          observed: filtered,
          link: mLink,
          code: 'filter-changed-data',
          trace: traceOf(ctx, answer),
        });
      }
    }
  },
});
