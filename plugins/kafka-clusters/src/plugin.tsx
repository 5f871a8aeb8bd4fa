import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isKafkaClustersAvailable } from './entityFilter';

/** The "Kafka" tab on catalog entities whose Kafka clusters the backend can find. */
export const kafkaEntityContent = EntityContentBlueprint.make({
  name: 'kafka',
  params: {
    path: '/kafka',
    title: 'Kafka',
    filter: isKafkaClustersAvailable,
    loader: () =>
      import('./components/KafkaClustersContent').then(m => (
        <m.KafkaClustersContent />
      )),
  },
});

/**
 * The kafka-clusters frontend plugin (new frontend system).
 *
 * @public
 */
export const kafkaClustersPlugin = createFrontendPlugin({
  pluginId: 'kafka-clusters',
  extensions: [kafkaEntityContent],
});
