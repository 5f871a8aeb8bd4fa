import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { RiStackLine } from '@remixicon/react';
import { z } from 'zod/v4';
import { kafkaClustersApiRef, KafkaClustersClient } from './api';
import { isKafkaClustersAvailable } from './entityFilter';
import { rootRouteRef } from './routes';

const DEFAULT_REFRESH_INTERVAL_SECONDS = 30;

// Every view refreshes on its own clock; 0 turns it off (e.g. on wall screens behind a proxy).
const refreshConfig = {
  refreshIntervalSeconds: z
    .number()
    .min(0)
    .default(DEFAULT_REFRESH_INTERVAL_SECONDS),
};

/** `api:kafka-clusters`: the client of the kafka-clusters backend. */
export const kafkaClustersApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kafkaClustersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KafkaClustersClient({ discoveryApi, fetchApi }),
    }),
});

/** `entity-content:kafka-clusters/kafka`: the Kafka tab of entities whose Kafka clusters the backend can find. */
export const kafkaEntityContent = EntityContentBlueprint.makeWithOverrides({
  name: 'kafka',
  configSchema: refreshConfig,
  factory(originalFactory, { config }) {
    return originalFactory({
      path: '/kafka',
      title: 'Kafka',
      filter: isKafkaClustersAvailable,
      loader: () =>
        import('./components/KafkaClustersContent/KafkaClustersContent').then(
          m => (
            <m.KafkaClustersContent
              refreshIntervalSeconds={config.refreshIntervalSeconds}
            />
          ),
        ),
    });
  },
});

/** `entity-card:kafka-clusters/kafka`: the entity's Kafka clusters at a glance, on its overview. */
export const kafkaEntityCard = EntityCardBlueprint.makeWithOverrides({
  name: 'kafka',
  configSchema: refreshConfig,
  factory(originalFactory, { config }) {
    return originalFactory({
      type: 'content',
      filter: isKafkaClustersAvailable,
      loader: () =>
        import('./components/KafkaClustersCard/KafkaClustersCard').then(m => (
          <m.KafkaClustersCard
            refreshIntervalSeconds={config.refreshIntervalSeconds}
          />
        )),
    });
  },
});

/** `page:kafka-clusters`: the Kafka fleet page, in the navigation as "Kafka". */
export const kafkaFleetPage = PageBlueprint.makeWithOverrides({
  configSchema: refreshConfig,
  factory(originalFactory, { config }) {
    return originalFactory({
      path: '/kafka',
      title: 'Kafka',
      icon: <RiStackLine size={20} />,
      routeRef: rootRouteRef,
      loader: () =>
        import('./components/KafkaFleetPage/KafkaFleetPage').then(m => (
          <m.KafkaFleetPage
            refreshIntervalSeconds={config.refreshIntervalSeconds}
          />
        )),
    });
  },
});
