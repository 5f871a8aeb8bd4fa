import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { kafkaClustersApiRef } from '../../api';
import {
  choose,
  deliveriesHandler,
  GITHUB_AND_TWO_CLUSTERS,
  NO_GITHUB_DEV_OPEN,
  optionsOf,
  renderDeliveryPage,
} from '../__testUtils__/deliveryForm';
import { validateKafkaApplyCluster } from './KafkaApplyClusterPicker';

// The scaffolder's form renders MUI selects and popovers, which jsdom does slowly.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const DEV = 'dev: Development (namespaces team-*)';
const SANDBOX = 'sandbox (namespaces sandbox-a, sandbox-b)';

/** A page with the field alone, as another template might ask for it. */
const clusterPage = {
  title: 'Where',
  required: ['applyCluster'],
  properties: {
    applyCluster: {
      title: 'Development cluster',
      type: 'string',
      'ui:field': 'KafkaApplyClusterPicker',
    },
  },
};

describe('KafkaApplyClusterPicker', () => {
  it('lists the clusters open to apply with their namespaces, and refuses one whose globs leave out the namespace', async () => {
    server.use(deliveriesHandler(() => GITHUB_AND_TWO_CLUSTERS));
    const { submitted } = await renderDeliveryPage({
      namespace: 'team-a',
      delivery: 'apply',
    });
    expect(await optionsOf(/Development cluster/)).toEqual([DEV, SANDBOX]);

    await choose(/Development cluster/, SANDBOX);
    const refusal =
      "Namespace 'team-a' does not accept direct apply on sandbox: only sandbox-a, sandbox-b (kafkaClusters.kubernetesClusters.sandbox.apply.namespaces)";
    expect(await screen.findByRole('alert')).toHaveTextContent(refusal);
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    // The step's validation refuses it too (the form's list of errors names the field), and
    // the form stays on the page.
    expect(
      await screen.findByText(`'Apply Cluster' ${refusal}`),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    await choose(/Development cluster/, DEV);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]).toMatchObject({
      delivery: 'apply',
      applyCluster: 'dev',
    });
  });

  it('chooses the only cluster open to apply', async () => {
    server.use(deliveriesHandler(() => NO_GITHUB_DEV_OPEN));
    const { submitted } = await renderDeliveryPage({}, clusterPage);
    await screen.findByRole('button', { name: /Development cluster/ });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() => expect(submitted).toEqual([{ applyCluster: 'dev' }]));
  });

  it('says it is loading while the backend has not answered', async () => {
    server.use(deliveriesHandler(() => NO_GITHUB_DEV_OPEN, { delayMs: 500 }));
    await renderDeliveryPage({}, clusterPage);
    expect(
      await screen.findByText(
        'Loading the Kubernetes clusters open to direct apply…',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: /Development cluster/ }),
    ).toBeInTheDocument();
  });

  it("shows the backend's error with a retry", async () => {
    let fail = true;
    server.use(
      deliveriesHandler(() =>
        fail
          ? HttpResponse.json(
              {
                error: { name: 'NotAllowedError', message: 'no access' },
                response: { statusCode: 403 },
              },
              { status: 403 },
            )
          : NO_GITHUB_DEV_OPEN,
      ),
    );
    await renderDeliveryPage({}, clusterPage);
    expect(
      await screen.findByText(
        'Could not load the Kubernetes clusters open to direct apply',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/no access/)).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('button', { name: /Development cluster/ }),
    ).toBeInTheDocument();
  });

  it('says so when no cluster is open to apply', async () => {
    server.use(
      deliveriesHandler(() => ({
        ...GITHUB_AND_TWO_CLUSTERS,
        apply: { available: false, clusters: [] },
      })),
    );
    await renderDeliveryPage({}, clusterPage);
    expect(
      await screen.findByText('No Kubernetes cluster is open to direct apply'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'None is open to it for you here (kafkaClusters.kubernetesClusters.<cluster>.apply); choose another delivery, or ask the platform team.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Development cluster/ }),
    ).toBeNull();
  });

  describe('its validation on submit', () => {
    const validate = async (
      value: string,
      formData: Record<string, unknown>,
      answer: () => Promise<unknown>,
    ) => {
      const errors: string[] = [];
      await validateKafkaApplyCluster(
        value,
        { addError: (message: string) => void errors.push(message) } as any,
        {
          apiHolder: {
            get: (ref: { id: string }) =>
              ref.id === kafkaClustersApiRef.id
                ? ({ getEnvironmentDeliveries: answer } as any)
                : undefined,
          },
          formData: formData as any,
          schema: { type: 'string' },
        },
      );
      return errors;
    };

    it('refuses a cluster that is not open to apply, naming its setting', async () => {
      expect(
        await validate(
          'prod-eu',
          { namespace: 'team-a' },
          async () => NO_GITHUB_DEV_OPEN,
        ),
      ).toEqual([
        "Kubernetes cluster 'prod-eu' is not open to direct apply for you (kafkaClusters.kubernetesClusters.prod-eu.apply)",
      ]);
    });

    it('accepts an open cluster and a namespace its globs match', async () => {
      expect(
        await validate(
          'dev',
          { namespace: 'team-a' },
          async () => NO_GITHUB_DEV_OPEN,
        ),
      ).toEqual([]);
    });

    it('says when the clusters could not be checked', async () => {
      expect(
        await validate('dev', {}, async () => {
          throw new Error('the backend is down');
        }),
      ).toEqual(['Could not check the cluster: the backend is down']);
    });
  });
});
