import { Entity } from '@backstage/catalog-model';
import { mockApis, TestAppOptions } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { kafkaClustersApiRef, KafkaClustersClient } from '../api';

/**
 * The real client against msw, the in-memory catalog, and entity pages to link to. Tests
 * of whole extensions pass `withClient: false` to get the client from the plugin's own
 * API extension.
 */
export function testAppOptions(
  catalogEntities: Entity[] = [],
  { withClient = true }: { withClient?: boolean } = {},
): TestAppOptions {
  const client = new KafkaClustersClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  return {
    apis: withClient
      ? [
          [kafkaClustersApiRef, client],
          catalogApiMock({ entities: catalogEntities }),
        ]
      : [catalogApiMock({ entities: catalogEntities })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  };
}
