/**
 * An O-RU vendor built on the shared core: its profile and its BFP codec are the vendor's own;
 * the M-plane server, carrier store, supervision, alarms, sync, CU-plane receiver, uplink and
 * loopback are shared, as vendors building on one reference stack share them.
 */
import { defineORu, PlugfestError, type VendorDefinition } from '../../../src/sdk/index.js';
import { cuPlaneEndpoint } from './cu-plane.js';
import type { BfpCodec } from './iq-codec.js';
import { mPlaneEndpoint } from './m-plane.js';
import type { ORuProfile } from './profile.js';
import { RadioUnit } from './radio-unit.js';
import { readSettings } from './settings.js';

export interface ORuVendorOptions {
  readonly profile: ORuProfile;
  /** How this vendor packs IQ (its own DSP code). */
  readonly codec: BfpCodec;
}

/** The vendor definition to pass to `runVendor`. */
export function defineSharedORu(options: ORuVendorOptions): VendorDefinition<'o-ru'> {
  let running: RadioUnit | undefined;
  const ru = (): RadioUnit => {
    if (!running) throw new Error('the O-RU is not started');
    return running;
  };
  return defineORu({
    productVersion: options.profile.softwareVersion,
    serves: { 'ofh-m': mPlaneEndpoint(ru), 'ofh-cu': cuPlaneEndpoint(ru) },
    start(context) {
      let settings: ReturnType<typeof readSettings>;
      try {
        settings = readSettings(context.config.settings);
      } catch (error) {
        // A config the vendor cannot use is a start-up failure: say why, exit 2 (vendor contract).
        process.stderr.write(`${PlugfestError.from(error).message}\n`);
        process.exit(2);
      }
      running = new RadioUnit({
        profile: options.profile,
        codec: options.codec,
        settings,
        instance: context.config.instance,
        logger: context.logger,
      });
      running.start();
      context.logger.info(
        { model: options.profile.model, softwareVersion: options.profile.softwareVersion },
        'o-ru started',
      );
    },
    stop() {
      running?.stop();
    },
  });
}
