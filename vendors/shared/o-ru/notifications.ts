/**
 * NETCONF notification subscriptions (RFC 5277 create-subscription; WG4.CONF 3.1.2): a
 * notification goes only to the sessions that subscribed to it, on the NETCONF stream.
 */
import type { Logger } from 'pino';
import type { MessageInitMap, Session } from '../../../src/sdk/index.js';
import { type RpcError, rpcError } from './rpc-errors.js';

/** The notifications the O-RU sends, by message type, with their YANG names. */
export const notificationNames = {
  'oran.fronthaul.mplane.v1.AlarmNotification': ['o-ran-fm:alarm-notif'],
  'oran.fronthaul.mplane.v1.SyncStateNotification': ['o-ran-sync:synchronization-state-change'],
  'oran.fronthaul.mplane.v1.CarrierStateChangeNotification': [
    'o-ran-uplane-conf:tx-array-carriers-state-change',
    'o-ran-uplane-conf:rx-array-carriers-state-change',
  ],
  'oran.fronthaul.mplane.v1.SupervisionNotification': ['o-ran-supervision:supervision-notification'],
} as const;

export type NotificationType = keyof typeof notificationNames;

const knownNames = new Set<string>(Object.values(notificationNames).flat());

export class NotificationHub {
  /** Each subscribed session with the names it asked for (empty: all). */
  readonly #subscribers = new Map<Session<'ofh-m'>, ReadonlySet<string>>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** create-subscription; a refusal for an unknown stream or notification name. */
  subscribe(session: Session<'ofh-m'>, stream: string, names: readonly string[]): RpcError | undefined {
    if (stream && stream !== 'NETCONF') {
      return rpcError('invalid-value', `unknown stream "${stream}": this O-RU has the NETCONF stream only`, {
        path: '/create-subscription/stream',
      });
    }
    const unknown = names.find((name) => !knownNames.has(name));
    if (unknown) {
      return rpcError(
        'invalid-value',
        `unknown notification "${unknown}"; known: ${[...knownNames].join(', ')}`,
        { path: '/create-subscription/filter' },
      );
    }
    this.#subscribers.set(session, new Set(names));
    return undefined;
  }

  unsubscribe(session: Session<'ofh-m'>): void {
    this.#subscribers.delete(session);
  }

  /** Resolves when every notification published so far is written (or failed). */
  async flush(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }

  /** Sends the notification to each session subscribed to it; a closing link is skipped. */
  publish<K extends NotificationType>(type: K, message: MessageInitMap[K]): void {
    const names: readonly string[] = notificationNames[type];
    for (const [session, wanted] of this.#subscribers) {
      if (wanted.size > 0 && !names.some((name) => wanted.has(name))) continue;
      const sent = session.send(type, message).catch((error: unknown) => {
        this.logger.debug({ err: error, messageType: type }, 'notification not sent');
      });
      this.#inFlight.add(sent);
      void sent.finally(() => this.#inFlight.delete(sent));
    }
  }
}
