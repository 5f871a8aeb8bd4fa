import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  applyFreshness,
  HealthThresholds,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { FleetCache } from './cache/fleetCache';

/** The fleet's statuses as they are served: aged to now. */
export interface ServedStatuses {
  /** A status aged at serving time, so the age shown is the age now. */
  fresh(status: KafkaClusterStatus): KafkaClusterStatus;
  /** Every Kafka cluster of every Kubernetes cluster, aged. */
  all(): KafkaClusterStatus[];
}

/**
 * Ages statuses once per second. Ages are shown in whole seconds, and a healthy cache is
 * current "now": within one second every request, signal digest and notification check gets
 * the same aged object (and the JSON made of it, see json.ts).
 */
export function createServedStatuses(options: {
  fleet: FleetCache;
  thresholds: HealthThresholds;
  now?: () => number;
}): ServedStatuses {
  const { fleet, thresholds } = options;
  const now = options.now ?? Date.now;
  const aged = new WeakMap<
    KafkaClusterStatus,
    { second: number; observedSecond: number; value: KafkaClusterStatus }
  >();

  function fresh(status: KafkaClusterStatus): KafkaClusterStatus {
    // A cache that cannot say how current it is still ages what it built, from when it built it.
    const observedAt =
      fleet.clusters().get(status.ref.cluster)?.observedAt() ??
      status.freshness.observedAt;
    const at = now();
    const second = Math.floor(at / 1000);
    const observedSecond = Math.floor(Date.parse(observedAt) / 1000);
    const hit = aged.get(status);
    if (hit && hit.second === second && hit.observedSecond === observedSecond) {
      return hit.value;
    }
    const value = applyFreshness(status, {
      now: new Date(at),
      observedAt,
      thresholds,
    });
    aged.set(status, { second, observedSecond, value });
    return value;
  }

  return {
    fresh,
    all: () => fleet.allStatuses().map(fresh),
  };
}
