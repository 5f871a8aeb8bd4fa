import {
  AssembleOptions,
  DEFAULT_HEALTH_THRESHOLDS,
  HealthThresholds,
  KubernetesSnapshot,
  itemsOf,
} from '../types';
import { EVENTS_KEY, ProjectedEvent, ProjectedPvc, pvcWatch } from './core';
import { EventIndex, indexEvents } from './events';
import { keyOf } from './meta';

/** What every rule of one assembly shares: the time, the thresholds, and the core objects. */
export interface RuleContext {
  now: Date;
  thresholds: HealthThresholds;
  /** PVCs by `namespace/name`. */
  pvcs: ReadonlyMap<string, ProjectedPvc>;
  events: EventIndex;
  /** When the data was last known current, ISO 8601. */
  observedAt: string;
}

export function ruleContext(
  snapshot: KubernetesSnapshot,
  options: AssembleOptions,
): RuleContext {
  const pvcs = itemsOf(snapshot, pvcWatch) ?? [];
  return {
    now: options.now,
    thresholds: { ...DEFAULT_HEALTH_THRESHOLDS, ...options.thresholds },
    pvcs: new Map(pvcs.map(p => [keyOf(p.meta.namespace, p.meta.name), p])),
    events: indexEvents(
      snapshot.objects[EVENTS_KEY] as readonly ProjectedEvent[] | undefined,
    ),
    observedAt: options.observedAt ?? options.now.toISOString(),
  };
}
