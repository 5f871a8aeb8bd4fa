import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { DEFAULT_HEALTH_THRESHOLDS, HealthThresholds } from '../types';
import { ageSeconds } from './time';
import { reason, sortReasons, verdictOf } from './verdict';

/**
 * Options of {@link applyFreshness}.
 *
 * @public
 */
export interface FreshnessOptions {
  now: Date;
  /** When the cache last knew the data to be current (ISO 8601). */
  observedAt: string;
  thresholds?: Partial<HealthThresholds>;
}

/**
 * Ages a status: sets `freshness`, marks it stale past `staleAfterSeconds`, and past
 * `unknownAfterSeconds` turns the verdict to `unknown` with a `DataStale` reason, however good
 * the last verdict was. Call it when serving, so `ageSeconds` is the age the user sees.
 *
 * @public
 */
export function applyFreshness(
  status: KafkaClusterStatus,
  options: FreshnessOptions,
): KafkaClusterStatus {
  const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...options.thresholds };
  const age = Math.max(
    0,
    Math.round(ageSeconds(options.observedAt, options.now) ?? 0),
  );
  const reasons = status.reasons.filter(r => r.code !== 'DataStale');
  // The verdict is always the worst impact of the reasons, so dropping an old DataStale
  // reason brings back the verdict the rules gave.
  const aged: KafkaClusterStatus = {
    ...status,
    health: verdictOf(reasons),
    reasons,
    freshness: {
      observedAt: options.observedAt,
      ageSeconds: age,
      stale: age > thresholds.staleAfterSeconds,
    },
  };
  if (age <= thresholds.unknownAfterSeconds) {
    return aged;
  }
  return {
    ...aged,
    health: 'unknown',
    reasons: sortReasons([
      reason(
        'DataStale',
        'unknown',
        `The data is ${Math.round(
          age / 60,
        )} min old: the watch cache of Kubernetes cluster ${
          status.ref.cluster
        } has not been in sync since then`,
        status.resource,
        {
          since: options.observedAt,
          fix: 'See the Kubernetes cluster’s error on the fleet page (credentials, network, API server)',
        },
      ),
      ...reasons,
    ]),
  };
}
