import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  KAFKA_STATUS_SIGNAL_CHANNEL,
  KafkaEntityStatusResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { Sandbox, SandboxCluster, startSandbox } from '@k8s-kafka/kube-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  eventually,
  ID,
  kafkaClusterResource,
  orders,
} from './__testUtils__/entities';
import { recordingLogger } from './__testUtils__/recordingLogger';
import {
  crashLoopingStatus,
  ensureNamespace,
  put,
  strimziCluster,
} from './__testUtils__/sandboxObjects';
import { kafkaClustersPlugin } from './plugin';

jest.setTimeout(90_000);

const user = mockCredentials.user.header();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

// The catalog as the catalog module and a team's catalog-info.yaml leave it: the Kafka
// cluster's Resource, owned by the platform team, and the service that depends on it.
const resource = kafkaClusterResource(
  'prod/orders/orders-kafka',
  'group:default/team-kafka',
);
const service: Entity = {
  ...orders,
  spec: { ...orders.spec, dependsOn: ['resource:default/orders-kafka'] },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-checkout' },
    { type: 'dependsOn', targetRef: 'resource:default/orders-kafka' },
  ],
};

interface Replica {
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  stop(): Promise<void>;
  lines: ReturnType<typeof recordingLogger>['lines'];
  signals: SignalPayload[];
}

describe('live status: signals and owner notifications, with two backend replicas', () => {
  let sandbox: Sandbox;
  let prod: SandboxCluster;
  const replicas: Replica[] = [];
  const sent: NotificationSendOptions[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-clusters-live-')),
      clusters: [{ name: 'prod', crdSets: ['strimzi-1.2.0'] }],
    });
    prod = sandbox.cluster('prod');
    ensureNamespace(prod, 'orders');
    strimziCluster({
      namespace: 'orders',
      name: 'orders-kafka',
      labels: { [ID]: 'orders' },
    }).forEach(o => put(prod, o));

    // One database, as replicas behind a load balancer share theirs.
    const knex = await databases.init('SQLITE_3');
    for (let i = 0; i < 2; i++) {
      const { logger, lines } = recordingLogger();
      const signals: SignalPayload[] = [];
      const backend = await startTestBackend({
        features: [
          kafkaClustersPlugin,
          catalogServiceMock.factory({ entities: [resource, service] }),
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: coreServices.logger,
            deps: {},
            factory: () => logger,
          }),
          createServiceFactory({
            service: signalsServiceRef,
            deps: {},
            factory: () => ({
              publish: async signal => void signals.push(signal),
            }),
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async options => void sent.push(options),
            }),
          }),
          mockServices.rootConfig.factory({
            data: {
              kubernetes: {
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: 'prod',
                        url: prod.url,
                        caFile: prod.caFile,
                        authProvider: 'serviceAccount',
                        serviceAccountToken: prod.token,
                      },
                    ],
                  },
                ],
              },
              kafkaClusters: {
                cache: { rebuildEveryMilliseconds: 100 },
                notifications: { gracePeriodSeconds: 2 },
              },
            },
          }),
        ],
      });
      replicas.push({
        server: backend.server,
        stop: () => backend.stop(),
        lines,
        signals,
      });
    }
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  async function healthOn(replica: Replica) {
    const res = await request(replica.server)
      .get('/api/kafka-clusters/entities/default/component/orders')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return (res.body as KafkaEntityStatusResponse).clusters.find(
      c => c.ref.name === 'orders-kafka',
    )?.health;
  }

  const lastRevision = (replica: Replica) =>
    replica.signals[replica.signals.length - 1]?.message.revision;
  const said = (replica: Replica, pattern: RegExp) =>
    replica.lines.some(line => pattern.test(line.message));
  /**
   * Waits until each replica has decided on the episode: it told the owners, or found that
   * the other one had. The replicas that found it done by the other.
   */
  const eachReplicaDecided = (told: RegExp, byOther: RegExp) =>
    eventually(async () => {
      for (const replica of replicas) {
        expect(said(replica, told) || said(replica, byOther)).toBe(true);
      }
      return replicas.filter(replica => said(replica, byOther));
    });

  const podName = 'orders-kafka-dual-role-1';
  let healthyPod: any;
  let healthyRevision: string;

  it('publishes one revision of the healthy fleet, the same on both replicas, with nothing but the revision', async () => {
    for (const replica of replicas) {
      await eventually(async () =>
        expect(await healthOn(replica)).toBe('healthy'),
      );
    }
    healthyRevision = await eventually(async () => {
      const [a, b] = replicas.map(lastRevision);
      expect(a).toBeDefined();
      expect(a).toBe(b);
      return a as string;
    });
    for (const replica of replicas) {
      for (const signal of replica.signals) {
        expect(signal.recipients).toEqual({ type: 'broadcast' });
        expect(signal.channel).toBe(KAFKA_STATUS_SIGNAL_CHANNEL);
        expect(Object.keys(signal.message)).toEqual(['revision']);
      }
    }
    expect(sent).toEqual([]);
  });

  it('when a broker crash-loops past the grace period: a new revision, and one notification to the owners from one of the two replicas', async () => {
    healthyPod = prod.api.get('v1', 'Pod', podName, 'orders');
    prod.api.updateStatus({
      ...healthyPod,
      status: crashLoopingStatus(healthyPod),
    });

    for (const replica of replicas) {
      await eventually(async () =>
        expect(await healthOn(replica)).toBe('degraded'),
      );
    }
    await eventually(async () => {
      const [a, b] = replicas.map(lastRevision);
      expect(a).not.toBe(healthyRevision);
      expect(a).toBe(b);
    });

    // Both replicas reach the episode: one tells the owners, the other finds it opened.
    expect(
      await eachReplicaDecided(
        /^Told .* that Kafka cluster prod\/orders\/orders-kafka is degraded$/,
        /another replica has opened its notification episode/,
      ),
    ).toHaveLength(1);
    expect(sent).toHaveLength(1);
    const [notice] = sent;
    expect(notice.recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/team-checkout', 'group:default/team-kafka'],
    });
    expect(notice.payload).toMatchObject({
      title: 'Kafka cluster prod/orders/orders-kafka is degraded',
      severity: 'high',
      scope: 'kafka-cluster:prod/orders/orders-kafka',
      link: '/catalog/default/resource/orders-kafka/kafka',
    });
    expect(notice.payload.description).toMatch(podName);
    expect(notice.payload.description).toMatch(/Proposed fix: .*memory/i);
  });

  it('when the broker recovers: the healthy revision again, and the same notification says so, once', async () => {
    prod.api.updateStatus({
      ...(prod.api.get('v1', 'Pod', podName, 'orders') as any),
      status: healthyPod.status,
    });
    for (const replica of replicas) {
      await eventually(async () =>
        expect(await healthOn(replica)).toBe('healthy'),
      );
    }
    // Same state, same revision: a client that already has it does not refetch.
    await eventually(async () => {
      expect(replicas.map(lastRevision)).toEqual([
        healthyRevision,
        healthyRevision,
      ]);
    });
    expect(
      await eachReplicaDecided(
        /^Told .* that Kafka cluster prod\/orders\/orders-kafka has recovered$/,
        /another replica has closed its notification episode/,
      ),
    ).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[1].payload).toMatchObject({
      title: 'Kafka cluster prod/orders/orders-kafka has recovered',
      severity: 'normal',
      // The same scope: the notifications backend updates the first notification.
      scope: sent[0].payload.scope,
    });
    expect(sent[1].recipients).toEqual(sent[0].recipients);
  });
});
