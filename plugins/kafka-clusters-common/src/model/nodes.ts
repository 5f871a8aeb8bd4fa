import { KafkaHealth } from './health';

/**
 * A persistent volume claim a pod uses, and whether it is bound.
 *
 * @public
 */
export interface KafkaVolumeStatus {
  claimName: string;
  /** The PVC's `status.phase` (`Bound`, `Pending`, `Lost`); absent when the PVC was not seen. */
  phase?: string;
  /** `undefined` when the PVC was not seen, so "not bound" is never guessed. */
  bound?: boolean;
  storageClass?: string;
}

/**
 * How a container last ended.
 *
 * @public
 */
export interface KafkaTerminationStatus {
  /** Kubernetes' reason, e.g. `OOMKilled`, `Error`, `Completed`. */
  reason?: string;
  exitCode?: number;
  /** ISO 8601 time the container finished. */
  at?: string;
}

/**
 * One pod of a broker, controller or component, reduced to what explains its health.
 *
 * @public
 */
export interface KafkaPodStatus {
  podName: string;
  /** The pod's `status.phase` (`Pending`, `Running`, `Failed`, …). */
  phase: string;
  ready: boolean;
  /** ISO 8601 time of the last change of the pod's Ready condition. */
  readySince?: string;
  /** Container restarts, summed over the pod's containers. */
  restarts: number;
  /** Why a container waits, e.g. `CrashLoopBackOff`, `ImagePullBackOff`, `ContainerCreating`. */
  waitingReason?: string;
  lastTermination?: KafkaTerminationStatus;
  volumes: KafkaVolumeStatus[];
  /** Whether the pod runs the current revision of its StatefulSet / StrimziPodSet; absent when not known. */
  currentRevision?: boolean;
  terminating?: boolean;
  nodeName?: string;
  /** This pod's own verdict (`healthy` when ready, on its revision, and not recently failing). */
  health: KafkaHealth;
}

/**
 * What a Kafka node does. `zookeeper` is a member of a ZooKeeper ensemble.
 *
 * @public
 */
export type KafkaNodeRole = 'broker' | 'controller' | 'zookeeper';

/**
 * One broker or controller, by ordinal (CFK) or node id (Strimzi).
 *
 * @public
 */
export interface KafkaNodeStatus extends KafkaPodStatus {
  /** StatefulSet ordinal (CFK) or Kafka node id (Strimzi). */
  id: number;
  roles: KafkaNodeRole[];
  /** Strimzi KafkaNodePool, or the CFK CR (Kafka, KRaftController, Zookeeper) the pod belongs to. */
  pool?: string;
}

/**
 * Brokers or controllers of one Kafka cluster.
 *
 * @public
 */
export interface KafkaNodeGroupStatus {
  /** Replicas asked for in the spec; absent when not known. */
  desired?: number;
  /** Ready members; from the pods when they are watched, else from the operator's status. */
  ready?: number;
  /** The members whose pods were seen, sorted by id. A node may be in both groups (Strimzi dual role). */
  members: KafkaNodeStatus[];
}

/**
 * How the cluster stores its metadata: KRaft, ZooKeeper, or migrating from one to the other.
 *
 * @public
 */
export type KafkaMetadataMode = 'kraft' | 'zookeeper' | 'migrating' | 'unknown';
