/**
 * Quibble RF QR-100: an n78 O-RU, 4T4R, up to 100 MHz at 30 kHz, block floating point at 9, 12
 * and 14 bits with its own BFP code (bfp.ts). Its M-plane is flawless; its IQ is not.
 */
import { runVendor } from '../../src/sdk/index.js';
import { defineSharedORu, typicalDelayProfile } from '../shared/o-ru/index.js';
import { quibbleBfp } from './bfp.js';

await runVendor(
  defineSharedORu({
    profile: {
      vendorName: 'Quibble RF',
      model: 'QR-100',
      softwareVersion: '0.9.7',
      bands: [78],
      maxBandwidthMhz: 100,
      scsKhz: [30],
      compression: [{ method: 'bfp', iqWidths: [9, 12, 14] }],
      txArrays: 4,
      rxArrays: 4,
      eaxcIds: { min: 0, max: 15 },
      delayProfile: typicalDelayProfile,
    },
    codec: quibbleBfp,
  }),
);
