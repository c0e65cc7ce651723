/**
 * The two halves of one attestation exchange over a link (oran.attestation.v1): the relying
 * party challenges and appraises the evidence that comes back; the attester answers a
 * challenge with its evidence.
 */
import type { Logger } from 'pino';
import { eatMediaType } from '../../attestation/types.js';
import type { Appraisal, Verifier } from '../../attestation/verifier.js';
import type { Link } from '../../transport/index.js';
import { type Frame, PlugfestError, type RoleName } from '../../wire/index.js';
import { type Attester, channelBindingOfLink } from './attester.js';
import { unappraised } from './verdict.js';

/**
 * Challenges the peer and appraises its evidence, waiting `stepMs` for it. No evidence, or
 * something else in its place, is the tier `none`; a link that closes meanwhile throws
 * `link-closed`.
 */
export async function challengePeer(
  link: Link,
  verifier: Verifier,
  expectedRole: RoleName | undefined,
  stepMs: number,
): Promise<Appraisal> {
  const channelBinding = channelBindingOfLink(link);
  const challenge = verifier.challenge({ channelBinding: channelBinding !== undefined });
  try {
    const answer = await link.request(
      'oran.attestation.v1.AttestationChallenge',
      {
        nonce: challenge.nonce,
        issuedAtUnixMs: challenge.issuedAtUnixMs,
        acceptedAlgorithms: [...challenge.acceptedAlgorithms],
        channelBindingRequested: challenge.channelBindingRequested,
      },
      { timeoutMs: stepMs },
    );
    if (answer.type !== 'oran.attestation.v1.AttestationEvidence') {
      return unappraised(`the challenge was answered with ${answer.type}, not AttestationEvidence`);
    }
    const evidence = (answer as Frame<'oran.attestation.v1.AttestationEvidence'>).message;
    return await verifier.appraise(Buffer.from(evidence.token).toString('utf8'), {
      ...(expectedRole ? { expectedRole } : {}),
      ...(channelBinding ? { channelBinding } : {}),
    });
  } catch (error) {
    const e = PlugfestError.from(error);
    if (e.code === 'link-closed') throw e;
    return unappraised(`no AttestationEvidence: ${e.rawMessage}`);
  }
}

/** Answers the peer's challenge with this end's evidence; a failure is logged, never thrown. */
export async function answerChallenge(
  link: Link,
  attester: Attester,
  frame: Frame<'oran.attestation.v1.AttestationChallenge'>,
  logger: Logger,
): Promise<void> {
  try {
    const token = await attester.evidence({ nonce: frame.message.nonce }, link);
    await link.reply(frame, 'oran.attestation.v1.AttestationEvidence', {
      token: Buffer.from(token, 'utf8'),
      mediaType: eatMediaType,
    });
  } catch (error) {
    const e = PlugfestError.from(error);
    if (e.code !== 'link-closed') logger.warn({ err: e, interface: link.spec.name }, 'no evidence sent');
  }
}
