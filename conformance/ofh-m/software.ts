/**
 * Software management case (O-RAN.WG4.CONF 3.1.6, negative): a package whose digest does not
 * match is refused with INTEGRITY_ERROR, and the same package with its right digest installs.
 */
import { createHash } from 'node:crypto';
import { type CaseContext, defineCase, type Network, oran } from '../../src/conformance/index.js';
import { common } from './support.js';
import { mLink, ofhMTopology, rpc, traceOf } from './topology.js';

const mp = oran.fronthaul.mplane.v1;

export const softwareIntegrity = defineCase<Network>({
  ...common,
  id: 'OFH-M-SWM-001',
  title: 'A software package whose digest does not match is refused with INTEGRITY_ERROR',
  spec: 'O-RAN.WG4.CONF 3.1.6 (software update, negative); o-ran-software-management software-install',
  expectation:
    'software-install of a package whose SHA-256 is not the digest sent with it is an unsuccessful outcome with status INTEGRITY_ERROR (and SHOULD say why in error-message); the same package with its right digest installs (COMPLETED), so the O-RU checks the digest rather than refusing every package.',
  topology: ofhMTopology,
  async run(ctx: CaseContext<Network>) {
    const net = ctx.fixture;
    const content = new TextEncoder().encode('plugfest ofh-m conformance package 1.0.0\n');
    const digest = createHash('sha256').update(content).digest();
    const install = (packageDigest: Uint8Array) =>
      rpc(ctx, 'software-install', (s) =>
        s.request('oran.fronthaul.mplane.v1.SoftwareInstallRequest', {
          packageName: 'plugfest-ofhm-1.0.0',
          packageDigest,
          packageContent: content,
        }),
      );
    const statusName = (status: number | null | undefined) =>
      (mp.SoftwareInstallStatus[status ?? 0] ?? String(status)).replace('SOFTWARE_INSTALL_STATUS_', '');
    const tampered = new Uint8Array(digest);
    tampered[0] = tampered[0]! ^ 0xff;
    const bad = await install(tampered);
    const badResponse = bad.as('oran.fronthaul.mplane.v1.SoftwareInstallResponse');
    ctx.expect(
      bad.outcome === 'unsuccessful' &&
        badResponse.status === mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_INTEGRITY_ERROR,
      {
        message: 'a package with a wrong digest was not refused with INTEGRITY_ERROR',
        expected: 'unsuccessful outcome, status INTEGRITY_ERROR',
        observed: `${bad.outcome}, status ${statusName(badResponse.status)}${badResponse.errorMessage ? `: ${badResponse.errorMessage}` : ''}`,
        link: mLink,
        code: statusName(badResponse.status),
        trace: traceOf(net, bad),
      },
    );
    ctx.should(badResponse.errorMessage.length > 0, {
      message: 'INTEGRITY_ERROR without an error-message',
      expected: 'an error-message saying why',
      observed: '(empty)',
      link: mLink,
      code: 'INTEGRITY_ERROR',
    });
    const good = await install(digest);
    const goodResponse = good.as('oran.fronthaul.mplane.v1.SoftwareInstallResponse');
    ctx.expect(
      good.outcome === 'successful' &&
        goodResponse.status === mp.SoftwareInstallStatus.SOFTWARE_INSTALL_STATUS_COMPLETED,
      {
        message: 'the same package with its right digest did not install',
        expected: 'status COMPLETED',
        observed: `${good.outcome}, status ${statusName(goodResponse.status)}${goodResponse.errorMessage ? `: ${goodResponse.errorMessage}` : ''}`,
        link: mLink,
        code: statusName(goodResponse.status),
        trace: traceOf(net, good),
      },
    );
  },
});
