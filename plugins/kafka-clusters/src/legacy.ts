import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
} from '@backstage/core-plugin-api';
import { kafkaClustersApiFactory } from './api';
import { cloneTemplateRouteRef } from './routes';

/** The Kafka tab's mount point on entity pages, for apps on the old frontend system. */
const entityContentRouteRef = createRouteRef({
  id: 'kafka-clusters:entity-content',
});

/** The fleet page's mount point, for apps on the old frontend system. */
const fleetPageRouteRef = createRouteRef({ id: 'kafka-clusters:fleet' });

/**
 * The kafka-clusters plugin for apps on the old frontend system. It registers the API
 * client; place {@link EntityKafkaClustersContent}, {@link EntityKafkaClustersCard} and
 * {@link KafkaClustersPage} yourself. Bind `externalRoutes.cloneTemplate` to the
 * scaffolder's `routes.selectedTemplate` for the tab's "Clone" action (hidden unbound).
 *
 * @public
 */
export const kafkaClustersPlugin = createPlugin({
  id: 'kafka-clusters',
  apis: [kafkaClustersApiFactory],
  routes: {
    entityContent: entityContentRouteRef,
    fleetPage: fleetPageRouteRef,
  },
  externalRoutes: {
    cloneTemplate: cloneTemplateRouteRef,
  },
});

/**
 * The Kafka tab, for an `EntityLayout.Route` of an old-system entity page. Props:
 * `refreshIntervalSeconds` (default 30, 0 turns refreshing off).
 *
 * @public
 */
export const EntityKafkaClustersContent = kafkaClustersPlugin.provide(
  createRoutableExtension({
    name: 'EntityKafkaClustersContent',
    mountPoint: entityContentRouteRef,
    component: () =>
      import('./components/KafkaClustersContent/KafkaClustersContent').then(
        m => m.KafkaClustersContent,
      ),
  }),
);

/**
 * The Kafka card, for an old-system entity overview. Props: `refreshIntervalSeconds`
 * (default 30, 0 turns refreshing off) and `tabPath` (default `kafka`), the path the
 * Kafka tab is mounted at below the entity page.
 *
 * @public
 */
export const EntityKafkaClustersCard = kafkaClustersPlugin.provide(
  createComponentExtension({
    name: 'EntityKafkaClustersCard',
    component: {
      lazy: () =>
        import('./components/KafkaClustersCard/KafkaClustersCard').then(
          m => m.KafkaClustersCard,
        ),
    },
  }),
);

/**
 * The Kafka fleet page, for a `<Route>` of an old-system app. Props:
 * `refreshIntervalSeconds` (default 30, 0 turns refreshing off).
 *
 * @public
 */
export const KafkaClustersPage = kafkaClustersPlugin.provide(
  createRoutableExtension({
    name: 'KafkaClustersPage',
    mountPoint: fleetPageRouteRef,
    component: () =>
      import('./components/KafkaFleetPage/KafkaFleetPage').then(
        m => m.KafkaFleetPage,
      ),
  }),
);
