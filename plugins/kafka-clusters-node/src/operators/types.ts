import {
  KafkaClusterStatus,
  KafkaOperator,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * One kind the watch cache must list and watch for an adapter, and how to reduce its objects.
 *
 * @public
 */
export interface WatchSpec<T = unknown> {
  /**
   * Stable key the snapshot holds this kind's objects under. Specs with the same key (the core
   * kinds both adapters need, such as Events) are identical: watch them once.
   */
  key: string;
  /** API group; `''` for the core group. */
  group: string;
  /**
   * Versions in order of preference. Watch the first one the cluster serves (see
   * {@link pickServedVersion}) and only that one, so each object is counted once.
   */
  versions: readonly string[];
  kind: string;
  plural: string;
  /** Label selector for list and watch, so the cache holds only the operators' objects. */
  labelSelector?: string;
  /** Field selector for list and watch. */
  fieldSelector?: string;
  /**
   * Reduces an object to the fields the rules use, dropping everything else (credentials
   * included). `undefined` means "do not keep this object".
   */
  project(object: unknown): T | undefined;
}

/**
 * The projected objects of one Kubernetes cluster, by {@link WatchSpec.key}.
 * A key that is absent means the kind is not watched or not served there (its CRD is missing);
 * an empty array means it is watched and there are none. The rules tell the two apart: pods that
 * are not watched fall back to the operator's replica counts, pods watched and absent are missing.
 *
 * @public
 */
export interface KubernetesSnapshot {
  /** The Kubernetes cluster's configured name. */
  cluster: string;
  objects: Readonly<Record<string, readonly unknown[] | undefined>>;
}

/**
 * Thresholds of the health rules, as data (configuration can override each one).
 *
 * @public
 */
export interface HealthThresholds {
  /** A change (provisioning, roll, unobserved spec) with no progress for this long is stuck → `degraded`. */
  changeStuckAfterSeconds: number;
  /** A pod not ready for this long with no change in progress → `degraded`. */
  podNotReadyGraceSeconds: number;
  /** Restarts and terminations this recent are reported (as warnings) on ready pods. */
  recentRestartSeconds: number;
  /**
   * A connector Strimzi auto-restarted this many times or more, the last within
   * `recentRestartSeconds`, is `degraded` (`ConnectorRestartLoop`).
   */
  connectorRestartsDegraded: number;
  /** Warning events this recent are listed in `events`. */
  eventWindowSeconds: number;
  /** At most this many events per Kafka cluster. */
  maxEvents: number;
  /** Data older than this is marked stale (`freshness.stale`). */
  staleAfterSeconds: number;
  /** Data older than this gets the verdict `unknown` (`DataStale`). */
  unknownAfterSeconds: number;
}

/**
 * Defaults of {@link HealthThresholds}.
 * A Kafka broker can take minutes to recover its logs after a restart, hence the pod grace;
 * client-node's watches reconnect every 30 s or so on a quiet cluster, hence the staleness.
 *
 * @public
 */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  changeStuckAfterSeconds: 30 * 60,
  podNotReadyGraceSeconds: 3 * 60,
  recentRestartSeconds: 60 * 60,
  connectorRestartsDegraded: 3,
  eventWindowSeconds: 60 * 60,
  maxEvents: 20,
  staleAfterSeconds: 2 * 60,
  unknownAfterSeconds: 10 * 60,
};

/**
 * Options of {@link KafkaOperatorAdapter.assemble}.
 *
 * @public
 */
export interface AssembleOptions {
  /** The time the rules judge at; pass it in so the rules stay pure. */
  now: Date;
  thresholds?: Partial<HealthThresholds>;
  /** When the cache last knew the snapshot to be current (ISO 8601); defaults to `now`. */
  observedAt?: string;
}

/**
 * What one operator contributes: the kinds to watch and the assembly of statuses. CFK and
 * Strimzi implement it; the cache and the routes use only this interface.
 *
 * @public
 */
export interface KafkaOperatorAdapter {
  readonly operator: KafkaOperator;
  /** Every kind this adapter needs, operator kinds first, then the core kinds. */
  readonly watches: readonly WatchSpec[];
  /** The kind whose CRD tells whether the operator is installed on a cluster (its Kafka kind). */
  readonly presence: WatchSpec;
  /** Builds the status of every Kafka cluster of this operator in one Kubernetes cluster. */
  assemble(
    snapshot: KubernetesSnapshot,
    options: AssembleOptions,
  ): KafkaClusterStatus[];
}

/**
 * The objects a snapshot holds for a watch spec, typed by the spec's projection;
 * `undefined` when the kind is not in the snapshot.
 *
 * @public
 */
export function itemsOf<T>(
  snapshot: KubernetesSnapshot,
  spec: WatchSpec<T>,
): readonly T[] | undefined {
  return snapshot.objects[spec.key] as readonly T[] | undefined;
}

/**
 * The version of a spec to watch, given the versions the cluster serves for its group
 * (from discovery); `undefined` when none is served, i.e. the CRD is not installed.
 *
 * @public
 */
export function pickServedVersion(
  spec: WatchSpec,
  served: readonly string[],
): string | undefined {
  return spec.versions.find(version => served.includes(version));
}
