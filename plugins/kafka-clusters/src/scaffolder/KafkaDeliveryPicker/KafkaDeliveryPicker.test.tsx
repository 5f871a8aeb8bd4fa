import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  choose,
  deliveriesHandler,
  GITHUB_AND_TWO_CLUSTERS,
  NO_GITHUB_DEV_OPEN,
  NOTHING,
  optionsOf,
  renderDeliveryPage,
} from '../__testUtils__/deliveryForm';

// The scaffolder's form renders MUI selects and popovers, which jsdom does slowly.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const PULL_REQUEST = 'Pull request to the GitOps repository';
const APPLY = 'Apply directly to a development cluster';

describe('KafkaDeliveryPicker on the create template', () => {
  it('says it is loading while the backend has not answered', async () => {
    server.use(deliveriesHandler(() => NO_GITHUB_DEV_OPEN, { delayMs: 500 }));
    await renderDeliveryPage();
    expect(
      await screen.findByText('Loading the deliveries this portal offers…'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delivery/ })).toBeNull();
    // Then the choice, once the answer is in.
    expect(
      await screen.findByRole('button', { name: /Delivery/ }),
    ).toBeInTheDocument();
  });

  it("shows the backend's error with a retry, and the choice once a retry succeeds", async () => {
    let fail = true;
    server.use(
      deliveriesHandler(() =>
        fail
          ? HttpResponse.json(
              {
                error: { name: 'Error', message: 'the backend is restarting' },
                response: { statusCode: 503 },
              },
              { status: 503 },
            )
          : NO_GITHUB_DEV_OPEN,
      ),
    );
    await renderDeliveryPage();
    expect(
      await screen.findByText(
        'Could not load the deliveries this portal offers',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/the backend is restarting/)).toBeInTheDocument();
    fail = false;
    // Both fields asked; either retry button reloads its own field.
    await userEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0]);
    expect(
      await screen.findByRole('button', { name: /Delivery/ }),
    ).toBeInTheDocument();
  });

  it('does not offer a pull request where no GitHub integration has credentials, says why, and chooses apply', async () => {
    server.use(deliveriesHandler(() => NO_GITHUB_DEV_OPEN));
    await renderDeliveryPage({ namespace: 'team-a' });
    expect(await optionsOf(/Delivery/)).toEqual([APPLY]);
    expect(
      screen.getByText(
        'Pull request is not offered: no GitHub integration of this portal has a token or an app (integrations.github)',
      ),
    ).toBeInTheDocument();
    // The only delivery is chosen, so the apply fields follow at once.
    expect(
      await screen.findByRole('button', { name: /Development cluster/ }),
    ).toBeInTheDocument();
    expect(screen.queryByText('GitOps repository')).toBeNull();
  });

  it('lets go of a pre-filled pull request that is not offered', async () => {
    server.use(deliveriesHandler(() => NO_GITHUB_DEV_OPEN));
    const { submitted } = await renderDeliveryPage({
      namespace: 'team-a',
      delivery: 'pull-request',
    });
    await screen.findByRole('button', { name: /Development cluster/ });
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

  it('offers both where both are available, and asks for the repository of a pull request', async () => {
    server.use(deliveriesHandler(() => GITHUB_AND_TWO_CLUSTERS));
    await renderDeliveryPage({ namespace: 'team-a' });
    expect(await optionsOf(/Delivery/)).toEqual([PULL_REQUEST, APPLY]);
    // Nothing chosen for the person: neither dependent field shows yet.
    expect(screen.queryByText('GitOps repository')).toBeNull();
    expect(
      screen.queryByRole('button', { name: /Development cluster/ }),
    ).toBeNull();
    expect(screen.queryByText(/is not offered/)).toBeNull();
    await choose(/Delivery/, PULL_REQUEST);
    expect(await screen.findByText('GitOps repository')).toBeInTheDocument();
    await choose(/Delivery/, APPLY);
    expect(
      await screen.findByRole('button', { name: /Development cluster/ }),
    ).toBeInTheDocument();
  });

  it('says so when the portal offers no delivery at all, naming both settings', async () => {
    server.use(deliveriesHandler(() => NOTHING));
    await renderDeliveryPage();
    expect(
      await screen.findByText('No delivery is offered'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Pull request is not offered: no GitHub integration of this portal has a token or an app (integrations.github). Direct apply is not offered: no Kubernetes cluster is open to it for you (kafkaClusters.kubernetesClusters.<cluster>.apply)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delivery/ })).toBeNull();
  });

  it('refuses, on submit, a delivery the backend stopped offering', async () => {
    let answer = GITHUB_AND_TWO_CLUSTERS;
    server.use(deliveriesHandler(() => answer));
    await renderDeliveryPage();
    await choose(/Delivery/, PULL_REQUEST);
    await screen.findByText('GitOps repository');
    // Someone removed the integration's token meanwhile; the validator asks again.
    answer = NO_GITHUB_DEV_OPEN;
    await userEvent.type(
      screen.getByRole('textbox', { name: /GitOps repository/ }),
      'github.com?owner=acme&repo=gitops',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(/Pull request is not offered/),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });
});
