import { KafkaClusterRef } from '../annotations';
import { KafkaComponentStatus } from './components';
import { KafkaHealth } from './health';
import { KafkaMetadataMode, KafkaNodeGroupStatus } from './nodes';
import { HealthReason, KubernetesObjectRef } from './reasons';
import {
  KafkaAccessStatus,
  KafkaLinkStatus,
  KafkaTopicStatus,
} from './resources';

/**
 * The operator running a Kafka cluster: Confluent for Kubernetes or Strimzi.
 *
 * @public
 */
export type KafkaOperator = 'cfk' | 'strimzi';

/**
 * A condition as the operator wrote it (CFK types keep their API group as a prefix).
 *
 * @public
 */
export interface KafkaCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  /** ISO 8601. */
  lastTransitionTime?: string;
}

/**
 * Reconciliation paused, and why we think so.
 *
 * @public
 */
export interface KafkaReconcilePause {
  /** `annotation` (the operator's pause annotation: Strimzi's pause-reconciliation, CFK's block-reconcile) or `condition` (Strimzi `ReconciliationPaused`). */
  source: 'annotation' | 'condition';
  /** The annotation key or condition type. */
  key: string;
  reason: string;
  since?: string;
}

/**
 * Is the operator caught up with the spec?
 *
 * @public
 */
export interface KafkaReconcileState {
  generation?: number;
  observedGeneration?: number;
  /** The operator has observed the latest spec (observedGeneration ≥ generation). */
  caughtUp: boolean;
  /** CFK's `status.phase` (`RUNNING`, `PROVISIONING`, …). */
  phase?: string;
  conditions: KafkaCondition[];
  /** A rolling restart is under way (CFK `rolling` condition, pods on an old revision). */
  rolling: boolean;
  rollingSince?: string;
  paused?: KafkaReconcilePause;
}

/**
 * One listener: how clients reach the cluster. Never carries credentials.
 *
 * @public
 */
export interface KafkaListenerStatus {
  name: string;
  /** Strimzi listener type (`internal`, `route`, `loadbalancer`, …) or CFK external access type. */
  type?: string;
  port?: number;
  tls?: boolean;
  /** `plain`, `mtls`, `oauth`, … (CFK); `tls`, `scram-sha-512`, … (Strimzi); `none` when none. */
  authentication?: string;
  /** The bootstrap address inside the Kubernetes cluster, `host:port`. */
  bootstrapServers?: string;
  /** Addresses reachable from outside (load balancers, routes, node ports), `host:port`. */
  externalAddresses?: string[];
}

/**
 * Versions as the operator reports them.
 *
 * @public
 */
export interface KafkaVersions {
  /** Apache Kafka version (Strimzi `status.kafkaVersion`). */
  kafka?: string;
  /** Confluent Platform version (CFK `status.currentClusterVersion`, else the image tag). */
  platform?: string;
  /** Kafka metadata version (Strimzi `status.kafkaMetadataVersion`). */
  metadataVersion?: string;
  /** CFK `status.operatorVersion`; Strimzi `status.operatorLastSuccessfulVersion`. */
  operator?: string;
  clusterId?: string;
}

/**
 * A Kubernetes Event that helps explain a verdict.
 *
 * @public
 */
export interface KafkaEventSummary {
  type: string;
  reason: string;
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  object: KubernetesObjectRef;
}

/**
 * How current the status is. The cache fills `observedAt`; a status older than the configured
 * threshold gets the verdict `unknown` (reason `DataStale`).
 *
 * @public
 */
export interface KafkaStatusFreshness {
  /** ISO 8601 time the cache last knew its data for this cluster to be current. */
  observedAt: string;
  /** Seconds between `observedAt` and the time the status was built or served. */
  ageSeconds: number;
  stale: boolean;
}

/**
 * Where a Kafka cluster's environment came from.
 *
 * @public
 */
export interface KafkaEnvironmentInfo {
  /** `k8s-kafka.io/environment-id`: `<kubernetes cluster>/<namespace>/<name>`. */
  id?: string;
  /** `k8s-kafka.io/cloned-from`: the source object of a clone. */
  clonedFrom?: string;
  /** `k8s-kafka.io/expires-at`: when an ephemeral clone may be removed (ISO time). */
  expiresAt?: string;
}

/**
 * Everything the suite knows about one Kafka cluster, whichever operator runs it. The verdict
 * (`health`) follows the table in this package's README.
 *
 * @public
 */
export interface KafkaClusterStatus {
  /** Kubernetes cluster, namespace and name of the Kafka CR. */
  ref: KafkaClusterRef;
  operator: KafkaOperator;
  /** The Kafka CR's apiVersion as read (`<group>/<version>`). */
  apiVersion: string;
  /** The Kafka CR's labels, for entity matching. */
  labels: Record<string, string>;
  health: KafkaHealth;
  /** Why, worst first: the cluster's own reasons and those of failing children. */
  reasons: HealthReason[];
  reconcile: KafkaReconcileState;
  metadataMode: KafkaMetadataMode;
  /** Strimzi v1beta2 `status.kafkaMetadataState` (`KRaft`, `ZooKeeper`, a migration state). */
  metadataState?: string;
  brokers: KafkaNodeGroupStatus;
  /** KRaft controllers or the ZooKeeper ensemble; absent when the cluster's metadata mode is unknown. */
  controllers?: KafkaNodeGroupStatus;
  components: KafkaComponentStatus[];
  topics: KafkaTopicStatus[];
  access: KafkaAccessStatus[];
  listeners: KafkaListenerStatus[];
  authorization?: { type: string };
  links: KafkaLinkStatus[];
  /**
   * The environment the Kafka CR belongs to, as its annotations say (kafka:environment:create
   * and clone write them); absent for a Kafka made by other means.
   */
  environment?: KafkaEnvironmentInfo;
  versions: KafkaVersions;
  /** Recent Warning events of the CR, its pods, PVCs and pod controllers, newest first. */
  events: KafkaEventSummary[];
  freshness: KafkaStatusFreshness;
  /** The Kafka CR itself, for links and reasons. */
  resource: KubernetesObjectRef;
}
