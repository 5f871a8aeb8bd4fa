import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { fleet } from '../__fixtures__/fleet';
import { strimziHealthy } from '../__fixtures__/strimzi';
import { KafkaClustersClient } from './KafkaClustersClient';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backstage.test/api';
const client = new KafkaClustersClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
  fetchApi: { fetch: (...args) => fetch(...args) },
});

describe('KafkaClustersClient', () => {
  it('reads an entity status from the entity route, kind in lower case and each part encoded', async () => {
    let requested = '';
    server.use(
      http.get(
        `${BASE}/kafka-clusters/entities/:namespace/:kind/:name`,
        ({ request }) => {
          requested = new URL(request.url).pathname;
          return HttpResponse.json({
            entityRef: 'component:team a/orders',
            health: 'healthy',
            clusters: [],
            errors: [],
          });
        },
      ),
    );
    const response = await client.getEntityStatus({
      kind: 'Component',
      namespace: 'team a',
      name: 'orders',
    });
    expect(requested).toBe(
      '/api/kafka-clusters/entities/team%20a/component/orders',
    );
    expect(response.health).toBe('healthy');
  });

  it('reads the fleet and one cluster', async () => {
    const status = strimziHealthy();
    server.use(
      http.get(`${BASE}/kafka-clusters/clusters`, () =>
        HttpResponse.json(fleet()),
      ),
      http.get(
        `${BASE}/kafka-clusters/clusters/prod-eu/namespaces/orders/kafkas/orders-kafka`,
        () => HttpResponse.json({ status, errors: [] }),
      ),
    );
    expect(
      (await client.getFleet()).kubernetesClusters.map(c => c.name),
    ).toEqual(['prod-eu', 'prod-us', 'staging', 'dev-ap']);
    expect((await client.getCluster(status.ref)).status.ref).toEqual(
      status.ref,
    );
  });

  it('turns an error response into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${BASE}/kafka-clusters/clusters`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const failure = client.getFleet();
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      statusCode: 403,
      cause: { name: 'NotAllowedError', message: 'Unauthorized' },
    });
  });

  it('reads dashboard URLs from the Kubernetes plugin, and none when it fails', async () => {
    server.use(
      http.get(`${BASE}/kubernetes/clusters`, () =>
        HttpResponse.json({
          items: [
            {
              name: 'prod-eu',
              dashboardUrl: 'https://dashboard.prod-eu.example.com',
            },
            { name: 'prod-us' },
          ],
        }),
      ),
    );
    expect(await client.getKubernetesDashboards()).toEqual({
      'prod-eu': 'https://dashboard.prod-eu.example.com',
    });

    server.use(
      http.get(
        `${BASE}/kubernetes/clusters`,
        () => new HttpResponse(null, { status: 404 }),
      ),
    );
    expect(await client.getKubernetesDashboards()).toEqual({});
  });
});
