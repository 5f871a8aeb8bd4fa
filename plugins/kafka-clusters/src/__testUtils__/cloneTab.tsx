import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { screen } from '@testing-library/react';
import { SetupServer } from 'msw/node';
import { cfkHealthy } from '../__fixtures__/cfk';
import { ordersService } from '../__fixtures__/entities';
import { strimziCrashLooping } from '../__fixtures__/strimzi';
import { KafkaClustersContent } from '../components/KafkaClustersContent/KafkaClustersContent';
import { cloneTemplateRouteRef } from '../routes';
import { entityStatusHandler, kubernetesClustersHandler } from './server';
import { testAppOptions } from './testApp';

/** Where the scaffolder mounts a template's page in the portal. */
const TEMPLATE_PAGE = '/create/templates/:namespace/:templateName';

/**
 * The orders tab: its crash-looping Strimzi cluster (open) and a healthy CFK one (closed),
 * with the clone template's route bound unless `bound` is false, and a permission API that
 * answers `decision` and records what it was asked.
 */
export async function renderOrdersTab(
  server: SetupServer,
  options: {
    bound?: boolean;
    decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: JsonObject;
  } = {},
) {
  const { bound = true, decision = AuthorizeResult.ALLOW, config } = options;
  server.use(
    entityStatusHandler(
      { namespace: 'default', kind: 'component', name: 'orders' },
      () => ({
        entityRef: 'component:default/orders',
        health: 'degraded',
        clusters: [strimziCrashLooping(), cfkHealthy()],
        errors: [],
      }),
    ),
    kubernetesClustersHandler(),
  );
  const permissionRequests: EvaluatePermissionRequest[] = [];
  const base = testAppOptions();
  await renderInTestApp(
    <EntityProvider entity={ordersService}>
      <KafkaClustersContent refreshIntervalSeconds={0} />
    </EntityProvider>,
    {
      ...base,
      config,
      apis: [
        ...(base.apis ?? []),
        mockApis.permission({
          authorize: request => {
            permissionRequests.push(request);
            return decision;
          },
        }),
      ],
      mountedRoutes: {
        ...base.mountedRoutes,
        ...(bound ? { [TEMPLATE_PAGE]: cloneTemplateRouteRef } : {}),
      },
    },
  );
  await screen.findByRole('list', { name: 'Reasons for orders-kafka' });
  return { permissionRequests };
}

/** A link's path and its `formData` query parameter, decoded as the scaffolder reads it. */
export function decodedHref(href: string) {
  const url = new URL(href, 'http://portal.example.com');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}
