import { KafkaHealth } from './health';
import { KafkaClusterStatus } from './status';
import { KafkaClusterSummary } from './summary';

/**
 * Why a Kubernetes cluster could not be read.
 * `crds-missing` is for a cluster where a Kafka cluster was expected but neither operator's
 * CRDs are installed; one operator missing is normal and not an error.
 *
 * @public
 */
export type KubernetesClusterErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'unreachable'
  | 'timeout'
  | 'crds-missing'
  | 'other';

/**
 * An error reading one Kubernetes cluster, reported beside the statuses of the others.
 *
 * @public
 */
export interface KubernetesClusterError {
  /** The Kubernetes cluster's configured name. */
  cluster: string;
  kind: KubernetesClusterErrorKind;
  message: string;
  /** ISO 8601 time since which the error has lasted. */
  since: string;
  /** Set when the error concerns one namespace (namespace-scoped watching). */
  namespace?: string;
  /** The resource the failing request was about, as `<plural>.<API group>`. */
  resource?: string;
}

/**
 * State of the watch cache of one Kubernetes cluster:
 * `starting` before the first complete list, `synced` while lists and watches are healthy,
 * `stale` when they have failed for a while and the data is ageing, `failed` when nothing could be read.
 *
 * @public
 */
export type KubernetesCacheState = 'starting' | 'synced' | 'stale' | 'failed';

/**
 * Whether an operator is installed on a Kubernetes cluster, and which API version is read.
 *
 * @public
 */
export interface KafkaOperatorPresence {
  installed: boolean;
  /** The served version the cache reads, e.g. `v1` or `v1beta2` for Strimzi. */
  version?: string;
}

/**
 * One configured Kubernetes cluster and the state of its cache.
 *
 * @public
 */
export interface KubernetesClusterCacheStatus {
  name: string;
  title?: string;
  state: KubernetesCacheState;
  /** ISO 8601 time the cache last knew all its data to be current. */
  lastSyncedAt?: string;
  ageSeconds?: number;
  operators: { cfk: KafkaOperatorPresence; strimzi: KafkaOperatorPresence };
  kafkaClusters: number;
  errors: KubernetesClusterError[];
}

/**
 * `GET /api/kafka-clusters/entities/:namespace/:kind/:name`: an entity's Kafka clusters.
 *
 * @public
 */
export interface KafkaEntityStatusResponse {
  /** The entity, `kind:namespace/name`. */
  entityRef: string;
  /** The worst verdict over `clusters`; `unknown` when there are none but errors. */
  health: KafkaHealth;
  clusters: KafkaClusterStatus[];
  /** Errors of the Kubernetes clusters involved; one failing cluster never hides the others. */
  errors: KubernetesClusterError[];
}

/**
 * `GET /api/kafka-clusters/clusters`: the fleet.
 *
 * @public
 */
export interface KafkaFleetResponse {
  clusters: KafkaClusterSummary[];
  kubernetesClusters: KubernetesClusterCacheStatus[];
}

/**
 * `GET /api/kafka-clusters/clusters/:cluster/namespaces/:namespace/kafkas/:name`: one cluster.
 *
 * @public
 */
export interface KafkaClusterResponse {
  status: KafkaClusterStatus;
  /** Errors of its Kubernetes cluster, e.g. why the status is stale. */
  errors: KubernetesClusterError[];
}
