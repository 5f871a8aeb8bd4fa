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
 * Every permission of the kafka-clusters plugins, for registration with the permission framework.
 *
 * @public
 */
export const kafkaClustersPermissions = [kafkaClustersStatusReadPermission];
