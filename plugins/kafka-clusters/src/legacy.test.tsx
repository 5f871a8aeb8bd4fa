import { permissionApiRef } from '@backstage/plugin-permission-react';
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
import { cloneTemplateRouteRef } from './routes';
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

/**
 * Renders an element as an old-system app would place it: routable ones in a `<Route>`.
 * `withScaffolder` binds the clone template's route, as `bindRoutes` would, and adds the
 * permission API an old app's defaults bring.
 */
function renderLegacy(
  element: JSX.Element,
  routed = false,
  withScaffolder = false,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kafkaClustersApiRef, client],
        [catalogApiRef, catalogApiMock()],
        ...(withScaffolder
          ? ([[permissionApiRef, mockApis.permission()]] as const)
          : []),
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
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(withScaffolder
          ? {
              '/create/templates/:namespace/:templateName':
                cloneTemplateRouteRef,
            }
          : {}),
      },
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
    // Unbound, and without a permission API: no Clone, and the tab still renders.
    expect(screen.queryByRole('link', { name: /^Clone/ })).toBeNull();
  });

  it('offers the external route for the clone template, and the tab its Clone action once bound', async () => {
    expect(kafkaClustersPlugin.externalRoutes.cloneTemplate).toBe(
      cloneTemplateRouteRef,
    );
    await renderLegacy(
      <EntityKafkaClustersContent refreshIntervalSeconds={0} />,
      true,
      true,
    );
    expect(
      await screen.findByRole('link', {
        name: 'Clone orders-kafka (prod-eu/orders)',
      }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/kafka-environment-clone?formData=%7B%22service%22%3A%22component%3Adefault%2Forders%22%2C%22source%22%3A%7B%22cluster%22%3A%22prod-eu%22%2C%22namespace%22%3A%22orders%22%2C%22name%22%3A%22orders-kafka%22%7D%7D',
    );
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
