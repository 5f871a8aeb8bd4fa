import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KafkaEntityStatusResponse,
  KafkaFleetResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { Sandbox, SandboxCluster, startSandbox } from '@k8s-kafka/kube-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ID, orders, eventually } from './__testUtils__/entities';
import { kafkaClustersPlugin } from './plugin';
import {
  crashLoopingStatus,
  ensureNamespace,
  put,
  strimziCluster,
  strimziTopic,
} from './__testUtils__/sandboxObjects';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();

describe('kafka-clusters backend against Kubernetes API servers', () => {
  let sandbox: Sandbox;
  let prod: SandboxCluster;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(
        path.join(os.tmpdir(), 'kafka-clusters-backend-'),
      ),
      clusters: [
        { name: 'prod', crdSets: ['strimzi-1.2.0'] },
        { name: 'legacy', crdSets: ['strimzi-0.51.0'] },
        { name: 'bare' },
        { name: 'down' },
        { name: 'slow', crdSets: ['strimzi-1.2.0'] },
        {
          name: 'locked',
          crdSets: ['strimzi-1.2.0'],
          tokens: [{ name: 'nobody', rules: [] }],
        },
      ],
    });
    prod = sandbox.cluster('prod');
    ensureNamespace(prod, 'orders');
    ensureNamespace(prod, 'kafka');
    strimziCluster({
      namespace: 'orders',
      name: 'orders-kafka',
      labels: { [ID]: 'orders' },
    }).forEach(o => put(prod, o));
    strimziCluster({ namespace: 'kafka', name: 'shared' }).forEach(o =>
      put(prod, o),
    );
    put(
      prod,
      strimziTopic({
        namespace: 'kafka',
        name: 'orders-created',
        cluster: 'shared',
        labels: { [ID]: 'orders' },
      }),
    );
    put(
      prod,
      strimziTopic({
        namespace: 'kafka',
        name: 'payments',
        cluster: 'shared',
        labels: { [ID]: 'payments' },
      }),
    );

    const legacy = sandbox.cluster('legacy');
    ensureNamespace(legacy, 'orders');
    strimziCluster({
      namespace: 'orders',
      name: 'orders-legacy',
      labels: { [ID]: 'orders' },
    })
      .map(o =>
        o.apiVersion === 'kafka.strimzi.io/v1'
          ? { ...o, apiVersion: 'kafka.strimzi.io/v1beta2' }
          : o,
      )
      .forEach(o => put(legacy, o));

    await sandbox.cluster('down').faults.set({ refuseConnections: true });
    await sandbox.cluster('slow').faults.set({ latencyMs: 3_000 });

    const clusters = sandbox.clusters.map(c => ({
      name: c.name,
      url: c.url,
      caFile: c.caFile,
      authProvider: 'serviceAccount',
      serviceAccountToken: c.name === 'locked' ? c.tokens.nobody : c.token,
    }));
    clusters.push({
      ...clusters[0],
      name: 'wrong-token',
      serviceAccountToken: 'not-a-token',
    });

    const backend = await startTestBackend({
      features: [
        kafkaClustersPlugin,
        catalogServiceMock.factory({ entities: [orders] }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [{ type: 'config', clusters }],
            },
            kafkaClusters: {
              cache: {
                rebuildEveryMilliseconds: 100,
                requestTimeoutSeconds: 1,
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  const fleet = async () => {
    const res = await request(server)
      .get('/api/kafka-clusters/clusters')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return res.body as KafkaFleetResponse;
  };
  const entity = async () => {
    const res = await request(server)
      .get('/api/kafka-clusters/entities/default/component/orders')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return res.body as KafkaEntityStatusResponse;
  };

  it('reads every cluster on its own: synced, operator absent, and each error class', async () => {
    const states = await eventually(async () => {
      const body = await fleet();
      const byName = Object.fromEntries(
        body.kubernetesClusters.map(c => [c.name, c]),
      );
      expect(byName.prod.state).toBe('synced');
      expect(byName.slow.errors[0]?.kind).toBe('timeout');
      return byName;
    });
    expect(states.prod.operators.strimzi).toEqual({
      installed: true,
      version: 'v1',
    });
    expect(states.prod.operators.cfk).toEqual({ installed: false });
    expect(states.legacy.operators.strimzi).toEqual({
      installed: true,
      version: 'v1',
    });
    expect(states.bare.operators).toEqual({
      cfk: { installed: false },
      strimzi: { installed: false },
    });
    expect(states.bare.errors).toEqual([]);
    expect(states.down.errors.map(e => e.kind)).toEqual(['unreachable']);
    // Nothing could be read: failed, never synced on an empty snapshot.
    expect(states.down.state).toBe('failed');
    expect(states.slow.state).toBe('failed');
    expect(states['wrong-token'].errors.map(e => e.kind)).toEqual([
      'unauthorized',
    ]);
    expect(states.locked.errors.length).toBeGreaterThan(0);
    expect(new Set(states.locked.errors.map(e => e.kind))).toEqual(
      new Set(['forbidden']),
    );
  });

  it("answers an entity with its own clusters on every Kubernetes cluster, the shared one through its topics, and the others' errors", async () => {
    const body = await eventually(async () => {
      const b = await entity();
      expect(b.clusters).toHaveLength(3);
      return b;
    });
    expect(
      body.clusters
        .map(c => `${c.ref.cluster}/${c.ref.namespace}/${c.ref.name}`)
        .sort(),
    ).toEqual([
      'legacy/orders/orders-legacy',
      'prod/kafka/shared',
      'prod/orders/orders-kafka',
    ]);
    const ordersKafka = body.clusters.find(c => c.ref.name === 'orders-kafka')!;
    expect(ordersKafka.health).toBe('healthy');
    expect(ordersKafka.brokers).toMatchObject({ desired: 3, ready: 3 });
    expect(
      body.clusters.find(c => c.ref.name === 'shared')!.topics.map(t => t.name),
    ).toEqual(['orders-created']);
    // Strimzi 0.51 serves the Kafka as v1beta2 and v1: counted once.
    expect(body.clusters.filter(c => c.ref.cluster === 'legacy')).toHaveLength(
      1,
    );
    expect(new Set(body.errors.map(e => `${e.cluster}:${e.kind}`))).toEqual(
      new Set([
        'down:unreachable',
        'wrong-token:unauthorized',
        'locked:forbidden',
        'slow:timeout',
      ]),
    );
  });

  it('turns degraded with the reason when a broker starts crash-looping, and healthy again when it recovers', async () => {
    const podName = 'orders-kafka-dual-role-1';
    const healthyPod = prod.api.get('v1', 'Pod', podName, 'orders')! as any;
    prod.api.updateStatus({
      ...healthyPod,
      status: crashLoopingStatus(healthyPod),
    });

    const degraded = await eventually(async () => {
      const cluster = (await entity()).clusters.find(
        c => c.ref.name === 'orders-kafka',
      )!;
      expect(cluster.health).toBe('degraded');
      return cluster;
    });
    const reason = degraded.reasons.find(r => r.code === 'PodCrashLooping')!;
    expect(reason.resource.name).toBe(podName);
    expect(reason.fix).toMatch(/memory/i);
    expect(degraded.brokers.ready).toBe(2);

    prod.api.updateStatus({
      ...(prod.api.get('v1', 'Pod', podName, 'orders') as any),
      status: healthyPod.status,
    });
    await eventually(async () => {
      expect(
        (await entity()).clusters.find(c => c.ref.name === 'orders-kafka')!
          .health,
      ).toBe('healthy');
    });
  });

  it('keeps following the cluster after its watches are dropped, and after a 410 forces a relist', async () => {
    expect(prod.faults.dropWatches({ abrupt: true })).toBeGreaterThan(0);
    put(
      prod,
      strimziTopic({
        namespace: 'kafka',
        name: 'orders-shipped',
        cluster: 'shared',
        labels: { [ID]: 'orders' },
      }),
    );
    await eventually(async () => {
      const shared = (await entity()).clusters.find(
        c => c.ref.name === 'shared',
      )!;
      expect(shared.topics.map(t => t.name).sort()).toEqual([
        'orders-created',
        'orders-shipped',
      ]);
    });

    prod.faults.expireWatchHistory();
    prod.faults.dropWatches();
    prod.api.delete(
      'kafka.strimzi.io/v1',
      'KafkaTopic',
      'orders-created',
      'kafka',
    );
    await eventually(async () => {
      const shared = (await entity()).clusters.find(
        c => c.ref.name === 'shared',
      )!;
      expect(shared.topics.map(t => t.name)).toEqual(['orders-shipped']);
    });
  });

  it('reports a cluster that goes away once, naming what it could no longer read, and recovers', async () => {
    const legacy = sandbox.cluster('legacy');
    await legacy.faults.set({ refuseConnections: true });
    try {
      const errors = await eventually(async () => {
        const found = (await fleet()).kubernetesClusters.find(
          c => c.name === 'legacy',
        )!.errors;
        expect(found.map(e => e.kind)).toEqual(['unreachable']);
        return found;
      });
      expect(errors[0].resource).toMatch(
        /kafkas\.kafka\.strimzi\.io.* and \d+ more/,
      );
    } finally {
      await legacy.faults.clear();
    }
    await eventually(async () => {
      expect(
        (await fleet()).kubernetesClusters.find(c => c.name === 'legacy')!
          .errors,
      ).toEqual([]);
    }, 40_000);
  });

  it('serves one Kafka cluster, and refuses requests without credentials', async () => {
    const res = await request(server)
      .get('/api/kafka-clusters/clusters/prod/namespaces/kafka/kafkas/shared')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.status.ref).toEqual({
      cluster: 'prod',
      namespace: 'kafka',
      name: 'shared',
    });

    const none = mockCredentials.none.header();
    const anonymous = await request(server)
      .get('/api/kafka-clusters/clusters')
      .set('Authorization', none);
    expect(anonymous.status).toBe(401);
    const health = await request(server)
      .get('/api/kafka-clusters/health')
      .set('Authorization', none);
    expect(health.status).toBe(200);
  });
});
