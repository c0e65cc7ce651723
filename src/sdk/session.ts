/**
 * A session is a ready link seen through one interface's types: typed send and request, and
 * the dispatch of received initiating messages to the vendor's handler per procedure.
 */
import type { Logger } from 'pino';
import type { Link, PeerInfo } from '../transport/index.js';
import {
  type Frame,
  type InterfaceName,
  type MessageInitMap,
  type MessageTypeMap,
  oran,
  PlugfestError,
  packageOf,
} from '../wire/index.js';
import type { Handlers, MessagesOf, VendorContext } from './define.js';

/** An answer to an initiating message: its outcome and the message that carries it. */
export interface Reply<I extends InterfaceName> {
  readonly outcome: 'successful' | 'unsuccessful';
  readonly type: MessagesOf<I>;
  readonly message: unknown;
}

export function success<I extends InterfaceName, K extends MessagesOf<I>>(
  type: K,
  message: MessageInitMap[K],
): Reply<I> {
  return { outcome: 'successful', type, message };
}

export function failure<I extends InterfaceName, K extends MessagesOf<I>>(
  type: K,
  message: MessageInitMap[K],
): Reply<I> {
  return { outcome: 'unsuccessful', type, message };
}

/** The outcome of a request: the answering frame, typed by narrowing on `type`. */
export interface Answer {
  readonly outcome: 'successful' | 'unsuccessful';
  readonly type: keyof MessageTypeMap;
  readonly message: unknown;
  readonly frame: Frame;
  /** The message if the answer is of `type`, else throws naming what came instead. */
  as<K extends keyof MessageTypeMap>(type: K): MessageTypeMap[K];
}

export class Session<I extends InterfaceName> {
  constructor(
    readonly link: Link,
    readonly logger: Logger,
  ) {}

  get interface(): I {
    return this.link.spec.name as I;
  }

  get peer(): PeerInfo {
    return this.link.peer!;
  }

  send<K extends MessagesOf<I>>(type: K, message: MessageInitMap[K]): Promise<void> {
    return this.link.send(type, message);
  }

  async request<K extends MessagesOf<I>>(
    type: K,
    message: MessageInitMap[K],
    options?: { timeoutMs?: number },
  ): Promise<Answer> {
    const frame = await this.link.request(type, message, options);
    return answerOf(frame);
  }
}

function answerOf(frame: Frame): Answer {
  const outcome =
    frame.header.pduKind === oran.common.v1.PduKind.PDU_KIND_UNSUCCESSFUL_OUTCOME
      ? 'unsuccessful'
      : 'successful';
  return {
    outcome,
    type: frame.type,
    message: frame.message,
    frame,
    as(type) {
      if (frame.type !== type) {
        throw new PlugfestError('unknown-message-type', `expected ${type} in answer, got ${frame.type}`, {
          expected: type,
          received: frame.type,
        });
      }
      return frame.message as never;
    },
  };
}

/**
 * Routes every initiating message of the link to its handler and sends the handler's reply.
 * A message with no handler, or a handler that throws, is answered with an error indication;
 * the link stays up either way.
 */
export function dispatchTo<I extends InterfaceName>(
  session: Session<I>,
  handlers: Handlers<I>,
  context: VendorContext,
): void {
  const { link } = session;
  link.on('message', (frame) => {
    // Re-attestation on a ready link: the link's attestation guard (security/guard.ts) answers it.
    if (packageOf(frame.type) === 'oran.attestation.v1') return;
    if (frame.header.pduKind !== oran.common.v1.PduKind.PDU_KIND_INITIATING_MESSAGE) {
      session.logger.debug(
        { messageType: frame.type, transactionId: frame.header.transactionId },
        'unsolicited outcome',
      );
      return;
    }
    const handler = (handlers as Record<string, Handlers<I>[MessagesOf<I>]>)[frame.type];
    if (!handler) {
      link.notifyError(
        new PlugfestError(
          'unsupported-procedure',
          `${frame.type} is not handled by ${link.identity.vendorId}`,
          {
            messageType: frame.type,
          },
        ),
        frame.header,
      );
      return;
    }
    void (async () => {
      try {
        const reply = await handler(frame.message as never, session, context);
        if (reply) await link.reply(frame, reply.type, reply.message as never, reply.outcome);
      } catch (reason) {
        const error = PlugfestError.from(reason);
        if (error.code === 'link-closed') return;
        session.logger.warn({ err: error, messageType: frame.type }, 'handler failed');
        link.notifyError(error, frame.header);
      }
    })();
  });
}
