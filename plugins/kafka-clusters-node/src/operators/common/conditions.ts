import { KafkaCondition } from '@k8s-kafka/plugin-kafka-clusters-common';
import { get, list, str, truncate } from './raw';
import { isoTime } from './time';

/**
 * Reads `status.conditions` as the model keeps them (no probe times: they change every poll).
 * The messages of conditions that say all is well (`goodWhenTrue`, e.g. "Cluster is ready.")
 * are never read, and 20,000 topics carry one each: they are dropped.
 */
export function projectConditions(
  status: unknown,
  goodWhenTrue: ReadonlySet<string>,
): KafkaCondition[] {
  const conditions: KafkaCondition[] = [];
  for (const item of list(get(status, 'conditions'))) {
    const type = str(get(item, 'type'));
    const value = str(get(item, 'status'));
    if (!type || !value) {
      continue;
    }
    const condition: KafkaCondition = { type, status: value };
    const reason = str(get(item, 'reason'));
    const message =
      value === 'True' && goodWhenTrue.has(type)
        ? undefined
        : truncate(str(get(item, 'message'))?.trim());
    const since = isoTime(str(get(item, 'lastTransitionTime')));
    if (reason) condition.reason = reason;
    if (message) condition.message = message;
    if (since) condition.lastTransitionTime = since;
    conditions.push(condition);
  }
  return conditions;
}

export function findCondition(
  conditions: readonly KafkaCondition[],
  type: string,
): KafkaCondition | undefined {
  return conditions.find(c => c.type === type);
}

export function isConditionTrue(
  conditions: readonly KafkaCondition[],
  type: string,
): boolean {
  return findCondition(conditions, type)?.status === 'True';
}

export function isConditionFalse(
  conditions: readonly KafkaCondition[],
  type: string,
): boolean {
  return findCondition(conditions, type)?.status === 'False';
}
