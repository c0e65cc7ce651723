/**
 * Korimo Systems KS-240: a conformant compact n78 O-RU, 2T2R, up to 40 MHz at 30 kHz only, with
 * block floating point at 8 or 9 bits, or uncompressed 16-bit IQ. Its reception windows are those
 * of a small-cell radio with a shorter buffer than a macro O-RU's.
 */
import { runVendor } from '../../src/sdk/index.js';
import { defineSharedORu, standardBfp, typicalDelayProfile } from '../shared/o-ru/index.js';

await runVendor(
  defineSharedORu({
    profile: {
      vendorName: 'Korimo Systems',
      model: 'KS-240',
      softwareVersion: '2.0.3',
      bands: [78],
      maxBandwidthMhz: 40,
      scsKhz: [30],
      compression: [
        { method: 'bfp', iqWidths: [8, 9] },
        { method: 'none', iqWidths: [16] },
      ],
      txArrays: 2,
      rxArrays: 2,
      eaxcIds: { min: 0, max: 7 },
      delayProfile: { ...typicalDelayProfile, t2aMaxUp: 300_000, t2aMaxCpDl: 429_000, ta3Max: 150_000 },
    },
    codec: standardBfp,
  }),
);
