import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createKubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { kafkaEnvironmentApplyPermission } from '@k8s-kafka/plugin-kafka-clusters-common';
import { createKafkaEnvironmentActions } from './actions';
import { readEnvironmentsConfig } from './environments/config';
import { createKafkaEnvironmentApplyAction } from './actions/applyEnvironment';
import {
  kafkaEnvironmentTargetResourceRef,
  kafkaEnvironmentTargetRules,
} from './actions/applyEnvironmentPermissions';

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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
      },
      async init({
        scaffolder,
        config,
        logger,
        auth,
        catalog,
        permissions,
        permissionsRegistry,
        auditor,
        discovery,
      }) {
        // Built once and handed to every action that reads or writes a cluster.
        const clusters = createKubernetesClusterAccess({
          config,
          logger,
          auth,
          catalog,
        });
        // kafka-clusters.environment.apply, on a { cluster, namespace } target (`<cluster>/<namespace>`).
        permissionsRegistry.addResourceType({
          resourceRef: kafkaEnvironmentTargetResourceRef,
          permissions: [kafkaEnvironmentApplyPermission],
          rules: Object.values(kafkaEnvironmentTargetRules),
          getResources: async refs =>
            refs.map(ref => {
              const [cluster, namespace, ...rest] = ref.split('/');
              return cluster && namespace && rest.length === 0
                ? { cluster, namespace }
                : undefined;
            }),
        });
        scaffolder.addActions(
          ...createKafkaEnvironmentActions({
            clusters,
            environments: readEnvironmentsConfig(config),
          }),
          createKafkaEnvironmentApplyAction({
            clusters,
            config,
            permissions,
            auditor,
            discovery,
            auth,
            rules: permissionsRegistry.getPermissionRuleset(
              kafkaEnvironmentTargetResourceRef,
            ),
          }),
        );
      },
    });
  },
});
