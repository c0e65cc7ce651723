import { afterEach, describe, expect, it } from 'vitest';
import {
  failure,
  type Network,
  networkEnvironment,
  oran,
  type Started,
} from '../../src/conformance/index.js';
import { quietLogger } from '../support/logger.js';
import { builtInVendors } from '../support/suites.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

const catalog = builtInVendors();
const environment = networkEnvironment({
  catalog,
  root: repoRoot,
  outputDir: tempRunDir(),
  logger: quietLogger(),
});
const started: Started<Network>[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((n) => n.stop()));
});

const duAgainstRicPeer = (ricSettings = '{}') => `name: du-vs-peer
options: { kpmPeriodMs: 200 }
instances:
  ric-1: { role: near-rt-ric, vendor: harness, settings: ${ricSettings} }
  du-1: { role: o-du, vendor: cellwright }
  ru-1: { role: o-ru, vendor: ruvello }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: e2, from: du-1, to: ric-1 }
`;

async function start(yaml: string): Promise<Network> {
  const network = await environment.start({ 'o-du': 'cellwright' }, yaml, new AbortController().signal);
  started.push(network);
  return network.fixture;
}

describe('a test peer', () => {
  it('plays a RIC: it accepts E2 Setup by default, on the traced link, and subscribes as the case says', async () => {
    const net = await start(duAgainstRicPeer());
    const peer = net.peer('ric-1');
    const setup = await peer.waitFor('oran.e2.v1.E2SetupRequest', { timeoutMs: 10_000 });
    expect(setup?.message.ranFunctionsAdded.map((f) => f.ranFunctionId)).toContain(2);
    const response = await net.frames.next(
      { link: 'du-1>ric-1/e2', type: 'oran.e2.v1.E2SetupResponse', dir: 'server-to-client' },
      5000,
    );
    expect(response?.fields?.ranFunctionsAccepted).toEqual(
      setup?.message.ranFunctionsAdded.map((f) => ({
        ranFunctionId: f.ranFunctionId,
        ranFunctionRevision: f.ranFunctionRevision,
      })),
    );
    // A subscription to a RAN function the node does not have is refused with its cause.
    const session = await peer.session('e2');
    const answer = await session.request('oran.e2.v1.RicSubscriptionRequest', {
      ricRequestId: { ricRequestorId: 7, ricInstanceId: 1 },
      ranFunctionId: 4000,
      ricSubscriptionDetails: {
        ricEventTriggerDefinition: new Uint8Array([1]),
        ricActionToBeSetupList: [
          { ricActionId: 1, ricActionType: oran.e2.v1.RicActionType.RIC_ACTION_TYPE_REPORT },
        ],
      },
    });
    expect(answer.outcome).toBe('unsuccessful');
    expect(answer.as('oran.e2.v1.RicSubscriptionFailure').cause?.ricRequest).toBe(
      oran.common.v1.CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID,
    );
  });

  it('answers as the case says: a refused E2 Setup with a time to wait is retried no sooner', async () => {
    const net = await start(duAgainstRicPeer());
    const peer = net.peer('ric-1');
    await peer.waitFor('oran.e2.v1.E2SetupRequest', { timeoutMs: 10_000 });
    peer.on('oran.e2.v1.E2SetupRequest', () =>
      failure('oran.e2.v1.E2SetupFailure', {
        cause: { misc: oran.common.v1.CauseMisc.CAUSE_MISC_OM_INTERVENTION },
        timeToWait: oran.e2.v1.TimeToWait.TIME_TO_WAIT_V1S,
      }),
    );
    const since = Date.now();
    // Dropping the link makes the node set up again, and meet the refusal.
    await (await peer.session('e2')).link.close('going-away');
    const refused = await peer.waitFor('oran.e2.v1.E2SetupRequest', { since, timeoutMs: 10_000 });
    const retry = await peer.waitFor('oran.e2.v1.E2SetupRequest', {
      since: refused!.at + 1,
      timeoutMs: 10_000,
    });
    expect(retry!.at - refused!.at).toBeGreaterThanOrEqual(1000);
  });

  it('sends what a vendor never would: a malformed PDU gets an error indication and the link stays', async () => {
    const net = await start(duAgainstRicPeer());
    const peer = net.peer('ric-1');
    const session = await peer.session('e2');
    const since = Date.now();
    await session.link.sendRaw(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x01]));
    const indication = await net.frames.next(
      { link: 'du-1>ric-1/e2', type: 'oran.common.v1.ErrorIndication', since },
      5000,
    );
    expect(indication?.dir).toBe('client-to-server');
    expect(session.link.state).toBe('ready');
  });

  it('offers the versions its settings name, so a version mismatch can be provoked', async () => {
    const net = await start(duAgainstRicPeer('{ versions: { e2: ["2.0"] } }'));
    const failureFrame = await net.frames.next(
      { link: 'du-1>ric-1/e2', type: 'oran.common.v1.HelloFailure' },
      10_000,
    );
    expect(JSON.stringify(failureFrame?.fields)).toMatch(/2\.0/);
    expect(JSON.stringify(failureFrame?.fields)).toMatch(/1\.0/);
  });
});
