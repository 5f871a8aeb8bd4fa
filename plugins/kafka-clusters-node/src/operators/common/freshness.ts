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
 * Ages a status: sets `freshness`, marks it stale past `staleAfterSeconds` (or at once when a
 * kind it was built from became unreadable: a `DataUnreadable` reason), and past
 * `unknownAfterSeconds` adds a `DataStale` reason of impact `unknown`: the verdict becomes the
 * worse of the last one and `unknown`, so a degraded cluster stays degraded while its data
 * ages, and nothing reads better than the evidence. Call it when serving, so `ageSeconds` is
 * the age the user sees.
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
      stale:
        age > thresholds.staleAfterSeconds ||
        reasons.some(r => r.code === 'DataUnreadable'),
    },
  };
  if (age <= thresholds.unknownAfterSeconds) {
    return aged;
  }
  const withStale = sortReasons([
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
  ]);
  return { ...aged, health: verdictOf(withStale), reasons: withStale };
}

/**
 * A kind whose last read data a status was built from, and which cannot be read now.
 *
 * @public
 */
export interface UnreadableKind {
  /** `<plural>.<group>` of the kind, as the API server names it. */
  resource: string;
  namespace?: string;
  /** The API server's answer, e.g. 403; absent when it could not be reached. */
  statusCode?: number;
  message: string;
  /** Since when (ISO 8601). */
  since: string;
}

/**
 * Adds a `DataUnreadable` reason (impact `unknown`) per kind that became unreadable: the status
 * keeps what was last read, and its verdict becomes the worse of the rules' verdict and
 * `unknown`. {@link applyFreshness} then marks it stale.
 *
 * @public
 */
export function markUnreadable(
  status: KafkaClusterStatus,
  kinds: readonly UnreadableKind[],
): KafkaClusterStatus {
  if (kinds.length === 0) return status;
  const reasons = sortReasons([
    ...status.reasons,
    ...kinds.map(kind =>
      reason(
        'DataUnreadable',
        'unknown',
        `Cannot read ${kind.resource}${
          kind.namespace ? ` in namespace ${kind.namespace}` : ''
        }${kind.statusCode ? ` (HTTP ${kind.statusCode})` : ''}: ${
          kind.message
        }. What is shown is the last state read`,
        status.resource,
        {
          since: kind.since,
          fix:
            kind.statusCode === 403 || kind.statusCode === 401
              ? `Give the backend’s credentials get, list and watch on ${kind.resource} again (the ClusterRole in the kafka-clusters backend README)`
              : 'See the Kubernetes cluster’s error on the fleet page (network, API server)',
        },
      ),
    ),
  ]);
  return { ...status, health: verdictOf(reasons), reasons };
}
