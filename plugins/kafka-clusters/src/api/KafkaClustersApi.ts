import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  KafkaClusterRef,
  KafkaClusterResponse,
  KafkaEntityStatusResponse,
  KafkaEnvironmentDeliveriesResponse,
  KafkaFleetResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * Reads the status of Kafka clusters from the kafka-clusters backend plugin.
 *
 * @public
 */
export interface KafkaClustersApi {
  /** The Kafka clusters an entity uses, with the errors of the Kubernetes clusters involved. */
  getEntityStatus(
    entityRef: CompoundEntityRef,
  ): Promise<KafkaEntityStatusResponse>;

  /** Every Kafka cluster of every Kubernetes cluster, and each Kubernetes cluster's cache state. */
  getFleet(): Promise<KafkaFleetResponse>;

  /** One Kafka cluster's full status. */
  getCluster(ref: KafkaClusterRef): Promise<KafkaClusterResponse>;

  /**
   * Dashboard URLs of the Kubernetes clusters, by cluster name, as the Kubernetes plugin
   * knows them (its `dashboardUrl` setting). Empty when that plugin is not installed or
   * does not say.
   */
  getKubernetesDashboards(): Promise<Record<string, string>>;

  /**
   * How this portal can deliver a Kafka environment: a pull request (where a GitHub
   * integration has credentials) and the Kubernetes clusters open to direct apply. What the
   * environment templates' delivery fields offer.
   */
  getEnvironmentDeliveries(): Promise<KafkaEnvironmentDeliveriesResponse>;
}

/**
 * The {@link KafkaClustersApi}.
 *
 * @public
 */
export const kafkaClustersApiRef = createApiRef<KafkaClustersApi>().with({
  id: 'plugin.kafka-clusters.service',
  pluginId: 'kafka-clusters',
});
