import { KafkaClusterRef } from '../annotations';
import { KafkaHealth } from './health';
import { HealthReason } from './reasons';
import {
  KafkaClusterStatus,
  KafkaOperator,
  KafkaStatusFreshness,
  KafkaVersions,
} from './status';

/**
 * A Kafka cluster as a fleet page lists it: the verdict and its main reasons, without members,
 * topics and events.
 *
 * @public
 */
export interface KafkaClusterSummary {
  ref: KafkaClusterRef;
  operator: KafkaOperator;
  labels: Record<string, string>;
  health: KafkaHealth;
  /** The first reasons of the status, worst first. */
  reasons: HealthReason[];
  /** How many reasons the status has in all. */
  reasonCount: number;
  brokers: { desired?: number; ready?: number };
  controllers?: { desired?: number; ready?: number };
  paused: boolean;
  versions: KafkaVersions;
  counts: {
    components: number;
    topics: number;
    /** Topics whose verdict is not `healthy`. */
    topicsNotHealthy: number;
  };
  freshness: KafkaStatusFreshness;
}

/**
 * Reduces a status to its fleet-page row.
 *
 * @param maxReasons - how many reasons to keep (default 3).
 * @public
 */
export function summarizeKafkaCluster(
  status: KafkaClusterStatus,
  maxReasons = 3,
): KafkaClusterSummary {
  return {
    ref: status.ref,
    operator: status.operator,
    labels: status.labels,
    health: status.health,
    reasons: status.reasons.slice(0, maxReasons),
    reasonCount: status.reasons.length,
    brokers: { desired: status.brokers.desired, ready: status.brokers.ready },
    controllers: status.controllers && {
      desired: status.controllers.desired,
      ready: status.controllers.ready,
    },
    paused: status.reconcile.paused !== undefined,
    versions: status.versions,
    counts: {
      components: status.components.length,
      topics: status.topics.length,
      topicsNotHealthy: status.topics.filter(t => t.health !== 'healthy')
        .length,
    },
    freshness: status.freshness,
  };
}
