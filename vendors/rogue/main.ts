/**
 * Rogue Radio RG-4478: a working O-RU (the shared core, standard BFP) whose attestation key is
 * its own: at start it makes a root CA, a vendor CA and a leaf in memory, and ignores the
 * identity files the harness hands it. Its evidence is well formed and signed, but chains to a
 * root no operator pins: a relying party refuses it with the certificate-chain check.
 */
import { runVendor, selfIssuedAttestationKey } from '../../src/sdk/index.js';
import { defineSharedORu, standardBfp, typicalDelayProfile } from '../shared/o-ru/index.js';

await runVendor({
  ...defineSharedORu({
    profile: {
      vendorName: 'Rogue Radio',
      model: 'RG-4478',
      softwareVersion: '1.0.0',
      bands: [78],
      maxBandwidthMhz: 100,
      scsKhz: [15, 30],
      compression: [{ method: 'bfp', iqWidths: [9, 12, 14, 16] }],
      txArrays: 4,
      rxArrays: 4,
      eaxcIds: { min: 0, max: 15 },
      delayProfile: typicalDelayProfile,
    },
    codec: standardBfp,
  }),
  attestationKey: (config) => selfIssuedAttestationKey(config.vendor, config.instance),
});
