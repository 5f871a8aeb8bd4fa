import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(...createKafkaEnvironmentActions());
      },
    });
  },
});
