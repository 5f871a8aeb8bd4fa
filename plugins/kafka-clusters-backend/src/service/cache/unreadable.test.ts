import { CacheService } from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KafkaClusterStatus,
  KafkaEntityStatusResponse,
  KafkaFleetResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { defaultOperatorAdapters } from '@k8s-kafka/plugin-kafka-clusters-node';
import { Sandbox, SandboxCluster, startSandbox } from '@k8s-kafka/kube-sandbox';
import express from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { eventually, ID, orders } from '../../__testUtils__/entities';
import {
  ensureNamespace,
  put,
  readyPod,
  strimziCluster,
} from '../../__testUtils__/sandboxObjects';
import { readFleetCacheSettings } from '../config';
import { createRouter } from '../router';
import { createServedStatuses } from '../aging';
import { createKafkaStatusService } from '../statusService';
import { createFleetCache, FleetCache } from './fleetCache';

jest.setTimeout(60_000);

const noCache: CacheService = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
  withOptions: () => noCache,
};

const KAFKAS = '^/apis/kafka\\.strimzi\\.io/v1/kafkas$';
const NODE_POOLS = '^/apis/kafka\\.strimzi\\.io/v1/kafkanodepools$';

/**
 * The backend loses read access to Strimzi's Kafka kind on a cluster it had synced: the verdict
 * of the entity's Kafka cluster must never read better than before, and the fleet must not say
 * the cluster is synced with no Kafka cluster.
 */
describe('a kind that becomes unreadable', () => {
  let sandbox: Sandbox;
  let fleet: FleetCache;
  let app: express.Express;

  /** One Kafka cluster of `orders` per Kubernetes cluster; on `crashing`, broker 1 crash-loops. */
  function seed(cluster: SandboxCluster, crashing: boolean) {
    ensureNamespace(cluster, 'orders');
    for (const object of strimziCluster({
      namespace: 'orders',
      name: 'orders-kafka',
      labels: { [ID]: 'orders' },
    })) {
      const pod = object.metadata.name === 'orders-kafka-dual-role-1';
      if (!(crashing && pod)) {
        put(cluster, object);
        continue;
      }
      put(cluster, {
        ...object,
        status: readyPod({
          namespace: 'orders',
          name: object.metadata.name,
          labels: object.metadata.labels,
          annotations: object.metadata.annotations,
          ready: false,
          restarts: 7,
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 5m0s restarting failed container',
          },
          lastTermination: { reason: 'OOMKilled', exitCode: 137 },
        }).status,
      });
    }
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-unreadable-')),
      clusters: [
        { name: 'degraded', crdSets: ['strimzi-1.2.0'] },
        { name: 'healthy', crdSets: ['strimzi-1.2.0'] },
      ],
    });
    seed(sandbox.cluster('degraded'), true);
    seed(sandbox.cluster('healthy'), false);

    const config = mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: sandbox.clusters.map(c => ({
                name: c.name,
                url: c.url,
                caFile: c.caFile,
                authProvider: 'serviceAccount',
                serviceAccountToken: c.token,
              })),
            },
          ],
        },
        kafkaClusters: { cache: { rebuildEveryMilliseconds: 100 } },
      },
    });
    const catalog = catalogServiceMock({ entities: [orders] });
    const settings = readFleetCacheSettings(config);
    fleet = createFleetCache({
      config,
      logger: mockServices.logger.mock(),
      auth: mockServices.auth(),
      catalog,
      adapters: defaultOperatorAdapters,
      settings,
    });
    await fleet.start();
    await fleet.firstSync();
    app = express()
      .use(
        await createRouter({
          httpAuth: mockServices.httpAuth(),
          statusService: createKafkaStatusService({
            fleet,
            catalog,
            permissions: mockServices.permissions.mock({
              authorize: async () => [{ result: AuthorizeResult.ALLOW }],
            }),
            cache: noCache,
            logger: mockServices.logger.mock(),
            served: createServedStatuses({
              fleet,
              thresholds: settings.thresholds,
            }),
          }),
        }),
      )
      .use(mockErrorHandler());
  });

  afterAll(async () => {
    fleet?.stop();
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  const kafkaOn = async (cluster: string): Promise<KafkaClusterStatus> => {
    const res = await request(app).get('/entities/default/component/orders');
    expect(res.status).toBe(200);
    const found = (res.body as KafkaEntityStatusResponse).clusters.find(
      c => c.ref.cluster === cluster,
    );
    expect(found).toBeDefined();
    return found!;
  };
  const kubernetesCluster = async (name: string) => {
    const res = await request(app).get('/clusters');
    return (res.body as KafkaFleetResponse).kubernetesClusters.find(
      c => c.name === name,
    )!;
  };

  it('reads both clusters before the fault: one degraded by its crash-looping broker, one healthy', async () => {
    await eventually(async () => {
      const degraded = await kafkaOn('degraded');
      expect(degraded.health).toBe('degraded');
      expect(degraded.reasons.map(r => r.code)).toContain('PodCrashLooping');
      expect((await kafkaOn('healthy')).health).toBe('healthy');
    });
  });

  it('keeps a degraded cluster degraded, stale and named, after a 403 on kafkas and a 401 that refreshes the credential', async () => {
    const cluster = sandbox.cluster('degraded');
    await cluster.faults.set({
      errors: [
        { path: KAFKAS, code: 403, message: 'kafkas is forbidden' },
        // One refusal of the token: the cache gets a new credential and restarts every feed.
        { path: NODE_POOLS, code: 401, times: 1 },
      ],
    });
    cluster.faults.dropWatches();

    const after = await eventually(async () => {
      const status = await kafkaOn('degraded');
      expect(status.reasons.map(r => r.code)).toContain('DataUnreadable');
      // The refresh restarted every feed: node pools were listed again after the 401.
      expect(
        cluster.requests().resources['kafkanodepools.kafka.strimzi.io']?.list,
      ).toBeGreaterThanOrEqual(2);
      return status;
    });
    expect(after.health).toBe('degraded');
    expect(after.reasons.map(r => r.code)).toContain('PodCrashLooping');
    const unreadable = after.reasons.find(r => r.code === 'DataUnreadable')!;
    expect(unreadable.message).toMatch(
      /^Cannot read kafkas\.kafka\.strimzi\.io \(HTTP 403\)/,
    );
    expect(unreadable.impact).toBe('unknown');
    expect(after.freshness.stale).toBe(true);

    const state = await kubernetesCluster('degraded');
    expect(state.state).toBe('stale');
    expect(state.kafkaClusters).toBe(1);
    expect(state.errors.map(e => e.kind)).toContain('forbidden');
  });

  it('turns a healthy cluster unknown, never healthy, while its Kafka kind cannot be read', async () => {
    const cluster = sandbox.cluster('healthy');
    await cluster.faults.set({ errors: [{ path: KAFKAS, code: 403 }] });
    cluster.faults.dropWatches();

    const after = await eventually(async () => {
      const status = await kafkaOn('healthy');
      expect(status.reasons.map(r => r.code)).toContain('DataUnreadable');
      return status;
    });
    expect(after.health).toBe('unknown');
    expect(after.brokers).toMatchObject({ desired: 3, ready: 3 });
    expect((await kubernetesCluster('healthy')).state).toBe('stale');
  });

  it('is current and healthy again once the kind can be read', async () => {
    const cluster = sandbox.cluster('healthy');
    await cluster.faults.clear();
    cluster.faults.dropWatches();
    await eventually(async () => {
      const status = await kafkaOn('healthy');
      expect(status.health).toBe('healthy');
      expect(status.reasons.map(r => r.code)).not.toContain('DataUnreadable');
      expect(status.freshness.stale).toBe(false);
      expect((await kubernetesCluster('healthy')).state).toBe('synced');
    }, 45_000);
  });
});
