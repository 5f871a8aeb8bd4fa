import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { KafkaEntityStatusResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { cfkHealthy } from '../../__fixtures__/cfk';
import { ordersService, paymentsService } from '../../__fixtures__/entities';
import { Entity } from '@backstage/catalog-model';
import { fleet } from '../../__fixtures__/fleet';
import { BACKEND, entityStatusHandler } from '../../__testUtils__/server';
import { strimziCrashLooping } from '../../__fixtures__/strimzi';
import { testAppOptions } from '../../__testUtils__/testApp';
import { ago, MINUTE } from '../../__fixtures__/time';
import { KafkaClustersCard } from './KafkaClustersCard';

const server = setupServer();
registerMswTestHooks(server);

const orders = { namespace: 'default', kind: 'component', name: 'orders' };

function serve(body: Partial<KafkaEntityStatusResponse>) {
  server.use(
    entityStatusHandler(orders, () => ({
      entityRef: 'component:default/orders',
      health: 'healthy',
      clusters: [],
      errors: [],
      ...body,
    })),
  );
}

async function renderCard(entity: Entity = ordersService) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <KafkaClustersCard refreshIntervalSeconds={0} />
    </EntityProvider>,
    testAppOptions(),
  );
}

describe('KafkaClustersCard', () => {
  it('shows one line per cluster, worst first, with the verdict in words and the main reason', async () => {
    serve({
      health: 'degraded',
      clusters: [cfkHealthy(), strimziCrashLooping()],
    });
    await renderCard();

    const list = await screen.findByRole('list', { name: 'Kafka clusters' });
    const [first, second] = within(list).getAllByRole('listitem');

    expect(within(first).getByText('Degraded')).toBeInTheDocument();
    expect(within(first).getByText('orders-kafka')).toBeInTheDocument();
    expect(within(first).getByText('prod-eu / orders')).toBeInTheDocument();
    expect(within(first).getByText('Brokers 2/3 ready')).toBeInTheDocument();
    expect(
      within(first).getByText(/orders-kafka-broker-2 is in CrashLoopBackOff/),
    ).toBeInTheDocument();

    // A CFK cluster, healthy: the verdict word, and no reason to name.
    expect(within(second).getByText('Healthy')).toBeInTheDocument();
    expect(within(second).getByText('kafka')).toBeInTheDocument();
    expect(within(second).getByText('prod-us / confluent')).toBeInTheDocument();
    expect(within(second).getByText('Brokers 3/3 ready')).toBeInTheDocument();
    expect(within(second).queryByText(/Error|Warning/)).not.toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Kafka details' })).toHaveAttribute(
      'href',
      '/catalog/default/component/orders/kafka',
    );
  });

  it('marks stale data with its age', async () => {
    const stale = {
      ...cfkHealthy(),
      health: 'unknown' as const,
      freshness: {
        observedAt: ago(14 * MINUTE),
        ageSeconds: 14 * MINUTE,
        stale: true,
      },
    };
    serve({ health: 'unknown', clusters: [stale] });
    await renderCard();
    expect(await screen.findByText('Stale: 14 min old')).toBeInTheDocument();
    expect(screen.getAllByText('Unknown')).not.toHaveLength(0);
  });

  it('shows a failing Kubernetes cluster beside the clusters it could read', async () => {
    const [unreachable] = fleet().kubernetesClusters[3].errors;
    serve({
      health: 'healthy',
      clusters: [cfkHealthy()],
      errors: [unreachable],
    });
    await renderCard();
    expect(
      await screen.findByText('Kubernetes cluster dev-ap: unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Kafka clusters' }),
    ).toHaveTextContent('kafka');
  });

  it('says when an entity annotated for Kafka has no Kafka cluster', async () => {
    serve({});
    await renderCard();
    expect(
      await screen.findByText('No Kafka cluster found for this entity.'),
    ).toBeInTheDocument();
  });

  it('stays away from an entity whose only Resource dependency is not a Kafka cluster', async () => {
    server.use(
      entityStatusHandler(
        { namespace: 'default', kind: 'component', name: 'payments' },
        () => ({
          entityRef: 'component:default/payments',
          health: 'unknown',
          clusters: [],
          errors: [],
        }),
      ),
    );
    await renderCard(paymentsService);
    await waitFor(() =>
      expect(
        screen.queryByText('Loading Kafka clusters…'),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('heading', { name: 'Kafka' }),
    ).not.toBeInTheDocument();
  });

  it('shows the loading state, then the backend error with a retry', async () => {
    server.use(
      http.get(
        `${BACKEND}/kafka-clusters/entities/default/component/orders`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotAllowedError',
                message: 'You may not read Kafka statuses',
              },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
      ),
    );
    await renderCard();
    expect(screen.getByText('Loading Kafka clusters…')).toBeInTheDocument();
    expect(
      await screen.findByText('Could not load the Kafka clusters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/You may not read Kafka statuses/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
