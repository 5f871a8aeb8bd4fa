import { KafkaHealth } from './health';

/**
 * A Kubernetes object a reason, an event or a part of the model comes from.
 *
 * @public
 */
export interface KubernetesObjectRef {
  kind: string;
  /** `group/version` of a custom resource, `v1` for core objects; absent when not known. */
  apiVersion?: string;
  namespace: string;
  name: string;
}

/**
 * How loudly to show a reason: `error` for what makes a verdict `degraded` or `unhealthy`,
 * `warning` for what deserves attention without changing it (or makes it `unknown`),
 * `info` for changes in progress and flags such as a paused reconciliation.
 *
 * @public
 */
export type HealthSeverity = 'error' | 'warning' | 'info';

/**
 * Stable machine codes of {@link HealthReason}s, for translations, help links and tests. The
 * README's verdict table says which signal leads to which code.
 *
 * @public
 */
export const HEALTH_REASON_CODES = [
  // The operator's view of the Kafka CR or a component CR.
  'NoStatus',
  'UnknownPhase',
  'Provisioning',
  'SpecNotObserved',
  'RollInProgress',
  'NodePoolScaling',
  'ChangeStuck',
  'ReconcileFailed',
  'StaleOperatorCondition',
  'OperatorWarning',
  'OperatorAdvisory',
  'ClusterNotReady',
  'ReconciliationPaused',
  'MetadataMigration',
  // Brokers, controllers and component replicas as groups.
  'NoReadyBroker',
  'ControllerQuorumLost',
  'BrokersNotReady',
  'ControllersNotReady',
  'ControllersNotFound',
  'ControllersMissing',
  'NodePoolsNotFound',
  'NoReadyReplica',
  'ReplicasNotReady',
  'PodsMissing',
  // Single pods and their volumes.
  'PodCrashLooping',
  'PodImagePullFailed',
  'PodConfigError',
  'PodUnschedulable',
  'PodNotReady',
  'PodFailed',
  'PodRestarted',
  'PodOOMKilled',
  'PvcPending',
  'PvcLost',
  // Application resources: connectors, topics, users, role bindings, links.
  'ResourceFailed',
  'ResourcePending',
  'ResourcePaused',
  'ResourceUnmanaged',
  'ConnectorFailed',
  'ConnectorTaskFailed',
  'ConnectorRestarted',
  'ConnectorRestartLoop',
  'ConnectorTasksNotReady',
  'ReplicasChangeFailed',
  'MirrorTopicFailed',
  'MirrorTopicPending',
  'MirrorTopicUnknown',
  // Freshness of the data itself.
  'DataStale',
  'DataUnreadable',
] as const;

/**
 * One of {@link HEALTH_REASON_CODES}.
 *
 * @public
 */
export type HealthReasonCode = (typeof HEALTH_REASON_CODES)[number];

/**
 * Why a verdict is what it is: what, where, since when, and what to do about it.
 *
 * @public
 */
export interface HealthReason {
  code: HealthReasonCode;
  severity: HealthSeverity;
  /** The verdict this reason alone leads to, for the object whose `reasons` hold it. */
  impact: KafkaHealth;
  /** One sentence, with the numbers that matter (`2/3 brokers ready`). */
  message: string;
  /** Where: the CR, pod or PVC the reason is about. */
  resource: KubernetesObjectRef;
  /** ISO 8601 time since which the reason holds, when the sources tell. */
  since?: string;
  /** A proposed fix, when one is known. */
  fix?: string;
}
