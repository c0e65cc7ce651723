/**
 * Software management (o-ran-software-management; WG4.CONF 3.1.6): a package is installed into
 * the passive slot only if its SHA-256 matches the digest given; otherwise INTEGRITY_ERROR.
 * Download is not modelled: the package comes inline.
 */
import { createHash } from 'node:crypto';
import { oran } from '../../../src/sdk/index.js';

const { SoftwareInstallStatus } = oran.fronthaul.mplane.v1;

export type InstallRequest = oran.fronthaul.mplane.v1.SoftwareInstallRequest.$Properties;
export type InstallResponse = oran.fronthaul.mplane.v1.SoftwareInstallResponse.$Properties;

/** The O-RU's two software slots: the running one and the passive one installs go to. */
export class SoftwareSlots {
  readonly running = 'slot-a';
  readonly passive = 'slot-b';
  /** Package name per slot. */
  readonly #installed = new Map<string, string>();

  constructor(runningPackage: string) {
    this.#installed.set(this.running, runningPackage);
  }

  install(request: InstallRequest): InstallResponse & { ok: boolean } {
    const slot = request.slotName || this.passive;
    const name = request.packageName ?? '';
    const fail = (status: oran.fronthaul.mplane.v1.SoftwareInstallStatus, errorMessage: string) => ({
      ok: false,
      status,
      slotName: slot,
      errorMessage,
    });
    if (slot === this.running) {
      return fail(
        SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_APPLICATION_ERROR,
        `${slot} is the running slot; install into ${this.passive}`,
      );
    }
    if (slot !== this.passive) {
      return fail(
        SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_APPLICATION_ERROR,
        `no slot "${slot}"; slots: ${this.running}, ${this.passive}`,
      );
    }
    const content = request.packageContent ?? new Uint8Array();
    if (content.length === 0) {
      return fail(
        SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_FILE_ERROR,
        `package "${name}" was not sent and this O-RU holds no package of that name`,
      );
    }
    const digest = createHash('sha256').update(content).digest();
    const expected = Buffer.from(request.packageDigest ?? new Uint8Array());
    if (!digest.equals(expected)) {
      return fail(
        SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_INTEGRITY_ERROR,
        `package "${name}" has SHA-256 ${digest.toString('hex')}, but its digest says ${expected.toString('hex') || '(none)'}`,
      );
    }
    this.#installed.set(slot, name);
    return { ok: true, status: SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_COMPLETED, slotName: slot };
  }
}
