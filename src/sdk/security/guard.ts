/**
 * Attestation on links, both ways (IETF RATS background-check model, issue 5 item 5): in the
 * handshake's attestation slot, again every re-attestation epoch, and a link torn down when a
 * policy reload says its peer is revoked. docs/vendor-contract.md section 7 is the same exchange
 * for vendors in other languages.
 *
 * The slot, driven by the accepting side (the relying party of the link, RFC 9334 section 5.2),
 * then mutual, all before HelloAck, so nothing of the interface can flow before both results:
 *
 *   C -> S Hello
 *   S -> C AttestationChallenge     C -> S AttestationEvidence     S -> C AttestationResult
 *   C -> S AttestationChallenge     S -> C AttestationEvidence     C -> S AttestationResult
 *   S -> C HelloAck (attestation_required)
 *
 * The client challenges the server only once the server's result about it is affirming. A
 * result other than affirming refuses the link with cause attestation-failed and the failed
 * check in its detail: the server refuses with HelloFailure, the client closes with LinkClose.
 * A client whose server sends HelloAck without having attested closes the link the same way.
 */
import type { Logger } from 'pino';
import type { Appraisal, Verifier } from '../../attestation/verifier.js';
import type { Admission, Link } from '../../transport/index.js';
import { type Frame, PlugfestError, packageOf, type RoleName } from '../../wire/index.js';
import type { Attester } from './attester.js';
import { answerChallenge, challengePeer } from './exchange.js';
import {
  type Result,
  refusal,
  refusalDetail,
  reportAppraisal,
  resultMessage,
  revocationCheck,
  tierName,
  type Verdict,
  verdictOf,
} from './verdict.js';

export { refusalDetail };

/** Limits of the exchange; each has a default. */
export interface LinkGuardOptions {
  readonly attester: Attester;
  readonly verifier: Verifier;
  readonly logger: Logger;
  /**
   * How long the peer has for each step: evidence for a challenge, the client's own challenge
   * and result after an affirming one. Default 3000 ms; the link's handshake timeout (5 s) bounds
   * the whole slot.
   */
  readonly stepTimeoutMs?: number;
}

/** One link under guard, from its first frame to its close. */
interface Guarded {
  readonly link: Link;
  /** The peer's instance id, as the topology or its Hello names it, for logs. */
  peerName: string | undefined;
  /** The last affirming appraisal of the peer: what revocation is checked against. */
  verdict?: Appraisal;
  /** Results the peer sent about this end, not yet taken by the slot. */
  readonly results: Result[];
  wake?: () => void;
  challenged: boolean;
  closed: boolean;
  reattest?: NodeJS.Timeout;
}

export class LinkGuard {
  readonly #attester: Attester;
  readonly #verifier: Verifier;
  readonly #logger: Logger;
  readonly #stepMs: number;
  readonly #links = new Map<Link, Guarded>();

  constructor(options: LinkGuardOptions) {
    this.#attester = options.attester;
    this.#verifier = options.verifier;
    this.#logger = options.logger;
    this.#stepMs = options.stepTimeoutMs ?? 3000;
  }

  /** Links under guard now (in their slot or ready). */
  get links(): readonly Link[] {
    return [...this.#links.keys()];
  }

  /** The appraisal that admitted a link's peer, while the link is up. */
  verdictOf(link: Link): Appraisal | undefined {
    return this.#links.get(link)?.verdict;
  }

  /** The accepting side's attestation slot (listenLinks `admit`). */
  readonly admit: Admission = async (hello, link) => {
    const guarded = this.#guard(link, hello.instanceId);
    const verdict = await this.#appraisePeer(guarded, hello.role);
    if (verdict.status !== 'affirming') throw refusal(verdict);
    const theirs = verdictOf(await this.#nextResult(guarded));
    if (theirs.status !== 'affirming') {
      throw new PlugfestError(
        'attestation-failed',
        `${hello.instanceId} refused this end's evidence: ${refusalDetail(theirs)}`,
        { status: theirs.status, ...(theirs.failedCheck ? { failedCheck: theirs.failedCheck } : {}) },
      );
    }
    link.once('ready', () => this.#arm(guarded));
  };

  /** The dialling side: call with each link as it opens, before its handshake. */
  dial(link: Link, peerName?: string): void {
    const guarded = this.#guard(link, peerName);
    link.once('ready', (peer) => {
      guarded.peerName = peer.instanceId;
      if (guarded.verdict) {
        this.#arm(guarded);
        return;
      }
      const verdict = {
        status: 'none' as const,
        reason: `${peer.instanceId} sent HelloAck without attesting (attestation_required false)`,
      };
      this.#report(guarded, verdict);
      void link.close('attestation-failed', refusalDetail(verdict));
    });
  }

  /**
   * After a policy reload: every link whose peer the policy now refuses (vendor revoked, denied,
   * off the allow list, its software version, instance or certificate revoked) is closed with cause attestation-failed
   * and a detail naming the revocation; the others are left alone. Returns the links closed.
   */
  revalidate(): Link[] {
    const closed: Link[] = [];
    for (const guarded of this.#links.values()) {
      const peer = guarded.verdict?.peer;
      if (!peer || guarded.closed || guarded.link.state === 'closing') continue;
      const reason = this.#verifier.revocationOf(peer);
      if (!reason) continue;
      const verdict = {
        status: 'contraindicated' as const,
        failedCheck: revocationCheck(reason),
        reason: `revoked: ${reason}`,
      };
      this.#report(guarded, verdict, peer);
      closed.push(guarded.link);
      void this.#refuse(guarded, verdict);
    }
    return closed;
  }

  /** Stops re-attestation timers. Links stay as they are. */
  close(): void {
    for (const guarded of this.#links.values()) clearTimeout(guarded.reattest);
  }

  #guard(link: Link, peerName: string | undefined): Guarded {
    const guarded: Guarded = { link, peerName, results: [], challenged: false, closed: false };
    this.#links.set(link, guarded);
    const onFrame = (frame: Frame) => this.#onFrame(guarded, frame);
    link.on('attestation', onFrame);
    link.on('message', onFrame);
    link.once('close', () => {
      guarded.closed = true;
      clearTimeout(guarded.reattest);
      this.#links.delete(link);
      guarded.wake?.();
    });
    return guarded;
  }

  #onFrame(guarded: Guarded, frame: Frame): void {
    if (packageOf(frame.type) !== 'oran.attestation.v1') return;
    if (frame.type === 'oran.attestation.v1.AttestationChallenge') {
      void answerChallenge(
        guarded.link,
        this.#attester,
        frame as Frame<'oran.attestation.v1.AttestationChallenge'>,
        this.#logger,
      );
    } else if (frame.type === 'oran.attestation.v1.AttestationResult') {
      this.#onResult(guarded, (frame as Frame<'oran.attestation.v1.AttestationResult'>).message);
    }
  }

  #onResult(guarded: Guarded, result: Result): void {
    const status = tierName(result.status);
    const { link } = guarded;
    const fields = { interface: link.spec.name, side: link.side, peer: guarded.peerName, status };
    if (status === 'affirming') this.#logger.debug(fields, 'attested by the peer');
    else
      this.#logger.warn(
        { ...fields, failedCheck: result.failedCheck, reason: result.reason },
        "the peer refused this end's evidence",
      );
    if (link.state === 'ready') return;
    guarded.results.push(result);
    guarded.wake?.();
    // Mutual: once the server affirms this end, this end challenges the server.
    if (link.side === 'client' && status === 'affirming' && !guarded.challenged) {
      guarded.challenged = true;
      void this.#verifyServer(guarded);
    }
  }

  async #verifyServer(guarded: Guarded): Promise<void> {
    const verdict = await this.#appraisePeer(guarded, guarded.link.spec.serverRole).catch(() => undefined);
    if (verdict && verdict.status !== 'affirming') await this.#close(guarded, verdict);
  }

  /** The next result the peer sends about this end, within the step timeout. */
  async #nextResult(guarded: Guarded): Promise<Result> {
    const deadline = Date.now() + 2 * this.#stepMs;
    for (;;) {
      const result = guarded.results.shift();
      if (result) return result;
      if (guarded.closed) throw new PlugfestError('link-closed', 'the link closed in the attestation slot');
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new PlugfestError(
          'attestation-failed',
          `none: ${guarded.peerName ?? 'the peer'} sent no AttestationResult within ${2 * this.#stepMs} ms (mutual attestation)`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        guarded.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Challenge, evidence, appraisal, result sent: the relying party's half of the exchange. */
  async #appraisePeer(guarded: Guarded, expectedRole: RoleName | undefined): Promise<Appraisal> {
    const { link } = guarded;
    const started = performance.now();
    const verdict = await challengePeer(link, this.#verifier, expectedRole, this.#stepMs);
    if (verdict.status === 'affirming') guarded.verdict = verdict;
    this.#report(guarded, verdict, verdict.peer, Math.round(performance.now() - started));
    await link
      .send(
        'oran.attestation.v1.AttestationResult',
        resultMessage(verdict, verdict.verifiedAtUnixMs, verdict.expiresAtUnixMs),
      )
      .catch(() => {});
    return verdict;
  }

  /** Re-attestation when the peer's affirming result lapses (the policy's reattestation epoch). */
  #arm(guarded: Guarded): void {
    clearTimeout(guarded.reattest);
    const expires = guarded.verdict?.expiresAtUnixMs;
    if (expires === undefined || guarded.closed) return;
    guarded.reattest = setTimeout(() => void this.#reattest(guarded), Math.max(0, expires - Date.now()));
    guarded.reattest.unref();
  }

  async #reattest(guarded: Guarded): Promise<void> {
    const { link } = guarded;
    if (link.state !== 'ready') return;
    const role = link.side === 'server' ? link.peer?.role : link.spec.serverRole;
    const verdict = await this.#appraisePeer(guarded, role).catch(() => undefined);
    if (!verdict) return;
    if (verdict.status === 'affirming') this.#arm(guarded);
    else await this.#close(guarded, { ...verdict, reason: `re-attestation: ${verdict.reason}` });
  }

  /** Tells the peer why (an AttestationResult), then closes. */
  async #refuse(guarded: Guarded, verdict: Verdict) {
    const now = Date.now();
    await guarded.link
      .send('oran.attestation.v1.AttestationResult', resultMessage(verdict, now, now))
      .catch(() => {});
    await this.#close(guarded, verdict);
  }

  async #close(guarded: Guarded, verdict: Verdict) {
    await guarded.link.close('attestation-failed', refusalDetail(verdict));
  }

  #report(
    guarded: Guarded,
    verdict: Pick<Appraisal, 'status' | 'failedCheck' | 'reason' | 'claims'>,
    peer?: Appraisal['peer'],
    ms?: number,
  ): void {
    const { link } = guarded;
    const site = { interface: link.spec.name, side: link.side, peerName: guarded.peerName };
    reportAppraisal(this.#logger, site, verdict, peer, ms);
  }
}
