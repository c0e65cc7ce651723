/**
 * Capability retrieval (o-ran-module-cap, o-ran-uplane-conf, o-ran-delay-management; WG4.CONF
 * 3.1.4): the whole ModuleCapability without a filter, only the asked sections with one.
 */
import { oran } from '../../../src/sdk/index.js';
import type { ORuProfile } from './profile.js';
import { mplaneMethodOf, scsEnumOf } from './wire-enums.js';

const { CapabilitySection, CompressionType } = oran.fronthaul.mplane.v1;

export type ModuleCapability = oran.fronthaul.mplane.v1.ModuleCapability.$Properties;

/** The module capability of the profile, limited to `filter` when it names sections. */
export function moduleCapability(
  profile: ORuProfile,
  serialNumber: string,
  filter: readonly oran.fronthaul.mplane.v1.CapabilitySection[] = [],
): ModuleCapability {
  const wanted = (section: oran.fronthaul.mplane.v1.CapabilitySection) =>
    filter.length === 0 || filter.includes(section);
  const capability: ModuleCapability = {};
  if (wanted(CapabilitySection.CAPABILITY_SECTION_PRODUCT_INFO)) {
    capability.productInfo = {
      vendor: profile.vendorName,
      model: profile.model,
      softwareVersion: profile.softwareVersion,
      serialNumber,
    };
  }
  if (wanted(CapabilitySection.CAPABILITY_SECTION_BAND_CAPABILITIES)) {
    capability.bandCapabilities = {
      supportedBands: [...profile.bands],
      maxChannelBandwidthKhz: profile.maxBandwidthMhz * 1000,
      supportedScs: profile.scsKhz.map(scsEnumOf),
    };
  }
  if (wanted(CapabilitySection.CAPABILITY_SECTION_RU_CAPABILITIES)) {
    capability.ruCapabilities = {
      numberOfTxArrays: profile.txArrays,
      numberOfRxArrays: profile.rxArrays,
      eaxcIdRange: { eaxcIdMin: profile.eaxcIds.min, eaxcIdMax: profile.eaxcIds.max },
    };
  }
  if (wanted(CapabilitySection.CAPABILITY_SECTION_COMPRESSION)) {
    capability.compression = {
      supportedCompressions: profile.compression.map((offer) => ({
        compressionMethod: mplaneMethodOf(offer.method),
        iqBitwidths: [...offer.iqWidths],
        compressionTypes: [CompressionType.COMPRESSION_TYPE_STATIC, CompressionType.COMPRESSION_TYPE_DYNAMIC],
      })),
    };
  }
  if (wanted(CapabilitySection.CAPABILITY_SECTION_RU_DELAY_PROFILE)) {
    capability.ruDelayProfile = { ...profile.delayProfile };
  }
  return capability;
}
