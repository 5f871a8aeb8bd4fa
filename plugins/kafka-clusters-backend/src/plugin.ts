import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { kafkaClustersPermissions } from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  createKubernetesClusterAccess,
  defaultOperatorAdapters,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { registerKafkaClustersActions } from './actions';
import { createFleetCache } from './service/cache/fleetCache';
import { readFleetCacheSettings } from './service/config';
import { createEnvironmentDeliveriesService } from './service/environments/deliveries';
import { createEnvironmentsRouter } from './service/environments/router';
import { createRouter } from './service/router';
import { createPluginMetrics } from './service/metrics';
import { createKafkaStatusService } from './service/statusService';

/**
 * The kafka-clusters backend plugin: Kafka cluster status per entity and for the fleet, and
 * what the environment templates' forms may offer.
 *
 * @public
 */
export const kafkaClustersPlugin = createBackendPlugin({
  pluginId: 'kafka-clusters',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        // As the catalog and the scaffolder take it: OpenTelemetry, exported by whatever SDK
        // the backend's instrumentation sets up (none: the metrics cost nothing).
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const {
          config,
          logger,
          auth,
          httpAuth,
          httpRouter,
          lifecycle,
          catalog,
        } = deps;
        deps.permissionsRegistry.addPermissions(kafkaClustersPermissions);

        const settings = readFleetCacheSettings(config);
        const metrics = createPluginMetrics(deps.metrics);
        const clusters = createKubernetesClusterAccess({
          config,
          logger,
          auth,
          catalog,
        });
        const fleet = createFleetCache({
          config,
          logger,
          auth,
          catalog,
          clusters,
          adapters: defaultOperatorAdapters,
          settings,
          events: metrics.cacheEvents,
        });
        const stopObserving = metrics.observeFleet({
          fleet,
          thresholds: settings.thresholds,
        });
        lifecycle.addStartupHook(() => fleet.start());
        lifecycle.addShutdownHook(() => {
          stopObserving();
          fleet.stop();
        });

        const statusService = createKafkaStatusService({
          fleet,
          catalog,
          permissions: deps.permissions,
          cache: deps.cache,
          logger,
          thresholds: settings.thresholds,
        });
        // Before the routers, to time every request they answer.
        httpRouter.use(metrics.requestDuration);
        httpRouter.use(await createRouter({ httpAuth, statusService }));
        httpRouter.use(
          await createEnvironmentsRouter({
            httpAuth,
            deliveries: createEnvironmentDeliveriesService({
              config,
              clusters,
              permissions: deps.permissions,
              logger,
            }),
          }),
        );
        registerKafkaClustersActions({
          actionsRegistry: deps.actionsRegistry,
          statusService,
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
