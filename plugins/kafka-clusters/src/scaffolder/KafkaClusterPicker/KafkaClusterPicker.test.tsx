import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { KafkaEntityStatusResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { cfkHealthy } from '../../__fixtures__/cfk';
import {
  strimziCrashLooping,
  strimziHealthy,
} from '../../__fixtures__/strimzi';
import { BACKEND } from '../../__testUtils__/server';
import { kafkaClustersApiRef } from '../../api';
import { renderDeliveryPage } from '../__testUtils__/deliveryForm';
import { validateKafkaCluster } from './KafkaClusterPicker';

// The scaffolder's form renders MUI fields, which jsdom does slowly.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

/**
 * The clone template's first page as the field's contract describes it: the service (a plain
 * text box here, standing in for the EntityPicker, which asks the catalog) and the source as
 * an object of three required strings.
 */
const clonePage = {
  title: 'What to clone',
  required: ['service', 'source'],
  properties: {
    service: { title: 'Service', type: 'string' },
    source: {
      title: 'Kafka cluster',
      description: "One of the service's Kafka clusters",
      type: 'object',
      required: ['cluster', 'namespace', 'name'],
      properties: {
        cluster: { type: 'string' },
        namespace: { type: 'string' },
        name: { type: 'string' },
      },
      'ui:field': 'KafkaClusterPicker',
      'ui:options': { serviceField: 'service' },
    },
  },
};

const ORDERS = 'component:default/orders';

/** Serves `GET /entities/default/component/:name`, as the backend route does. */
function entityHandler(
  answer: (name: string) => KafkaEntityStatusResponse | Response,
  options: { delayMs?: number } = {},
) {
  const requests: string[] = [];
  const handler = http.get(
    `${BACKEND}/kafka-clusters/entities/default/component/:name`,
    async ({ params }) => {
      requests.push(String(params.name));
      if (options.delayMs) await delay(options.delayMs);
      const body = answer(String(params.name));
      return body instanceof Response ? body : HttpResponse.json(body);
    },
  );
  return { handler, requests };
}

const statusOf = (
  name: string,
  clusters: KafkaEntityStatusResponse['clusters'],
): KafkaEntityStatusResponse => ({
  entityRef: `component:default/${name}`,
  health: clusters.length ? clusters[0].health : 'unknown',
  clusters,
  errors: [],
});

/** orders: its own Strimzi cluster, crash-looping, and the healthy CFK one it shares. */
const ordersClusters = () =>
  statusOf('orders', [cfkHealthy(), strimziCrashLooping()]);

const ORDERS_KAFKA =
  'Degraded orders-kafka prod-eu / orders Strimzi Brokers 2/3 ready';
const SHARED_KAFKA =
  'Healthy kafka prod-us / confluent Confluent for Kubernetes Brokers 3/3 ready';

const radios = () =>
  within(screen.getByRole('radiogroup', { name: /Kafka cluster/ }))
    .getAllByRole('radio')
    .map(radio => radio.closest('label')!.textContent);

async function submit() {
  await userEvent.click(screen.getByRole('button', { name: 'Review' }));
  await userEvent.click(await screen.findByRole('button', { name: 'Create' }));
}

describe('KafkaClusterPicker', () => {
  it("lists the service's Kafka clusters with their verdicts, worst first, and submits the one picked", async () => {
    const { handler, requests } = entityHandler(ordersClusters);
    server.use(handler);
    const { submitted } = await renderDeliveryPage(
      { service: ORDERS },
      clonePage,
    );
    await screen.findByRole('radio', { name: ORDERS_KAFKA });
    expect(radios()).toEqual([ORDERS_KAFKA, SHARED_KAFKA]);
    expect(requests).toEqual(['orders']);
    for (const radio of screen.getAllByRole('radio')) {
      expect(radio).not.toBeChecked();
    }

    await userEvent.click(screen.getByRole('radio', { name: SHARED_KAFKA }));
    expect(screen.getByRole('radio', { name: SHARED_KAFKA })).toBeChecked();
    await submit();
    await waitFor(() =>
      expect(submitted).toEqual([
        {
          service: ORDERS,
          source: { cluster: 'prod-us', namespace: 'confluent', name: 'kafka' },
        },
      ]),
    );
  });

  it('keeps a pre-filled value that is one of them (as the Clone action sends it)', async () => {
    server.use(entityHandler(ordersClusters).handler);
    const { submitted } = await renderDeliveryPage(
      {
        service: ORDERS,
        source: {
          cluster: 'prod-eu',
          namespace: 'orders',
          name: 'orders-kafka',
        },
      },
      clonePage,
    );
    expect(
      await screen.findByRole('radio', { name: ORDERS_KAFKA }),
    ).toBeChecked();
    expect(screen.queryByRole('alert')).toBeNull();
    await submit();
    await waitFor(() =>
      expect(submitted).toEqual([
        {
          service: ORDERS,
          source: {
            cluster: 'prod-eu',
            namespace: 'orders',
            name: 'orders-kafka',
          },
        },
      ]),
    );
  });

  it('refuses a pre-filled value that is not one of them, on the page and on submit', async () => {
    server.use(entityHandler(ordersClusters).handler);
    const { submitted } = await renderDeliveryPage(
      {
        service: ORDERS,
        source: {
          cluster: 'prod-eu',
          namespace: 'orders',
          name: 'ghost-kafka',
        },
      },
      clonePage,
    );
    const refusal =
      'Kafka cluster prod-eu/orders/ghost-kafka is not one of the Kafka clusters of component:default/orders';
    expect(await screen.findByRole('alert')).toHaveTextContent(refusal);
    for (const radio of screen.getAllByRole('radio')) {
      expect(radio).not.toBeChecked();
    }

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    // The step's validation refuses it too (the form's list of errors names the field), and
    // the form stays on the page.
    expect(
      await screen.findByText(`'Kafka cluster' ${refusal}`),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    await userEvent.click(screen.getByRole('radio', { name: ORDERS_KAFKA }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await submit();
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0].source).toEqual({
      cluster: 'prod-eu',
      namespace: 'orders',
      name: 'orders-kafka',
    });
  });

  it('says it is loading while the backend has not answered', async () => {
    server.use(entityHandler(ordersClusters, { delayMs: 500 }).handler);
    await renderDeliveryPage({ service: ORDERS }, clonePage);
    expect(
      await screen.findByText(
        'Loading the Kafka clusters of component:default/orders…',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(
      await screen.findByRole('radio', { name: ORDERS_KAFKA }),
    ).toBeInTheDocument();
  });

  it('says so when the service has no Kafka clusters', async () => {
    server.use(entityHandler(() => statusOf('orders', [])).handler);
    await renderDeliveryPage({ service: ORDERS }, clonePage);
    expect(
      await screen.findByText('This service has no Kafka clusters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The kafka-clusters backend finds none for component:default/orders: its Kafka tab explains how a service is tied to its clusters.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('names the Kubernetes clusters it could not read beside an empty list', async () => {
    server.use(
      entityHandler(() => ({
        ...statusOf('orders', []),
        errors: [
          {
            cluster: 'prod-us',
            kind: 'unreachable',
            message: 'connect ECONNREFUSED 10.0.0.1:443',
            since: new Date().toISOString(),
          },
        ],
      })).handler,
    );
    await renderDeliveryPage({ service: ORDERS }, clonePage);
    expect(
      await screen.findByText('This service has no Kafka clusters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Some Kubernetes clusters could not be read/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Kubernetes cluster prod-us: unreachable'),
    ).toBeInTheDocument();
  });

  it("shows the backend's error with a retry", async () => {
    let fail = true;
    server.use(
      entityHandler(() =>
        fail
          ? HttpResponse.json(
              {
                error: { name: 'NotAllowedError', message: 'no access' },
                response: { statusCode: 403 },
              },
              { status: 403 },
            )
          : ordersClusters(),
      ).handler,
    );
    await renderDeliveryPage({ service: ORDERS }, clonePage);
    expect(
      await screen.findByText(
        'Could not load the Kafka clusters of component:default/orders',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/no access/)).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('radio', { name: ORDERS_KAFKA }),
    ).toBeInTheDocument();
  });

  it('waits for the service, then lists the clusters of the one typed in the same form', async () => {
    const { handler, requests } = entityHandler(name =>
      name === 'payments'
        ? statusOf('payments', [cfkHealthy()])
        : ordersClusters(),
    );
    server.use(handler);
    const { submitted } = await renderDeliveryPage({}, clonePage);
    expect(
      await screen.findByText(
        'Choose the service first: its Kafka clusters are listed here',
      ),
    ).toBeInTheDocument();
    expect(requests).toEqual([]);

    await userEvent.type(
      screen.getByRole('textbox', { name: /Service/ }),
      'payments',
    );
    // The only cluster is chosen for the user.
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: SHARED_KAFKA })).toBeChecked(),
    );
    expect(requests.at(-1)).toBe('payments');
    await submit();
    await waitFor(() =>
      expect(submitted).toEqual([
        {
          service: 'payments',
          source: { cluster: 'prod-us', namespace: 'confluent', name: 'kafka' },
        },
      ]),
    );
  });

  describe('its validation on submit', () => {
    const validate = async (
      value: unknown,
      formData: Record<string, unknown>,
      answer: () => Promise<unknown>,
    ) => {
      const errors: string[] = [];
      await validateKafkaCluster(
        value,
        { addError: (message: string) => void errors.push(message) } as any,
        {
          apiHolder: {
            get: (ref: { id: string }) =>
              ref.id === kafkaClustersApiRef.id
                ? ({ getEntityStatus: answer } as any)
                : undefined,
          },
          formData: formData as any,
          schema: { type: 'object' },
          uiSchema: { 'ui:options': { serviceField: 'app' } },
        },
      );
      return errors;
    };
    const healthy = async () => statusOf('orders', [strimziHealthy()]);

    it('accepts one of the clusters of the service the serviceField names', async () => {
      expect(
        await validate(
          { cluster: 'prod-eu', namespace: 'orders', name: 'orders-kafka' },
          { app: ORDERS },
          healthy,
        ),
      ).toEqual([]);
    });

    it('refuses a value of another shape', async () => {
      expect(
        await validate('prod-eu/orders/orders-kafka', { app: ORDERS }, healthy),
      ).toEqual([
        '"prod-eu/orders/orders-kafka" is not a Kafka cluster: expected { cluster, namespace, name }',
      ]);
    });

    it('refuses a cluster without a service to look it up in', async () => {
      expect(
        await validate(
          { cluster: 'prod-eu', namespace: 'orders', name: 'orders-kafka' },
          { service: ORDERS },
          healthy,
        ),
      ).toEqual([
        'Choose the service first: its Kafka clusters are listed here',
      ]);
    });

    it('says when the clusters could not be checked', async () => {
      expect(
        await validate(
          { cluster: 'prod-eu', namespace: 'orders', name: 'orders-kafka' },
          { app: ORDERS },
          async () => {
            throw new Error('the backend is down');
          },
        ),
      ).toEqual(['Could not check the Kafka cluster: the backend is down']);
    });

    it('leaves an unset value to the schema', async () => {
      expect(await validate({}, { app: ORDERS }, healthy)).toEqual([]);
      expect(await validate(undefined, {}, healthy)).toEqual([]);
    });
  });
});
