import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { createKubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { KafkaClusterEntityProvider } from './provider/KafkaClusterEntityProvider';

/**
 * Catalog module adding {@link KafkaClusterEntityProvider}: the Kafka clusters (and optionally
 * topics) of the configured Kubernetes clusters as Resource entities.
 *
 * @public
 */
export const catalogModuleKafkaClusterEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kafka-cluster-entity-provider',
  register(env) {
    env.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({
        catalogProcessing,
        config,
        logger,
        scheduler,
        auth,
        catalog,
      }) {
        const clusters = createKubernetesClusterAccess({
          config,
          logger,
          auth,
          catalog,
        });
        catalogProcessing.addEntityProvider(
          KafkaClusterEntityProvider.fromConfig(config, {
            logger,
            scheduler,
            auth,
            catalog,
            clusters,
          }),
        );
      },
    });
  },
});
