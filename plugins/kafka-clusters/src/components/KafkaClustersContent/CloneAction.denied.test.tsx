import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { renderOrdersTab } from '../../__testUtils__/cloneTab';

jest.setTimeout(20_000);

const server = setupServer();
registerMswTestHooks(server);

// A file of its own: usePermission keeps its answers for the module, and this one must be
// asked for.
describe('"Clone" on the Kafka tab, for a user who may not run templates', () => {
  it('asks for scaffolder.task.create, and is hidden when it is denied', async () => {
    const { permissionRequests } = await renderOrdersTab(server, {
      decision: AuthorizeResult.DENY,
    });
    await waitFor(() =>
      expect(permissionRequests.map(r => r.permission.name)).toContain(
        'scaffolder.task.create',
      ),
    );
    expect(new Set(permissionRequests.map(r => r.permission.name))).toEqual(
      new Set(['scaffolder.task.create']),
    );
    // Let the denial reach the tab before looking.
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(
      screen.getByRole('button', { name: /Degraded orders-kafka/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Clone/ })).toBeNull();
  });
});
