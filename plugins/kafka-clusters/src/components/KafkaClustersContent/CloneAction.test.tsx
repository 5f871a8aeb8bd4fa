import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { decodedHref, renderOrdersTab } from '../../__testUtils__/cloneTab';

// Every panel renders react-aria tables, which jsdom does slowly.
jest.setTimeout(20_000);

const server = setupServer();
registerMswTestHooks(server);

const ORDERS_KAFKA = 'Clone orders-kafka (prod-eu/orders)';
const hrefOf = (name: string) =>
  screen.getByRole('link', { name }).getAttribute('href')!;

// A denial is tested in CloneAction.denied.test.tsx: usePermission keeps its answers for
// the whole module, so a denial after an allowance here would not be asked for again.
describe('"Clone" on the Kafka tab', () => {
  it('opens the clone template pre-filled with the service and the cluster', async () => {
    await renderOrdersTab(server);
    const link = await screen.findByRole('link', { name: ORDERS_KAFKA });
    expect(link).toHaveTextContent('Clone');
    expect(link).toHaveAttribute(
      'href',
      '/create/templates/default/kafka-environment-clone?formData=%7B%22service%22%3A%22component%3Adefault%2Forders%22%2C%22source%22%3A%7B%22cluster%22%3A%22prod-eu%22%2C%22namespace%22%3A%22orders%22%2C%22name%22%3A%22orders-kafka%22%7D%7D',
    );
    expect(decodedHref(link.getAttribute('href')!)).toEqual({
      path: '/create/templates/default/kafka-environment-clone',
      formData: {
        service: 'component:default/orders',
        source: {
          cluster: 'prod-eu',
          namespace: 'orders',
          name: 'orders-kafka',
        },
      },
    });

    // Each cluster has its own, in its panel.
    await userEvent.click(
      screen.getByRole('button', {
        name: /Healthy kafka prod-us \/ confluent/,
      }),
    );
    const shared = await screen.findByRole('link', {
      name: 'Clone kafka (prod-us/confluent)',
    });
    expect(decodedHref(shared.getAttribute('href')!).formData).toEqual({
      service: 'component:default/orders',
      source: { cluster: 'prod-us', namespace: 'confluent', name: 'kafka' },
    });
  });

  it('opens the template kafkaClusters.cloneTemplate names', async () => {
    await renderOrdersTab(server, {
      config: {
        kafkaClusters: { cloneTemplate: 'template:platform/incident-clone' },
      },
    });
    await screen.findByRole('link', { name: ORDERS_KAFKA });
    expect(decodedHref(hrefOf(ORDERS_KAFKA)).path).toBe(
      '/create/templates/platform/incident-clone',
    );
  });

  it('takes a template name alone as one of the default namespace', async () => {
    await renderOrdersTab(server, {
      config: { kafkaClusters: { cloneTemplate: 'my-clone' } },
    });
    await screen.findByRole('link', { name: ORDERS_KAFKA });
    expect(decodedHref(hrefOf(ORDERS_KAFKA)).path).toBe(
      '/create/templates/default/my-clone',
    );
  });

  it('says so, instead of a link, when kafkaClusters.cloneTemplate is not an entity ref', async () => {
    await renderOrdersTab(server, {
      config: { kafkaClusters: { cloneTemplate: 'template:default/' } },
    });
    // In each cluster's panel.
    expect(
      await screen.findAllByText(
        "Clone is not offered: kafkaClusters.cloneTemplate 'template:default/' is not an entity ref",
      ),
    ).toHaveLength(2);
    expect(screen.queryByRole('link', { name: /^Clone/ })).toBeNull();
  });

  it('is hidden when the scaffolder has no template page to open (the route unbound)', async () => {
    await renderOrdersTab(server, { bound: false });
    expect(
      screen.getByRole('button', { name: /Degraded orders-kafka/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Clone/ })).toBeNull();
  });
});
