/**
 * E2SM payloads in the trace. E2AP carries service-model messages as opaque bytes (RAN function
 * definition, event trigger, action definition, indication header and message, control header,
 * message and outcome); the relay learns each RAN function's service model from the E2 Setup
 * (or Service Update) it forwards, and decodes those bytes into the trace next to them.
 */
import { type ServiceModel as Model, serviceModelOf } from '../ran/index.js';
import { oran } from '../wire/index.js';

interface Decoder {
  decode(bytes: Uint8Array): unknown;
  toObject(message: never, options: object): Record<string, unknown>;
}

const options = { enums: String, longs: Number, bytes: String, defaults: false, oneofs: false };
const kpm = oran.e2sm.kpm.v1;
const rc = oran.e2sm.rc.v1;

/** Which E2SM message each bytes field of each E2AP message holds, per service model. */
const fieldModels: Record<string, Record<string, Partial<Record<Model, Decoder>>>> = {
  'oran.e2.v1.RicIndication': {
    ricIndicationHeader: { kpm: kpm.IndicationHeader },
    ricIndicationMessage: { kpm: kpm.IndicationMessage },
  },
  'oran.e2.v1.RicControlRequest': {
    ricControlHeader: { rc: rc.ControlHeader },
    ricControlMessage: { rc: rc.ControlMessage },
  },
  'oran.e2.v1.RicControlAcknowledge': { ricControlOutcome: { rc: rc.ControlOutcome } },
  'oran.e2.v1.RicControlFailure': { ricControlOutcome: { rc: rc.ControlOutcome } },
};

/** One link's view of its RAN functions, learnt from the frames it relays. */
export class E2smDecoder {
  readonly #models = new Map<number, Model>();

  /**
   * Adds decoded E2SM fields (`<field>Decoded`) to a traced E2AP message, and learns RAN
   * functions from E2 Setup and Service Update. Bytes that do not decode are left as they are.
   */
  annotate(type: string, message: Record<string, unknown>, fields: Record<string, unknown>): void {
    if (type === 'oran.e2.v1.E2SetupRequest' || type === 'oran.e2.v1.RicServiceUpdate') this.#learn(message);
    const byField = fieldModels[type];
    if (!byField) {
      this.#annotateSubscription(type, message, fields);
      return;
    }
    const model = this.#models.get(Number(message.ranFunctionId ?? 0));
    if (!model) return;
    for (const [field, decoders] of Object.entries(byField)) {
      const decoder = decoders[model];
      const bytes = message[field];
      if (!decoder || !(bytes instanceof Uint8Array) || bytes.length === 0) continue;
      try {
        fields[`${field}Decoded`] = decoder.toObject(decoder.decode(bytes) as never, options);
      } catch {
        fields[`${field}Decoded`] = { error: 'does not decode as the RAN function service model' };
      }
    }
    this.#annotateSubscription(type, message, fields);
  }

  #learn(message: Record<string, unknown>): void {
    const lists = [message.ranFunctionsAdded, message.ranFunctionsModified].filter(Array.isArray) as Array<
      Array<{ ranFunctionId?: number; ranFunctionOid?: string }>
    >;
    for (const item of lists.flat()) {
      const model = serviceModelOf(item.ranFunctionOid);
      if (model) this.#models.set(item.ranFunctionId ?? 0, model);
    }
  }

  /** KPM action definitions sit inside the subscription's action list. */
  #annotateSubscription(
    type: string,
    message: Record<string, unknown>,
    fields: Record<string, unknown>,
  ): void {
    if (type !== 'oran.e2.v1.RicSubscriptionRequest') return;
    if (this.#models.get(Number(message.ranFunctionId ?? 0)) !== 'kpm') return;
    const details = message.ricSubscriptionDetails as {
      ricEventTriggerDefinition?: Uint8Array;
      ricActionToBeSetupList?: Array<{ ricActionDefinition?: Uint8Array }>;
    };
    const traced = fields.ricSubscriptionDetails as
      | (Record<string, unknown> & { ricActionToBeSetupList?: Array<Record<string, unknown>> })
      | undefined;
    if (traced && details?.ricEventTriggerDefinition?.length) {
      try {
        traced.ricEventTriggerDefinitionDecoded = kpm.EventTriggerDefinition.toObject(
          kpm.EventTriggerDefinition.decode(details.ricEventTriggerDefinition),
          options,
        );
      } catch {
        traced.ricEventTriggerDefinitionDecoded = { error: 'does not decode as an E2SM-KPM event trigger' };
      }
    }
    details?.ricActionToBeSetupList?.forEach((action, i) => {
      const target = traced?.ricActionToBeSetupList?.[i];
      if (!target || !action.ricActionDefinition?.length) return;
      try {
        target.ricActionDefinitionDecoded = kpm.ActionDefinition.toObject(
          kpm.ActionDefinition.decode(action.ricActionDefinition),
          options,
        );
      } catch {
        target.ricActionDefinitionDecoded = { error: 'does not decode as an E2SM-KPM action definition' };
      }
    });
  }
}
