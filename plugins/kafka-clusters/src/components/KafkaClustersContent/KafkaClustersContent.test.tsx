import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { KafkaEntityStatusResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { cfkHealthy, cfkRolling } from '../../__fixtures__/cfk';
import { ordersService } from '../../__fixtures__/entities';
import { fleet, staleStatus } from '../../__fixtures__/fleet';
import { renderEntityView } from '../../__testUtils__/renderEntityView';
import {
  BACKEND,
  entityStatusHandler,
  kubernetesClustersHandler,
} from '../../__testUtils__/server';
import {
  strimziCrashLooping,
  strimziHealthy,
} from '../../__fixtures__/strimzi';
import { KafkaClustersContent } from './KafkaClustersContent';

const server = setupServer();
registerMswTestHooks(server);

const ORDERS_URL = `${BACKEND}/kafka-clusters/entities/default/component/orders`;
const orders = { namespace: 'default', kind: 'component', name: 'orders' };

function response(
  body: Partial<KafkaEntityStatusResponse>,
): KafkaEntityStatusResponse {
  return {
    entityRef: 'component:default/orders',
    health: 'healthy',
    clusters: [],
    errors: [],
    ...body,
  };
}

function renderTab(refreshIntervalSeconds = 0) {
  return renderEntityView(
    <KafkaClustersContent refreshIntervalSeconds={refreshIntervalSeconds} />,
    ordersService,
  );
}

beforeEach(() => server.use(kubernetesClustersHandler()));

describe('KafkaClustersContent', () => {
  it('shows the loading state until the statuses arrive', async () => {
    server.use(
      entityStatusHandler(orders, () =>
        response({ clusters: [strimziHealthy()] }),
      ),
    );
    renderTab();
    expect(screen.getByText('Loading Kafka clusters…')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: /orders-kafka/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Loading Kafka clusters…'),
    ).not.toBeInTheDocument();
  });

  it('says what the verdict covers and what it does not', async () => {
    server.use(
      entityStatusHandler(orders, () =>
        response({ clusters: [strimziHealthy()] }),
      ),
    );
    renderTab();
    expect(
      await screen.findByText(
        /does not cover partition-level data-plane metrics such as under-replicated partitions or consumer lag/,
      ),
    ).toBeInTheDocument();
  });

  it('explains how to connect an entity when no Kafka cluster is found', async () => {
    server.use(entityStatusHandler(orders, () => response({})));
    renderTab();
    expect(
      await screen.findByText('No Kafka cluster found for orders'),
    ).toBeInTheDocument();
    expect(screen.getByText('backstage.io/kubernetes-id')).toBeInTheDocument();
    expect(screen.getByText('k8s-kafka.io/kafka-clusters')).toBeInTheDocument();
    expect(screen.getByText('kafka-cluster')).toBeInTheDocument();
  });

  it('shows the errors of failing Kubernetes clusters beside the Kafka clusters of the others', async () => {
    const { errors } = fleet().kubernetesClusters.find(
      c => c.name === 'dev-ap',
    )!;
    const stale = staleStatus();
    const stagingErrors = fleet().kubernetesClusters.find(
      c => c.name === 'staging',
    )!.errors;
    server.use(
      entityStatusHandler(orders, () =>
        response({
          health: 'unknown',
          clusters: [cfkHealthy(), stale],
          errors: [...errors, ...stagingErrors],
        }),
      ),
    );
    renderTab();

    expect(
      await screen.findByText('Kubernetes cluster dev-ap: unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/connect ECONNREFUSED 10.20.0.1:6443/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Kubernetes cluster staging: not authorized (401)'),
    ).toBeInTheDocument();
    // The healthy cluster of a readable Kubernetes cluster is still there, whole.
    expect(
      screen.getByRole('button', { name: /kafka prod-us \/ confluent/ }),
    ).toBeInTheDocument();
    // The stale one says how old it is and why.
    expect(
      screen.getByText('Stale data: last known 14 min ago'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Its Kubernetes cluster staging reports an error/),
    ).toBeInTheDocument();
  });

  it('opens an unhealthy cluster at once, and leaves healthy ones closed when there are several', async () => {
    server.use(
      entityStatusHandler(orders, () =>
        response({
          health: 'degraded',
          clusters: [cfkHealthy(), strimziCrashLooping()],
        }),
      ),
    );
    renderTab();
    const degraded = await screen.findByRole('button', {
      name: /Degraded orders-kafka/,
    });
    const healthy = screen.getByRole('button', { name: /Healthy kafka/ });
    expect(degraded).toHaveAttribute('aria-expanded', 'true');
    expect(healthy).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens a cluster that turns bad by itself, unless the user closed it', async () => {
    const user = userEvent.setup();
    let degraded = false;
    server.use(
      http.get(ORDERS_URL, () => {
        const clusters = degraded
          ? [cfkRolling(), strimziCrashLooping()]
          : [cfkHealthy(), strimziHealthy()];
        return HttpResponse.json(
          response({ health: degraded ? 'degraded' : 'healthy', clusters }),
        );
      }),
    );
    renderTab(0.5);

    const cfk = await screen.findByRole('button', { name: /kafka prod-us/ });
    await user.click(cfk);
    await user.click(cfk);
    expect(cfk).toHaveAttribute('aria-expanded', 'false');

    degraded = true;
    expect(
      await screen.findByText(/orders-kafka-broker-2 is in CrashLoopBackOff/),
    ).toBeVisible();
    expect(
      screen.getByRole('button', { name: /Degraded orders-kafka/ }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByRole('button', { name: /Degraded kafka prod-us/ }),
    ).toHaveAttribute('aria-expanded', 'false');
  });

  it('keeps the last statuses on screen when a refresh fails, and says how old they are', async () => {
    let calls = 0;
    server.use(
      http.get(ORDERS_URL, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(response({ clusters: [strimziHealthy()] }))
          : HttpResponse.json(
              {
                error: { name: 'Error', message: 'backend restarting' },
                response: { statusCode: 503 },
              },
              { status: 503 },
            );
      }),
    );
    renderTab(0.05);
    expect(
      await screen.findByText(
        /Could not refresh the Kafka clusters; showing what was loaded/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/backend restarting/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /orders-kafka/ }),
    ).toBeInTheDocument();
  });

  it('retries a failed first load on request', async () => {
    let calls = 0;
    server.use(
      http.get(ORDERS_URL, () => {
        calls += 1;
        return calls === 1
          ? new HttpResponse(null, { status: 502, statusText: 'Bad Gateway' })
          : HttpResponse.json(response({ clusters: [strimziHealthy()] }));
      }),
    );
    renderTab();
    expect(
      await screen.findByText('Could not load the Kafka clusters'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('button', { name: /orders-kafka/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Could not load the Kafka clusters'),
    ).not.toBeInTheDocument();
  });

  it('refreshes without losing the open panels, the selected tab, the filter or the sort order', async () => {
    const user = userEvent.setup();
    const before = [cfkHealthy(), strimziHealthy()];
    const after = [cfkHealthy(), strimziCrashLooping()];
    let calls = 0;
    let serveUpdate = false;
    server.use(
      http.get(ORDERS_URL, () => {
        calls += 1;
        const clusters = serveUpdate ? after : before;
        return HttpResponse.json(
          response({ health: clusters[1].health, clusters }),
        );
      }),
    );
    renderTab(0.5);

    // Two healthy clusters start closed; the user opens one and works in its topics.
    const ordersPanel = await screen.findByRole('button', {
      name: /orders-kafka/,
    });
    expect(ordersPanel).toHaveAttribute('aria-expanded', 'false');
    await user.click(ordersPanel);
    await user.click(screen.getByRole('tab', { name: /Topics/ }));
    await user.click(screen.getByRole('searchbox', { name: 'Filter topics' }));
    await user.paste('orders');
    await user.click(screen.getByRole('columnheader', { name: 'Partitions' }));
    const topicNames = () =>
      within(screen.getByRole('grid'))
        .getAllByRole('rowheader')
        .map(cell => cell.textContent);
    await waitFor(() => expect(topicNames()).toEqual(['orders-dlq', 'orders']));

    serveUpdate = true;
    const callsBefore = calls;
    expect(
      await screen.findByText(/orders-kafka-broker-2 is in CrashLoopBackOff/),
    ).toBeInTheDocument();
    expect(calls).toBeGreaterThan(callsBefore);

    expect(
      screen.getByRole('button', { name: /Degraded orders-kafka/ }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByRole('button', { name: /Healthy kafka/ }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('tab', { name: /Topics/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      screen.getByRole('searchbox', { name: 'Filter topics' }),
    ).toHaveValue('orders');
    expect(topicNames()).toEqual(['orders-dlq', 'orders']);
    // Each step re-renders react-aria tables in jsdom, which is slow; the browser is not.
  }, 20_000);
});
