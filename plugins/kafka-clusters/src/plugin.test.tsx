import {
  createExtensionTester,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { ordersService, websiteService } from './__fixtures__/entities';
import { fleet } from './__fixtures__/fleet';
import {
  entityStatusHandler,
  fleetHandler,
  kubernetesClustersHandler,
} from './__testUtils__/server';
import { strimziCrashLooping } from './__fixtures__/strimzi';
import { testAppOptions } from './__testUtils__/testApp';
import {
  kafkaClustersApi,
  kafkaEntityCard,
  kafkaEntityContent,
  kafkaFleetPage,
} from './extensions';
import kafkaClustersPlugin from './index';

const server = setupServer();
registerMswTestHooks(server);

const orders = { namespace: 'default', kind: 'component', name: 'orders' };

beforeEach(() => {
  server.use(
    entityStatusHandler(orders, () => ({
      entityRef: 'component:default/orders',
      health: 'degraded',
      clusters: [strimziCrashLooping()],
      errors: [],
    })),
    fleetHandler(fleet),
    kubernetesClustersHandler(),
  );
});

describe('kafka-clusters frontend plugin (new frontend system)', () => {
  it('is the default export, with the API, the tab, the card and the fleet page', () => {
    expect(kafkaClustersPlugin.pluginId).toBe('kafka-clusters');
    for (const id of [
      'api:kafka-clusters',
      'entity-content:kafka-clusters/kafka',
      'entity-card:kafka-clusters/kafka',
      'page:kafka-clusters',
    ]) {
      expect(kafkaClustersPlugin.getExtension(id as never)).toBeDefined();
    }
  });

  it('offers the tab and the card only for entities whose Kafka clusters can be found', () => {
    const content = createExtensionTester(kafkaEntityContent);
    const contentFilter = content.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(contentFilter(ordersService)).toBe(true);
    expect(contentFilter(websiteService)).toBe(false);

    const card = createExtensionTester(kafkaEntityCard);
    const cardFilter = card.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(cardFilter(ordersService)).toBe(true);
    expect(cardFilter(websiteService)).toBe(false);
    expect(card.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
  });

  it('mounts the Kafka tab at /kafka of an entity page, through the registered API', async () => {
    const content = createExtensionTester(kafkaEntityContent);
    expect(content.get(coreExtensionData.routePath)).toBe('/kafka');

    renderTestApp({
      ...testAppOptions([], { withClient: false }),
      extensions: [
        createTestEntityPage({ entity: ordersService }),
        kafkaEntityContent,
        kafkaClustersApi,
      ],
    });
    expect(
      await screen.findByRole('heading', { name: 'Kafka clusters' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/orders-kafka-broker-2 is in CrashLoopBackOff/),
    ).toBeInTheDocument();
  });

  it("binds the tab's Clone to the scaffolder's template page by default, in an app with the scaffolder", async () => {
    renderTestApp({
      ...testAppOptions([], { withClient: false }),
      features: [scaffolderPlugin],
      extensions: [
        createTestEntityPage({ entity: ordersService }),
        kafkaEntityContent,
        kafkaClustersApi,
      ],
    });
    const link = await screen.findByRole('link', {
      name: 'Clone orders-kafka (prod-eu/orders)',
    });
    expect(link.getAttribute('href')).toMatch(
      /^\/create\/templates\/default\/kafka-environment-clone\?formData=/,
    );
  });

  it('mounts the card on an entity page', async () => {
    renderTestApp({
      ...testAppOptions([], { withClient: false }),
      extensions: [
        createTestEntityPage({ entity: ordersService }),
        kafkaEntityCard,
        kafkaClustersApi,
      ],
    });
    expect(
      await screen.findByRole('heading', { name: 'Kafka' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Brokers 2/3 ready')).toBeInTheDocument();
  });

  it('puts the fleet page in the navigation as "Kafka" and renders it at /kafka', async () => {
    const page = createExtensionTester(kafkaFleetPage);
    expect(page.get(coreExtensionData.routePath)).toBe('/kafka');
    expect(page.get(coreExtensionData.title)).toBe('Kafka');
    expect(page.get(coreExtensionData.icon)).toBeDefined();
    expect(page.get(coreExtensionData.routeRef)).toBeDefined();

    renderTestApp({
      ...testAppOptions([], { withClient: false }),
      features: [kafkaClustersPlugin],
      initialRouteEntries: ['/kafka'],
    });
    expect(
      await screen.findByRole('heading', { name: 'Kubernetes clusters' }),
    ).toBeInTheDocument();
    expect(screen.getByText('billing-kafka')).toBeInTheDocument();
    const navLinks = screen.getAllByRole('link', { name: 'Kafka' });
    expect(navLinks.some(link => link.getAttribute('href') === '/kafka')).toBe(
      true,
    );
  });

  it('passes refreshIntervalSeconds from the app config to the view', async () => {
    let requests = 0;
    server.use(
      fleetHandler(() => {
        requests += 1;
        return fleet();
      }),
    );
    renderTestApp({
      ...testAppOptions([], { withClient: false }),
      features: [kafkaClustersPlugin],
      initialRouteEntries: ['/kafka'],
      config: {
        app: {
          baseUrl: 'http://localhost:3000',
          extensions: [
            {
              'page:kafka-clusters': {
                config: { refreshIntervalSeconds: 0.05 },
              },
            },
          ],
        },
        backend: { baseUrl: 'http://localhost:7007' },
      },
    });
    await screen.findByText('billing-kafka');
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(requests).toBeGreaterThan(2);
  });
});
