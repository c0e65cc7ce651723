/**
 * `npm run bench`: figures as ratios measured in one run on this machine, so that a shared,
 * noisy machine shifts both sides of each ratio alike. Bounded in count and time; loopback only.
 *
 * - codec: envelope encode+decode vs the bare generated message encode+decode (the envelope's cost);
 * - link: request/response round trips and one-way throughput, direct vs through a relay (the relay's cost);
 * - attestation: link set-up, dial to ready, without and with mutual attestation (bench/link-setup.ts);
 * - spawn: a built-in vendor's spawn-to-ready time, through `node --import tsx` vs the cached
 *   esbuild bundle of `${ts}` (bench/runner.ts);
 * - runner: one `plugfest test` selection (`--default-run`: the whole default run; otherwise the
 *   e2, a1 and ofh-m suites) with network reuse and the fast spawn, and without either
 *   (--no-reuse, PLUGFEST_TS=tsx): wall time, the share of worker time outside the cases, and
 *   every verdict compared; then the same with 4 workers on 2 cores (what more workers buy).
 */
import { availableParallelism } from 'node:os';
import { pino } from 'pino';
import { type Relay, startRelay } from '../src/relay/index.js';
import { connectLink, type Link, listenLinks } from '../src/transport/index.js';
import { createEnvelopeCodec, interfaceSpecs, oran } from '../src/wire/index.js';
import { measureLinkSetup, median } from './link-setup.js';
import { percentile, runPlugfest, spawnToReady, verdictChanges } from './runner.js';

const logger = pino({ level: 'silent' });
const e2 = interfaceSpecs.e2;

function opsPerSecond(count: number, run: () => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) run();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

function benchCodec() {
  const kpm = oran.e2sm.kpm.v1.IndicationMessage.encode({}).finish();
  const indication = {
    ranFunctionId: 2,
    ricActionId: 1,
    ricIndicationSn: 7,
    ricIndicationMessage: Buffer.alloc(240, 3),
    ricIndicationHeader: kpm,
  };
  const codec = createEnvelopeCodec();
  const header = {
    interface: e2.wire,
    pduKind: 1,
    transactionId: 0,
    senderInstance: 'du-1',
    sendTimeUnixMs: Date.now(),
  };
  const count = 50_000;
  opsPerSecond(5000, () =>
    oran.e2.v1.RicIndication.decode(oran.e2.v1.RicIndication.encode(indication).finish()),
  );
  const bare = opsPerSecond(count, () =>
    oran.e2.v1.RicIndication.decode(oran.e2.v1.RicIndication.encode(indication).finish()),
  );
  const framed = opsPerSecond(count, () => {
    const result = codec.decode(codec.encode('oran.e2.v1.RicIndication', indication, header));
    if (!result.ok) throw result.error;
  });
  return { bare, framed, ratio: framed / bare };
}

async function pair(viaRelay: boolean): Promise<{ client: Link; close: () => Promise<void> }> {
  const server = await listenLinks({
    spec: e2,
    identity: { instanceId: 'ric-1', vendorId: 'bench', role: 'near-rt-ric', productVersion: '0' },
    logger,
    onLink: (link) =>
      link.on('message', (frame) => {
        if (frame.type === 'oran.e2.v1.RicControlRequest')
          void link.reply(frame, 'oran.e2.v1.RicControlAcknowledge', { ranFunctionId: 3 });
      }),
  });
  let relay: Relay | undefined;
  if (viaRelay) {
    relay = await startRelay({
      link: { id: 'du-1>ric-1/e2', interface: 'e2', client: 'du-1', server: 'ric-1' },
      upstreamUrl: server.url,
      logger,
      traceLevel: 'full',
      trace: { write: () => {}, close: async () => {} },
    });
  }
  const client = await connectLink({
    spec: e2,
    url: relay?.url ?? server.url,
    identity: { instanceId: 'du-1', vendorId: 'bench', role: 'o-du', productVersion: '0' },
    logger,
  });
  return {
    client,
    close: async () => {
      await client.close();
      await relay?.close();
      await server.close();
    },
  };
}

async function benchLink(viaRelay: boolean) {
  const { client, close } = await pair(viaRelay);
  const rounds = 2000;
  const rtts: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    await client.request('oran.e2.v1.RicControlRequest', { ranFunctionId: 3 });
    rtts.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  rtts.sort((a, b) => a - b);
  const payload = { ranFunctionId: 2, ricIndicationMessage: Buffer.alloc(1024, 1) };
  const sends = 20_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < sends; i += 1) await client.send('oran.e2.v1.RicIndication', payload);
  // One round trip after the burst: everything before it has been through.
  await client.request('oran.e2.v1.RicControlRequest', { ranFunctionId: 3 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await close();
  return {
    p50: rtts[Math.floor(rounds * 0.5)]!,
    p99: rtts[Math.floor(rounds * 0.99)]!,
    perSecond: sends / seconds,
  };
}

const codec = benchCodec();
const direct = await benchLink(false);
const relayed = await benchLink(true);
const setup = await measureLinkSetup(40);
const tsxSpawn = await spawnToReady('ruvello', 10, { PLUGFEST_TS: 'tsx' });
const bundleSpawn = await spawnToReady('ruvello', 10);
const selection = process.argv.includes('--default-run') ? [] : ['--suite', 'e2,a1,ofh-m'];
const workers = 2;
const fast = await runPlugfest(selection, workers);
const slow = await runPlugfest([...selection, '--no-reuse'], workers, { PLUGFEST_TS: 'tsx' });
const wide = await runPlugfest(selection, 4);
const f = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log('plugfest bench (one run, this machine; ratios are what to compare)\n');
console.log(
  `codec   RicIndication encode+decode: bare ${f(codec.bare)}/s, in an envelope ${f(codec.framed)}/s  -> envelope keeps ${f(codec.ratio * 100)}% of bare speed`,
);
console.log(
  `link    request/response RTT: direct p50 ${f(direct.p50, 3)} ms p99 ${f(direct.p99, 3)} ms; via relay p50 ${f(relayed.p50, 3)} ms p99 ${f(relayed.p99, 3)} ms  -> relay adds ${f((relayed.p50 / direct.p50 - 1) * 100)}% to p50`,
);
console.log(
  `link    1 KiB RicIndication one-way: direct ${f(direct.perSecond)}/s, via relay (full trace decode) ${f(relayed.perSecond)}/s  -> relay keeps ${f((relayed.perSecond / direct.perSecond) * 100)}% of direct throughput`,
);
console.log(
  `attest  M-plane link set-up, dial to ready (${setup.count} in turn): without attestation median ${f(median(setup.plain), 2)} ms, with mutual attestation ${f(median(setup.attested), 2)} ms  -> attestation makes set-up ${f(median(setup.attested) / median(setup.plain), 1)}x as long`,
);
console.log(
  `spawn   ruvello spawn to ready (10 in turn): node --import tsx p50 ${f(percentile(tsxSpawn, 0.5))} ms p99 ${f(percentile(tsxSpawn, 0.99))} ms; \${ts} bundle p50 ${f(percentile(bundleSpawn, 0.5))} ms p99 ${f(percentile(bundleSpawn, 0.99))} ms  -> ${f(percentile(tsxSpawn, 0.5) / percentile(bundleSpawn, 0.5), 1)}x faster`,
);
const what = selection.length ? 'e2 + a1 + ofh-m' : 'the default run';
const changed = verdictChanges(slow.results, fast.results);
console.log(
  `runner  ${what}, ${fast.results.length} jobs, ${workers} workers: reuse + fast spawn ${f(fast.wallMs / 1000, 1)} s (outside the cases ${f(fast.share * 100)} %), neither ${f(slow.wallMs / 1000, 1)} s (${f(slow.share * 100)} %)  -> ${f(fast.wallMs / slow.wallMs, 2)} of the time; verdicts ${changed.length ? `changed: ${changed.join('; ')}` : 'all the same'}`,
);
console.log(
  `runner  ${what} with 4 workers on ${availableParallelism()} cores: ${f(wide.wallMs / 1000, 1)} s vs ${f(fast.wallMs / 1000, 1)} s with 2  -> ${f(fast.wallMs / wide.wallMs, 2)}x; verdicts ${verdictChanges(fast.results, wide.results).join('; ') || 'all the same'}`,
);
