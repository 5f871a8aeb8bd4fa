import {
  KafkaEventSummary,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthThresholds } from '../types';
import { ProjectedEvent } from './core';
import { ageSeconds, parseTime } from './time';

/** Warning events by the object they are about. */
export type EventIndex = ReadonlyMap<string, readonly ProjectedEvent[]>;

function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

function lastSeenMs(event: ProjectedEvent): number {
  return parseTime(event.lastSeen) ?? 0;
}

export function indexEvents(
  events: readonly ProjectedEvent[] = [],
): EventIndex {
  const index = new Map<string, ProjectedEvent[]>();
  for (const event of events) {
    const key = objectKey(
      event.involved.kind,
      event.involved.namespace,
      event.involved.name,
    );
    const bucket = index.get(key);
    if (bucket) {
      bucket.push(event);
    } else {
      index.set(key, [event]);
    }
  }
  for (const bucket of index.values()) {
    bucket.sort((a, b) => lastSeenMs(b) - lastSeenMs(a));
  }
  return index;
}

/** The newest event of an object with one of the given reasons (any reason when none given). */
export function latestEvent(
  index: EventIndex,
  object: { kind: string; namespace: string; name: string },
  reasons?: readonly string[],
): ProjectedEvent | undefined {
  const bucket = index.get(
    objectKey(object.kind, object.namespace, object.name),
  );
  return bucket?.find(e => !reasons || reasons.includes(e.reason));
}

/**
 * The recent warning events of the given objects, newest first, at most `maxEvents`: the
 * "why" shown beside a verdict.
 */
export function selectEvents(
  index: EventIndex,
  objects: readonly KubernetesObjectRef[],
  now: Date,
  thresholds: HealthThresholds,
): KafkaEventSummary[] {
  const picked: ProjectedEvent[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    const key = objectKey(object.kind, object.namespace, object.name);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    for (const event of index.get(key) ?? []) {
      const age = ageSeconds(event.lastSeen, now);
      if (age === undefined || age <= thresholds.eventWindowSeconds) {
        picked.push(event);
      }
    }
  }
  picked.sort((a, b) => lastSeenMs(b) - lastSeenMs(a));
  return picked.slice(0, thresholds.maxEvents).map(event => {
    const summary: KafkaEventSummary = {
      type: event.type,
      reason: event.reason,
      message: event.message,
      count: event.count,
      object: { ...event.involved },
    };
    if (event.firstSeen) summary.firstSeen = event.firstSeen;
    if (event.lastSeen) summary.lastSeen = event.lastSeen;
    return summary;
  });
}
