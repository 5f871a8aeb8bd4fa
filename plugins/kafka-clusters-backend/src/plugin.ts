import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { kafkaClustersPermissions } from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  createKubernetesClusterAccess,
  defaultOperatorAdapters,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { registerKafkaClustersActions } from './actions';
import { createFleetCache } from './service/cache/fleetCache';
import { createServedStatuses } from './service/aging';
import {
  readFleetCacheSettings,
  readOwnerNotificationSettings,
} from './service/config';
import { createEpisodeStore } from './service/live/episodes';
import {
  createOwnerNotifier,
  OWNER_CHECK_EVERY_MS,
} from './service/live/ownerNotifications';
import { runEvery } from './service/live/runEvery';
import {
  createStatusSignalPublisher,
  SIGNAL_CHECK_EVERY_MS,
} from './service/live/statusSignals';
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
        database: coreServices.database,
        catalog: catalogServiceRef,
        // Without the signals backend a publish reaches nobody, and clients poll.
        signals: signalsServiceRef,
        notifications: notificationService,
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
        const served = createServedStatuses({
          fleet,
          thresholds: settings.thresholds,
        });
        const episodes = await createEpisodeStore(
          await deps.database.getClient(),
        );
        const stops: (() => void)[] = [stopObserving];
        lifecycle.addStartupHook(async () => {
          await fleet.start();
          const signals = createStatusSignalPublisher({
            fleet,
            served,
            signals: deps.signals,
            logger,
          });
          const owners = createOwnerNotifier({
            served,
            episodes,
            notifications: deps.notifications,
            catalog,
            auth,
            logger,
            settings: readOwnerNotificationSettings(config),
          });
          stops.push(
            runEvery(SIGNAL_CHECK_EVERY_MS, signals.check, error =>
              logger.warn(`Cannot publish the Kafka status signal: ${error}`),
            ),
            runEvery(OWNER_CHECK_EVERY_MS, owners.check, error =>
              logger.warn(
                `Cannot check Kafka clusters for owner notifications: ${error}`,
              ),
            ),
          );
        });
        lifecycle.addShutdownHook(() => {
          for (const stop of stops) stop();
          fleet.stop();
        });

        const statusService = createKafkaStatusService({
          fleet,
          catalog,
          permissions: deps.permissions,
          cache: deps.cache,
          logger,
          served,
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
