import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  kafkaClustersApi,
  kafkaEntityCard,
  kafkaEntityContent,
  kafkaFleetPage,
} from './extensions';
import { cloneTemplateRouteRef, rootRouteRef } from './routes';

/**
 * The kafka-clusters frontend plugin for the new frontend system: the Kafka tab and card
 * on catalog entities, the Kafka fleet page, and the API client. Its external route
 * `cloneTemplate` (the tab's "Clone") binds to `scaffolder.selectedTemplate` by default.
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
  externalRoutes: { cloneTemplate: cloneTemplateRouteRef },
});
