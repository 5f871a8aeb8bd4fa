import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  kafkaClustersApi,
  kafkaEntityCard,
  kafkaEntityContent,
  kafkaFleetPage,
} from './extensions';
import { rootRouteRef } from './routes';

/**
 * The kafka-clusters frontend plugin for the new frontend system: the Kafka tab and card
 * on catalog entities, the Kafka fleet page, and the API client.
 *
 * @public
 */
export const kafkaClustersFrontendPlugin = createFrontendPlugin({
  pluginId: 'kafka-clusters',
  title: 'Kafka',
  extensions: [
    kafkaClustersApi,
    kafkaEntityContent,
    kafkaEntityCard,
    kafkaFleetPage,
  ],
  routes: { root: rootRouteRef },
});
