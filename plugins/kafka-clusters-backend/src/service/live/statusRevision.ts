import { createHash } from 'node:crypto';
import {
  HealthReason,
  KafkaClusterStatus,
  KafkaHealth,
  KubernetesClusterCacheStatus,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/*
 * What a change a person would see on the tab, card or fleet page consists of: verdicts,
 * reasons, counts, and whether a Kubernetes cluster can be read. Messages and ages are left
 * out: ages change every second, and the messages say again what the codes and counts say.
 */

const reasonKey = (r: HealthReason) =>
  `${r.code}:${r.severity}:${r.impact}:${r.resource.kind}/${
    r.resource.namespace ?? ''
  }/${r.resource.name}`;

function countByHealth(items: readonly { health: KafkaHealth }[]): string {
  const counts: Record<string, number> = {};
  for (const item of items)
    counts[item.health] = (counts[item.health] ?? 0) + 1;
  return Object.keys(counts)
    .sort()
    .map(h => `${h}=${counts[h]}`)
    .join(',');
}

function structuralKey(status: KafkaClusterStatus): string {
  const group = (g?: KafkaClusterStatus['brokers']) =>
    g
      ? `${g.ready ?? '?'}/${g.desired ?? '?'}:${g.members
          .map(
            m =>
              `${m.podName}=${m.health}:${m.ready}:${m.waitingReason ?? ''}:${
                m.restarts
              }`,
          )
          .join(',')}`
      : '-';
  return [
    status.reconcile,
    group(status.brokers),
    group(status.controllers),
    status.components
      .map(c => `${c.type}/${c.name}=${c.health}:${c.ready}/${c.desired}`)
      .join(','),
    countByHealth(status.topics),
    countByHealth(status.access),
    status.links.length,
    status.events.length,
    status.events[0]
      ? `${status.events[0].reason}:${status.events[0].count}@${status.events[0].lastSeen}`
      : '',
  ].join('|');
}

function statusKey(status: KafkaClusterStatus): string {
  return [
    stringifyKafkaClusterRef(status.ref),
    status.health,
    status.freshness.stale ? 'stale' : 'current',
    status.reasons.map(reasonKey).join(','),
    structuralKey(status),
  ].join('|');
}

function cacheKey(cache: KubernetesClusterCacheStatus): string {
  return [
    cache.name,
    cache.state,
    cache.operators.cfk.installed,
    cache.operators.strimzi.installed,
    cache.errors
      .map(e => `${e.kind}:${e.namespace ?? ''}:${e.resource ?? ''}`)
      .join(','),
  ].join('|');
}

/**
 * A digest of what the fleet's screens show, as served: equal states give equal revisions on
 * every backend replica, so clients refetch once per change however many replicas publish it.
 */
export function statusRevision(
  statuses: readonly KafkaClusterStatus[],
  caches: readonly KubernetesClusterCacheStatus[],
): string {
  const hash = createHash('sha256');
  for (const key of caches.map(cacheKey).sort()) hash.update(`${key}\n`);
  for (const key of statuses.map(statusKey).sort()) hash.update(`${key}\n`);
  return hash.digest('base64url').slice(0, 22);
}
