import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { kafkaClustersPermissions } from '@k8s-kafka/plugin-kafka-clusters-common';
import { createRouter } from './service/router';

/**
 * The kafka-clusters backend plugin: Kafka cluster status per entity and for the fleet.
 *
 * @public
 */
export const kafkaClustersPlugin = createBackendPlugin({
  pluginId: 'kafka-clusters',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, permissionsRegistry }) {
        permissionsRegistry.addPermissions(kafkaClustersPermissions);
        httpRouter.use(await createRouter());
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
