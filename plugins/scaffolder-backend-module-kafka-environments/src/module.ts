import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createKubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { createKafkaEnvironmentActions } from './actions';

/**
 * Adds the `kafka:environment:*` actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleKafkaEnvironments = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kafka-environments',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, logger, auth, catalog }) {
        // Built once and handed to every action that reads or writes a cluster.
        const clusters = createKubernetesClusterAccess({
          config,
          logger,
          auth,
          catalog,
        });
        scaffolder.addActions(...createKafkaEnvironmentActions({ clusters }));
      },
    });
  },
});
