import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  KafkaFleetResponse,
  summarizeKafkaCluster,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  ledgerService,
  ordersKafkaResource,
  paymentsKafkaResource,
} from '../../__fixtures__/entities';
import { fleet } from '../../__fixtures__/fleet';
import { BACKEND, fleetHandler } from '../../__testUtils__/server';
import { strimziHealthy } from '../../__fixtures__/strimzi';
import { testAppOptions } from '../../__testUtils__/testApp';
import { KafkaFleetPage } from './KafkaFleetPage';

// Filtering re-renders react-aria tables, which jsdom does slowly.
jest.setTimeout(20_000);

const server = setupServer();
registerMswTestHooks(server);

function renderPage(refreshIntervalSeconds = 0) {
  return renderInTestApp(
    <KafkaFleetPage refreshIntervalSeconds={refreshIntervalSeconds} />,
    testAppOptions([ordersKafkaResource, paymentsKafkaResource, ledgerService]),
  );
}

function kafkaTable() {
  return within(
    screen.getByRole('region', { name: 'Kafka clusters' }),
  ).getByRole('grid');
}

function kafkaRows() {
  return within(kafkaTable())
    .getAllByRole('rowheader')
    .map(cell => cell.textContent);
}

async function choose(filter: string, option: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(filter) }),
  );
  await userEvent.click(screen.getByRole('option', { name: option }));
}

describe('KafkaFleetPage', () => {
  it('lists every Kafka cluster of every Kubernetes cluster, unhealthy first', async () => {
    server.use(fleetHandler(fleet));
    await renderPage();
    expect(screen.getByText('Loading the Kafka fleet…')).toBeInTheDocument();

    await screen.findByRole('region', { name: 'Kafka clusters' });
    // The catalog answers after the fleet; its entities then link the names.
    await waitFor(() => expect(kafkaRows()).toContain('orders-kafka'));
    expect(kafkaRows()).toEqual([
      'kafkaNo catalog entity',
      'billing-kafkaNo catalog entity',
      'ledger-kafkavia ledger',
      'search-kafkaNo catalog entity',
      'orders-kafka',
      'kafka',
    ]);
    const byVerdict = screen.getByRole('list', {
      name: 'Kafka clusters by verdict',
    });
    expect(byVerdict).toHaveTextContent('1Unhealthy2Degraded1Unknown2Healthy');

    const legacy = within(kafkaTable()).getAllByRole('row')[1];
    expect(legacy).toHaveTextContent('Unhealthy');
    expect(legacy).toHaveTextContent('prod-uslegacy');
    expect(legacy).toHaveTextContent('Confluent for Kubernetes');
    expect(legacy).toHaveTextContent(
      '1/3 ZooKeeper nodes ready, below the quorum of 2',
    );
    expect(legacy).toHaveTextContent('1 more on its Kafka tab');

    const stale = within(kafkaTable()).getByRole('row', {
      name: /search-kafka/,
    });
    expect(stale).toHaveTextContent('Stale: 14 min old');
    expect(stale).toHaveTextContent('Unknown');
  });

  it('links each cluster to its catalog entity: its kafka-cluster Resource, else the entity its labels name', async () => {
    server.use(fleetHandler(fleet));
    await renderPage();
    await screen.findByRole('region', { name: 'Kafka clusters' });
    expect(
      await within(kafkaTable()).findByRole('link', { name: 'orders-kafka' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod-eu_orders_orders-kafka',
    );
    expect(
      within(kafkaTable()).getByRole('link', { name: 'kafka' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod-us_confluent_kafka',
    );
    expect(
      within(kafkaTable()).getByRole('link', { name: 'ledger-kafka' }),
    ).toHaveAttribute('href', '/catalog/default/component/ledger');
    expect(
      within(kafkaTable()).queryByRole('link', { name: 'billing-kafka' }),
    ).not.toBeInTheDocument();
  });

  it('filters by verdict, operator and Kubernetes cluster', async () => {
    server.use(fleetHandler(fleet));
    await renderPage();
    await screen.findByRole('region', { name: 'Kafka clusters' });

    await choose('Verdict', 'Degraded');
    expect(kafkaRows()).toEqual([
      'billing-kafkaNo catalog entity',
      'ledger-kafkavia ledger',
    ]);

    await choose('Verdict', 'All verdicts');
    await choose('Operator', 'Strimzi');
    expect(kafkaRows()).toEqual([
      'billing-kafkaNo catalog entity',
      'search-kafkaNo catalog entity',
      'orders-kafka',
    ]);

    await choose('Operator', 'All operators');
    await choose('Kubernetes cluster', 'prod-us');
    expect(kafkaRows()).toEqual([
      'kafkaNo catalog entity',
      'ledger-kafkavia ledger',
      'kafka',
    ]);
  });

  it('shows the Kubernetes clusters with their cache state, operators and errors', async () => {
    server.use(fleetHandler(fleet));
    await renderPage();
    const region = await screen.findByRole('region', {
      name: 'Kubernetes clusters',
    });
    const row = (name: RegExp) => within(region).getByRole('row', { name });

    expect(row(/Production EU/)).toHaveTextContent('Synced');
    expect(row(/Production EU/)).toHaveTextContent('Strimzi (v1)');
    expect(row(/prod-us/)).toHaveTextContent('CFK (v1beta1)');
    expect(row(/staging/)).toHaveTextContent(
      'Stale: reads failing, data ageing',
    );
    expect(row(/staging/)).toHaveTextContent(
      'unauthorized: The service account token was rejected (401 Unauthorized) (since 14 min ago)',
    );
    expect(row(/dev-ap/)).toHaveTextContent('Failed: nothing could be read');
    expect(row(/dev-ap/)).toHaveTextContent('Never');
    expect(row(/dev-ap/)).toHaveTextContent('None found');
    expect(row(/dev-ap/)).toHaveTextContent(
      'unreachable: connect ECONNREFUSED 10.20.0.1:6443 (since 2 h ago)',
    );
  });

  it('says when no Kubernetes cluster has a Kafka cluster', async () => {
    server.use(fleetHandler(() => ({ ...fleet(), clusters: [] })));
    await renderPage();
    expect(
      await screen.findByText(
        'No Kafka cluster found on any Kubernetes cluster',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Kubernetes clusters' }),
    ).toHaveTextContent('dev-ap');
  });

  it('reports a failed load', async () => {
    server.use(
      http.get(`${BACKEND}/kafka-clusters/clusters`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText('Could not load the Kafka fleet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Unauthorized (Request failed with 403 Forbidden)'),
    ).toBeInTheDocument();
  });

  it('refreshes without losing the filters or the sort order', async () => {
    const user = userEvent.setup();
    let recovered = false;
    server.use(
      fleetHandler(() => {
        const response: KafkaFleetResponse = fleet();
        if (recovered) {
          response.clusters = response.clusters.map(summary =>
            summary.ref.name === 'billing-kafka'
              ? summarizeKafkaCluster({
                  ...strimziHealthy(),
                  ref: summary.ref,
                  labels: {},
                })
              : summary,
          );
        }
        return response;
      }),
    );
    await renderPage(0.5);
    await screen.findByRole('region', { name: 'Kafka clusters' });

    await choose('Operator', 'Strimzi');
    await user.click(
      within(kafkaTable()).getByRole('columnheader', { name: 'Kafka cluster' }),
    );
    expect(kafkaRows()).toEqual([
      'billing-kafkaNo catalog entity',
      'orders-kafka',
      'search-kafkaNo catalog entity',
    ]);
    const billing = () =>
      within(kafkaTable()).getByRole('row', { name: /billing-kafka/ });
    expect(billing()).toHaveTextContent('Degraded');

    recovered = true;
    await waitFor(() => expect(billing()).toHaveTextContent('Healthy'), {
      timeout: 2000,
    });
    expect(kafkaRows()).toEqual([
      'billing-kafkaNo catalog entity',
      'orders-kafka',
      'search-kafkaNo catalog entity',
    ]);
    expect(screen.getByRole('button', { name: /Operator/ })).toHaveTextContent(
      'Strimzi',
    );
  });
});
