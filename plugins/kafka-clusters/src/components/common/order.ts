import {
  compareKafkaHealth,
  HealthReason,
  KafkaClusterRef,
  KafkaHealth,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/** Worst verdict first, then by Kubernetes cluster, namespace and name, for a stable order. */
export function sortWorstFirst<
  T extends { health: KafkaHealth; ref: KafkaClusterRef },
>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      compareKafkaHealth(a.health, b.health) ||
      stringifyKafkaClusterRef(a.ref).localeCompare(
        stringifyKafkaClusterRef(b.ref),
      ),
  );
}

/**
 * The reason to name when there is room for one: the first (the backend orders them worst
 * first) that can explain a verdict other than healthy.
 */
export function mainReason(
  health: KafkaHealth,
  reasons: HealthReason[],
): HealthReason | undefined {
  if (health === 'healthy') return undefined;
  return reasons.find(r => r.impact !== 'healthy') ?? reasons[0];
}

/** The earliest `since` of the reasons that lead to the verdict itself. */
export function verdictSince(
  health: KafkaHealth,
  reasons: HealthReason[],
): string | undefined {
  const times = reasons
    .filter(r => r.impact === health && r.since)
    .map(r => r.since as string)
    .sort();
  return times[0];
}

/** `ready/desired` as far as they are known. */
export function readyOfDesired(group: {
  ready?: number;
  desired?: number;
}): string {
  return `${group.ready ?? '?'}/${group.desired ?? '?'}`;
}
