import { KafkaCondition } from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * A `Warning` condition by which Strimzi says a change the user asked for was refused or
 * ignored: the spec says one thing and the cluster runs another. Only these degrade; every other
 * `Warning` is advice (deprecated fields or objects, unknown fields, replication and storage
 * recommendations, the topic operator's throttling note) and is shown without changing the verdict.
 *
 * Each entry names the Strimzi source that writes it, at tags 1.2.0 and 0.51.0 (same code in both
 * unless said). Paths are under `cluster-operator/src/main/java/io/strimzi/operator/cluster/`
 * (`CO`) or `topic-operator/src/main/java/io/strimzi/operator/topic/` (`TO`).
 */
export interface RefusedChangeWarning {
  reason: string;
  /** When the same `reason` is also written as advice, the message that tells this one apart. */
  message?: RegExp;
  what: string;
  source: string;
  fix: string;
}

export const REFUSED_CHANGE_WARNINGS: readonly RefusedChangeWarning[] = [
  {
    reason: 'ScaleDownPreventionCheck',
    what: 'a scale-down or role change of a node pool whose brokers still hold partition replicas was reverted',
    source:
      'CO operator/assembly/KafkaClusterCreator.java (revertScaleDown, revertRoleChange)',
    fix: 'Move the partition replicas off the nodes first (Cruise Control or KafkaRebalance remove-brokers), or restore the replicas / roles of the KafkaNodePool',
  },
  {
    // KafkaSpecChecker.java writes `KafkaStorage` too, as advice (single node on ephemeral
    // storage); only KafkaPool's message says the storage change is ignored.
    reason: 'KafkaStorage',
    message: /storage changes will be ignored|changes which are not allowed/i,
    what: 'a storage change of a node pool is not allowed, so all its storage changes are ignored',
    source: 'CO model/KafkaPool.java (fromCrd, StorageDiff.issuesDetected)',
    fix: 'Revert the storage of the KafkaNodePool to what it was, then change only what Strimzi allows (add or remove JBOD volumes, grow persistent claims, deleteClaim)',
  },
  {
    reason: 'PvcResizingWarning',
    what: 'a persistent volume claim cannot be resized (no storage class, or one without volume expansion)',
    source: 'CO operator/assembly/PvcReconciler.java (resizePvc)',
    fix: 'Use a storage class with allowVolumeExpansion: true, or revert the size in the KafkaNodePool',
  },
  {
    reason: 'MetadataUpdateFailed',
    what: 'the metadata version asked for in spec.kafka.metadataVersion could not be set',
    source: 'CO operator/assembly/KRaftMetadataManager.java',
    fix: 'Check spec.kafka.metadataVersion against the Kafka version, and the cluster operator’s log',
  },
  {
    reason: 'QuotasPluginConflict',
    what: 'the quotas plugin set in spec.kafka.config is ignored in favour of spec.kafka.quotas',
    source: 'CO model/KafkaCluster.java (validateConfigurationOfQuotasPlugin)',
    fix: 'Remove client.quota.callback.class from spec.kafka.config; configure quotas in spec.kafka.quotas only',
  },
  {
    // BatchingTopicController.java writes `InvalidConfig` too, as advice ("may conflict with
    // throttled rebalances"); only this message says the setting is ignored.
    reason: 'InvalidConfig',
    message: /is ignored/i,
    what: 'a topic setting is ignored: the topic operator may not alter it (STRIMZI_ALTERABLE_TOPIC_CONFIG)',
    source: 'TO BatchingTopicController.java (filterOutNonAlterableConfig)',
    fix: 'Remove the setting from spec.config, or allow it in the topic operator’s STRIMZI_ALTERABLE_TOPIC_CONFIG',
  },
  {
    reason: 'RestartConnector',
    what: 'a connector restart asked for by annotation failed or was malformed',
    source:
      'CO operator/assembly/AbstractConnectOperator.java (maybeRestartConnector)',
    fix: 'Check the strimzi.io/restart annotation and that Connect’s REST API answers; Strimzi retries on its next reconcile',
  },
  {
    reason: 'RestartConnectorTask',
    what: 'a connector task restart asked for by annotation failed',
    source:
      'CO operator/assembly/AbstractConnectOperator.java (maybeRestartConnectorTask)',
    fix: 'Check the strimzi.io/restart-task annotation and that Connect’s REST API answers',
  },
  {
    reason: 'ManageOffsets',
    what: 'the connector offsets annotation could not be read',
    source:
      'CO operator/assembly/AbstractConnectOperator.java (manageConnectorOffsets)',
    fix: 'Correct the strimzi.io/connector-offsets annotation (list, alter or reset)',
  },
  {
    reason: 'AlterOffsets',
    what: 'altering the connector’s offsets, as asked by annotation, failed',
    source:
      'CO operator/assembly/AbstractConnectOperator.java (alterConnectorOffsets)',
    fix: 'Check the offsets ConfigMap named in spec.alterOffsets and that the connector is stopped',
  },
  {
    reason: 'ResetOffsets',
    what: 'resetting the connector’s offsets, as asked by annotation, failed',
    source:
      'CO operator/assembly/AbstractConnectOperator.java (resetConnectorOffsets)',
    fix: 'Stop the connector (spec.state: stopped) before resetting its offsets',
  },
];

/** The refused or ignored change a `Warning=True` condition reports, or `undefined` for advice. */
export function refusedChange(
  condition: KafkaCondition,
): RefusedChangeWarning | undefined {
  return REFUSED_CHANGE_WARNINGS.find(
    w =>
      w.reason === condition.reason &&
      (!w.message || w.message.test(condition.message ?? '')),
  );
}
