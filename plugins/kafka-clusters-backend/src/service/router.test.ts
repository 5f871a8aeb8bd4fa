import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KafkaClusterStatus,
  KubernetesClusterCacheStatus,
  KubernetesClusterError,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { DEFAULT_HEALTH_THRESHOLDS } from '@k8s-kafka/plugin-kafka-clusters-node';
import express from 'express';
import request from 'supertest';
import { ID, orders } from '../__testUtils__/entities';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import { kafkaStatus } from '../__testUtils__/statusFixtures';
import { ClusterCache } from './cache/clusterCache';
import { FleetCache } from './cache/fleetCache';
import { createRouter } from './router';
import { createServedStatuses } from './aging';
import { createKafkaStatusService } from './statusService';

function fakeCluster(
  name: string,
  statuses: KafkaClusterStatus[],
  errors: KubernetesClusterError[] = [],
  observedAt?: string,
): ClusterCache {
  const cacheStatus: KubernetesClusterCacheStatus = {
    name,
    state: errors.length ? 'failed' : 'synced',
    operators: {
      cfk: { installed: false },
      strimzi: { installed: true, version: 'v1' },
    },
    kafkaClusters: statuses.length,
    errors,
  };
  return {
    name,
    start() {},
    stop() {},
    statuses: () => statuses,
    withLabel: (key, value) =>
      statuses.filter(s =>
        [
          s.labels,
          ...s.topics.map(t => t.labels),
          ...s.access.map(a => a.labels),
        ].some(labels => labels?.[key] === value),
      ),
    errors: () => errors,
    observedAt: () => observedAt,
    startedAt: () => undefined,
    cacheStatus: () => cacheStatus,
    firstSync: async () => {},
  };
}

function fakeFleet(clusters: ClusterCache[]): FleetCache {
  const map = new Map(clusters.map(c => [c.name, c]));
  return {
    async start() {},
    stop() {},
    clusters: () => map,
    allStatuses: () => clusters.flatMap(c => [...c.statuses()]),
    find: ref =>
      map
        .get(ref.cluster)
        ?.statuses()
        .find(
          s => s.ref.namespace === ref.namespace && s.ref.name === ref.name,
        ),
    cacheStatuses: () => clusters.map(c => c.cacheStatus()),
    firstSync: async () => {},
  };
}

const healthy = kafkaStatus('prod-eu', 'orders', 'orders-kafka', {
  labels: { [ID]: 'orders' },
});
// Statuses are aged when served, and the verdict is always the worst impact of the reasons.
const degraded = kafkaStatus('prod-us', 'orders', 'orders-dr', {
  labels: { [ID]: 'orders' },
  health: 'degraded',
  reasons: [
    {
      code: 'PodCrashLooping',
      severity: 'error',
      impact: 'degraded',
      message: 'Pod orders-dr-broker-0 is crash-looping',
      resource: {
        kind: 'Pod',
        namespace: 'orders',
        name: 'orders-dr-broker-0',
      },
    },
  ],
});
const unreachable: KubernetesClusterError = {
  cluster: 'staging',
  kind: 'unreachable',
  message: 'The API server cannot be reached (ECONNREFUSED)',
  since: '2026-11-25T10:00:00Z',
};

/** An in-memory CacheService, enough to see that entity lookups are reused. */
function memoryCache(): CacheService {
  const values = new Map<string, unknown>();
  const cache: CacheService = {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
    delete: async key => {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

async function app(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  catalog = catalogServiceMock({ entities: [orders] }),
  prodEuObservedAt?: string,
  logger?: LoggerService,
) {
  const fleet = fakeFleet([
    fakeCluster('prod-eu', [healthy], [], prodEuObservedAt),
    fakeCluster('prod-us', [degraded]),
    fakeCluster('staging', [], [unreachable]),
  ]);
  const statusService = createKafkaStatusService({
    fleet,
    catalog,
    permissions: mockServices.permissions.mock({
      authorize: async () => [{ result }],
    }),
    cache: memoryCache(),
    logger: logger ?? mockServices.logger.mock(),
    served: createServedStatuses({
      fleet,
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
    }),
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    statusService,
  });
  return express()
    .use(router)
    .use(
      logger
        ? MiddlewareFactory.create({
            config: mockServices.rootConfig(),
            logger,
          }).error()
        : mockErrorHandler(),
    );
}

describe('kafka-clusters routes', () => {
  it('answers an entity with its Kafka clusters, worst first, and the errors of other clusters beside them', async () => {
    const res = await request(await app()).get(
      '/entities/default/component/orders',
    );
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/orders');
    expect(res.body.health).toBe('degraded');
    expect(
      res.body.clusters.map((c: KafkaClusterStatus) => c.ref.cluster),
    ).toEqual(['prod-us', 'prod-eu']);
    expect(res.body.errors).toEqual([unreachable]);
  });

  it("reuses a user's view of an entity for a while instead of asking the catalog on every refresh", async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => orders,
    });
    const server = await app(AuthorizeResult.ALLOW, catalog);
    await request(server).get('/entities/default/component/orders').expect(200);
    await request(server).get('/entities/default/component/orders').expect(200);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('ages statuses when serving them: data too old to judge is unknown, whatever the last verdict', async () => {
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000).toISOString();
    const server = await app(
      AuthorizeResult.ALLOW,
      undefined,
      twentyMinutesAgo,
    );
    const res = await request(server).get(
      '/clusters/prod-eu/namespaces/orders/kafkas/orders-kafka',
    );
    expect(res.body.status.health).toBe('unknown');
    expect(res.body.status.freshness).toMatchObject({
      stale: true,
      observedAt: twentyMinutesAgo,
    });
    expect(res.body.status.reasons[0].code).toBe('DataStale');
  });

  it('answers 404 for an entity the catalog does not show', async () => {
    const res = await request(await app()).get(
      '/entities/default/component/unknown',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /No entity component:default\/unknown/,
    );
  });

  it('answers 400 for an entity ref with a separator in one of its parts, and does not log it as an error', async () => {
    const { logger, lines } = recordingLogger();
    const server = await app(
      AuthorizeResult.ALLOW,
      undefined,
      undefined,
      logger,
    );
    const res = await request(server).get(
      '/entities/default/component%2Fx/orders',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/kind 'component\/x'/),
    });
    // Else the catalog is asked about another ref (`component:a/b/orders`, `a:b:default/orders`).
    for (const route of [
      '/entities/a%2Fb/component/orders',
      '/entities/default/component/x%2Fy',
      '/entities/default/a%3Ab/orders',
    ]) {
      const other = await request(server).get(route);
      expect([route, other.status, other.body.error.name]).toEqual([
        route,
        400,
        'InputError',
      ]);
    }
    // Kubernetes names never hold a '/': such a cluster route names nothing there is (404).
    for (const route of [
      '/clusters/prod%2Feu/namespaces/orders/kafkas/orders-kafka',
      '/clusters/prod-eu/namespaces/or%2Fders/kafkas/orders-kafka',
      '/clusters/prod-eu/namespaces/orders/kafkas/orders%2Fkafka',
    ]) {
      expect([route, (await request(server).get(route)).status]).toEqual([
        route,
        404,
      ]);
    }
    expect(
      lines.filter(l => l.level === 'error' || l.level === 'warn'),
    ).toEqual([]);
  });

  it('lists the fleet with the state of every Kubernetes cluster', async () => {
    const res = await request(await app()).get('/clusters');
    expect(res.status).toBe(200);
    expect(
      res.body.clusters.map((c: { ref: { name: string }; health: string }) => [
        c.ref.name,
        c.health,
      ]),
    ).toEqual([
      ['orders-dr', 'degraded'],
      ['orders-kafka', 'healthy'],
    ]);
    expect(
      res.body.kubernetesClusters.map((c: KubernetesClusterCacheStatus) => [
        c.name,
        c.state,
      ]),
    ).toEqual([
      ['prod-eu', 'synced'],
      ['prod-us', 'synced'],
      ['staging', 'failed'],
    ]);
  });

  it('answers one cluster, and 404 for clusters it does not know', async () => {
    const server = await app();
    const res = await request(server).get(
      '/clusters/prod-eu/namespaces/orders/kafkas/orders-kafka',
    );
    expect(res.status).toBe(200);
    expect(res.body.status.ref).toEqual(healthy.ref);
    expect(
      (
        await request(server).get(
          '/clusters/prod-eu/namespaces/orders/kafkas/nope',
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server).get(
          '/clusters/nowhere/namespaces/orders/kafkas/x',
        )
      ).status,
    ).toBe(404);
  });

  it('refuses requests without credentials (401) and users without the permission (403)', async () => {
    const allowed = await app();
    const res = await request(allowed)
      .get('/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);

    const denied = await app(AuthorizeResult.DENY);
    expect((await request(denied).get('/clusters')).status).toBe(403);
    expect(
      (await request(denied).get('/entities/default/component/orders')).status,
    ).toBe(403);
  });

  it('answers /health without credentials', async () => {
    const res = await request(await app())
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
  });
});
