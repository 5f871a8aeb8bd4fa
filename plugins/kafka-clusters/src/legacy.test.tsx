import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { setupServer } from 'msw/node';
import { ordersService } from './__fixtures__/entities';
import { fleet } from './__fixtures__/fleet';
import {
  entityStatusHandler,
  fleetHandler,
  kubernetesClustersHandler,
} from './__testUtils__/server';
import { strimziCrashLooping } from './__fixtures__/strimzi';
import { KafkaClustersClient } from './api';
import {
  EntityKafkaClustersCard,
  EntityKafkaClustersContent,
  kafkaClustersApiFactory,
  kafkaClustersApiRef,
  kafkaClustersPlugin,
  KafkaClustersPage,
} from './index';

const server = setupServer();
registerMswTestHooks(server);

// The API factory as an old-system app would run it.
const client = kafkaClustersApiFactory.factory({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: { fetch: (...args: Parameters<typeof fetch>) => fetch(...args) },
});

/** Renders an element as an old-system app would place it: routable ones in a `<Route>`. */
function renderLegacy(element: JSX.Element, routed = false) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kafkaClustersApiRef, client],
        [catalogApiRef, catalogApiMock()],
      ]}
    >
      <EntityProvider entity={ordersService}>
        {routed ? (
          <Routes>
            <Route path="/kafka" element={element} />
          </Routes>
        ) : (
          element
        )}
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: ['/kafka'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

beforeEach(() => {
  server.use(
    entityStatusHandler(
      { namespace: 'default', kind: 'component', name: 'orders' },
      () => ({
        entityRef: 'component:default/orders',
        health: 'degraded',
        clusters: [strimziCrashLooping()],
        errors: [],
      }),
    ),
    fleetHandler(fleet),
    kubernetesClustersHandler(),
  );
});

describe('exports for apps on the old frontend system', () => {
  it('registers the API client through the legacy plugin', () => {
    expect(kafkaClustersPlugin.getId()).toBe('kafka-clusters');
    const factories = [...kafkaClustersPlugin.getApis()];
    expect(factories.map(f => f.api.id)).toEqual([
      'plugin.kafka-clusters.service',
    ]);
    expect(client).toBeInstanceOf(KafkaClustersClient);
  });

  it('renders the Kafka tab', async () => {
    await renderLegacy(
      <EntityKafkaClustersContent refreshIntervalSeconds={0} />,
      true,
    );
    expect(
      await screen.findByRole('button', { name: /Degraded orders-kafka/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/orders-kafka-broker-2 is in CrashLoopBackOff/),
    ).toBeInTheDocument();
  });

  it('renders the Kafka card', async () => {
    await renderLegacy(<EntityKafkaClustersCard refreshIntervalSeconds={0} />);
    const list = await screen.findByRole('list', { name: 'Kafka clusters' });
    expect(within(list).getByText('Brokers 2/3 ready')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Kafka details' })).toHaveAttribute(
      'href',
      '/catalog/default/component/orders/kafka',
    );
  });

  it('renders the fleet page', async () => {
    await renderLegacy(<KafkaClustersPage refreshIntervalSeconds={0} />, true);
    expect(
      await screen.findByRole('heading', { name: 'Kubernetes clusters' }),
    ).toBeInTheDocument();
    expect(screen.getByText('billing-kafka')).toBeInTheDocument();
  });
});
