import { KafkaClusterRef } from '../annotations';
import { KafkaHealth } from './health';
import { HealthReason, KubernetesObjectRef } from './reasons';

/**
 * One KafkaTopic CR.
 *
 * @public
 */
export interface KafkaTopicStatus {
  /** The topic's name in Kafka (`spec.name` / `spec.topicName` / `status.topicName`, else the CR's name). */
  name: string;
  resource: KubernetesObjectRef;
  /** The CR's labels, for entity matching. */
  labels: Record<string, string>;
  partitions?: number;
  replicationFactor?: number;
  /** CFK's `status.state` (e.g. `CREATED`), or Strimzi's ready condition summarised (`Ready`, `NotReady`, `Unmanaged`, `Paused`). */
  state?: string;
  health: KafkaHealth;
  reasons: HealthReason[];
}

/**
 * A principal's access to the cluster: a Strimzi KafkaUser or a CFK ConfluentRolebinding.
 *
 * @public
 */
export interface KafkaAccessStatus {
  kind: 'KafkaUser' | 'ConfluentRolebinding';
  resource: KubernetesObjectRef;
  labels: Record<string, string>;
  /** `User:CN=my-user`, `group:devs`, … (a name, never a credential). */
  principal?: string;
  /** CFK role, e.g. `DeveloperRead`. */
  role?: string;
  /** Strimzi authentication type, e.g. `tls`, `scram-sha-512`. */
  authentication?: string;
  state?: string;
  health: KafkaHealth;
  reasons: HealthReason[];
}

/**
 * One mirrored topic of a link.
 *
 * @public
 */
export interface KafkaMirrorTopicStatus {
  name: string;
  sourceTopicName?: string;
  /** Confluent's mirror topic status, e.g. `ACTIVE`, `PAUSED`, `STOPPED`. */
  status?: string;
  health: KafkaHealth;
}

/**
 * Data replication touching this cluster: a CFK ClusterLink or a Strimzi KafkaMirrorMaker2.
 *
 * @public
 */
export interface KafkaLinkStatus {
  type: 'cluster-link' | 'mirror-maker-2';
  resource: KubernetesObjectRef;
  labels?: Record<string, string>;
  /** This cluster's side of the link. Only the destination's verdict counts the link. */
  role: 'source' | 'destination';
  /** The link's name in Kafka (ClusterLink), or the MirrorMaker 2 aliases `source->target`. */
  linkName?: string;
  /** The other side, as far as the resources tell. */
  peer: {
    bootstrapServers?: string;
    clusterId?: string;
    /** Set when the other side is a Kafka cluster of the same Kubernetes cluster. */
    ref?: KafkaClusterRef;
  };
  state?: string;
  /** MirrorMaker 2's topic pattern. */
  topicsPattern?: string;
  mirrorTopics: KafkaMirrorTopicStatus[];
  health: KafkaHealth;
  reasons: HealthReason[];
}
