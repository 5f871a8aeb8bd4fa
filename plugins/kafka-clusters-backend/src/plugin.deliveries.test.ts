import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { kafkaClustersPlugin } from './plugin';

const TOKEN = 'ghp_a-token-the-browser-must-never-see';

// Nothing listens there: the fleet cache's watches fail in the background, which this route
// does not depend on.
const clusters = ['dev', 'prod-eu'].map((name, i) => ({
  name,
  title: name === 'dev' ? 'Development' : undefined,
  url: `https://127.0.0.1:${9 + i}`,
  authProvider: 'serviceAccount',
  serviceAccountToken: 'not-a-token',
  skipTLSVerify: true,
}));

async function start(
  options: {
    permissions?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    github?: boolean;
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      kafkaClustersPlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.permissions.factory({
        result: options.permissions ?? AuthorizeResult.ALLOW,
      }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
          kafkaClusters: {
            cache: { requestTimeoutSeconds: 1 },
            kubernetesClusters: {
              dev: {
                apply: {
                  enabled: true,
                  namespaces: ['team-*'],
                  createNamespaces: true,
                },
              },
            },
          },
          ...(options.github
            ? {
                integrations: {
                  github: [{ host: 'github.com', token: TOKEN }],
                },
              }
            : {}),
        },
      }),
    ],
  });
  return backend;
}

describe('GET /api/kafka-clusters/environments/deliveries', () => {
  let backend: Awaited<ReturnType<typeof start>> | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('answers a signed-in user with the deliveries, the token left out', async () => {
    backend = await start({ github: true });
    const res = await request(backend.server)
      .get('/api/kafka-clusters/environments/deliveries')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      pullRequest: { available: true, hosts: ['github.com'] },
      apply: {
        available: true,
        clusters: [
          {
            name: 'dev',
            title: 'Development',
            namespaces: ['team-*'],
            createNamespaces: true,
          },
        ],
      },
    });
    expect(res.text).not.toContain(TOKEN);
    expect(res.text).not.toContain('not-a-token');
  });

  it('answers a service too, and offers no pull request without a GitHub integration', async () => {
    backend = await start();
    const res = await request(backend.server)
      .get('/api/kafka-clusters/environments/deliveries')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.pullRequest).toEqual({ available: false, hosts: [] });
  });

  it('offers no cluster for direct apply where the permission is denied', async () => {
    backend = await start({ permissions: AuthorizeResult.DENY });
    const res = await request(backend.server)
      .get('/api/kafka-clusters/environments/deliveries')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.apply).toEqual({ available: false, clusters: [] });
  });

  it('refuses a request without credentials', async () => {
    backend = await start();
    const res = await request(backend.server)
      .get('/api/kafka-clusters/environments/deliveries')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });
});
