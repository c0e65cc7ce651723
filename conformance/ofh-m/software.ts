/**
 * Software management case (O-RAN.WG4.CONF 3.1.6, negative): a package whose digest does not
 * match is refused with INTEGRITY_ERROR, and the same package with its right digest installs.
 */
import { createHash } from 'node:crypto';
import { type DiagnosticCode, type NetworkContext, oran } from '../../src/conformance/index.js';
import { type Answer, rpc, traceOf } from './rpc.js';
import { mCase, mLink } from './topology.js';

const mp = oran.fronthaul.mplane.v1;
const statusName = (status: number | null | undefined) =>
  (mp.SoftwareInstallStatus[status ?? 0] ?? String(status)).replace('SOFTWARE_INSTALL_STATUS_', '');

/** Installs a software package, so fresh: the O-RU keeps what it installed. */
export const softwareIntegrity = mCase({
  id: 'OFH-M-SWM-001',
  title: 'A software package whose digest does not match is refused with INTEGRITY_ERROR',
  spec: 'O-RAN.WG4.CONF 3.1.6 (software update, negative); o-ran-software-management software-install',
  expectation:
    'software-install of a package whose SHA-256 is not the digest sent with it is an unsuccessful outcome with status INTEGRITY_ERROR (and SHOULD say why in error-message); the same package with its right digest installs (COMPLETED), so the O-RU checks the digest rather than refusing every package.',
  async run(ctx: NetworkContext) {
    const content = new TextEncoder().encode('plugfest ofh-m conformance package 1.0.0\n');
    const digest = createHash('sha256').update(content).digest();
    /** Installs the package with this digest and expects the outcome and status given. */
    const install = async (
      packageDigest: Uint8Array,
      wanted: { outcome: Answer['outcome']; status: number; message: string; code: DiagnosticCode },
    ) => {
      const answer = await rpc(ctx, 'software-install', (s) =>
        s.request('oran.fronthaul.mplane.v1.SoftwareInstallRequest', {
          packageName: 'plugfest-ofhm-1.0.0',
          packageDigest,
          packageContent: content,
        }),
      );
      const response = answer.as('oran.fronthaul.mplane.v1.SoftwareInstallResponse');
      ctx.expect(answer.outcome === wanted.outcome && response.status === wanted.status, {
        message: wanted.message,
        expected: `${wanted.outcome} outcome, status ${statusName(wanted.status)}`,
        observed: `${answer.outcome}, status ${statusName(response.status)}${response.errorMessage ? `: ${response.errorMessage}` : ''}`,
        link: mLink,
        code: wanted.code,
        trace: traceOf(ctx, answer),
      });
      return response;
    };
    const tampered = new Uint8Array(digest);
    tampered[0] = tampered[0]! ^ 0xff;
    const refused = await install(tampered, {
      outcome: 'unsuccessful',
      status: mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_INTEGRITY_ERROR,
      message: 'a package with a wrong digest was not refused with INTEGRITY_ERROR',
      code: 'software-integrity',
    });
    ctx.should(refused.errorMessage.length > 0, {
      message: 'INTEGRITY_ERROR without an error-message',
      expected: 'an error-message saying why',
      observed: '(empty)',
      link: mLink,
      code: 'wrong-field',
    });
    await install(digest, {
      outcome: 'successful',
      status: mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_COMPLETED,
      message: 'the same package with its right digest did not install',
      code: 'wrongly-refused',
    });
  },
});
