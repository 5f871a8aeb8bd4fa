import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the status of Kafka clusters: an entity's, one cluster's, or the fleet's.
 *
 * @public
 */
export const kafkaClustersStatusReadPermission = createPermission({
  name: 'kafka-clusters.status.read',
  attributes: { action: 'read' },
});

/**
 * The resource type of {@link kafkaEnvironmentApplyPermission}: where an environment is applied,
 * one Kubernetes cluster and namespace (`{ cluster, namespace }`).
 *
 * @public
 */
export const KAFKA_ENVIRONMENT_TARGET_RESOURCE_TYPE =
  'kafka-environment-target';

/**
 * Applying an environment's resources directly to a Kubernetes cluster
 * (`kafka:environment:apply`). A resource permission on the target, a Kubernetes cluster and
 * namespace: a conditional policy can allow some clusters and namespaces and deny the rest
 * (the rules are the scaffolder module's, `kafkaEnvironmentTargetConditions`).
 *
 * @public
 */
export const kafkaEnvironmentApplyPermission = createPermission({
  name: 'kafka-clusters.environment.apply',
  attributes: { action: 'update' },
  resourceType: KAFKA_ENVIRONMENT_TARGET_RESOURCE_TYPE,
});

/**
 * Every permission of the kafka-clusters backend plugin, for registration with the permission
 * framework. {@link kafkaEnvironmentApplyPermission} is registered by the scaffolder module,
 * with its resource type and rules.
 *
 * @public
 */
export const kafkaClustersPermissions = [kafkaClustersStatusReadPermission];
