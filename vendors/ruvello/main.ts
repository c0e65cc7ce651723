/**
 * Ruvello Radio RV-4478: a conformant n78 O-RU, 4T4R, up to 100 MHz at 15 or 30 kHz, with block
 * floating point at 9, 12, 14 and 16 bits done exactly as WG4.CUS Annex A.1 says.
 */
import { runVendor } from '../../src/sdk/index.js';
import { defineSharedORu, standardBfp, typicalDelayProfile } from '../shared/o-ru/index.js';

await runVendor(
  defineSharedORu({
    profile: {
      vendorName: 'Ruvello Radio',
      model: 'RV-4478',
      softwareVersion: '4.1.0',
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
);
