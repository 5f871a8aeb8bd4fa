import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KafkaEntityStatusResponse,
  KafkaFleetResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  Sandbox,
  startKubectlProxy,
  startSandbox,
} from '@k8s-kafka/kube-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ID, orders, eventually } from './__testUtils__/entities';
import { kafkaClustersPlugin } from './plugin';
import {
  ensureNamespace,
  put,
  strimziCluster,
} from './__testUtils__/sandboxObjects';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();

/** A `kubernetes-cluster` Resource as the Kubernetes plugin's catalog locator reads it. */
function locatedCluster(name: string, url: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'kubernetes.io/api-server': url,
        'kubernetes.io/api-server-certificate-authority': 'unused-over-http',
        'kubernetes.io/auth-provider': 'localKubectlProxy',
        // Plain HTTP to a loopback proxy, allowed by the locator's dangerous options below.
        'kubernetes.io/skip-tls-verify': 'true',
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'platform' },
  };
}

describe('kafka-clusters backend: where its Kubernetes clusters come from', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(
        path.join(os.tmpdir(), 'kafka-cluster-sources-'),
      ),
      clusters: [
        {
          name: 'scoped',
          crdSets: ['strimzi-1.2.0'],
          // A Role in team-a only: every cluster-wide list and every other namespace is 403.
          tokens: [
            {
              name: 'team-a',
              rules: [
                {
                  verbs: ['get', 'list', 'watch'],
                  resources: ['*'],
                  namespaces: ['team-a'],
                },
              ],
            },
          ],
        },
        { name: 'blue', crdSets: ['strimzi-1.2.0'] },
        { name: 'green', crdSets: ['strimzi-1.2.0'] },
      ],
    });
    for (const [cluster, namespace, name] of [
      ['scoped', 'team-a', 'orders-a'],
      ['scoped', 'team-b', 'orders-b'],
      ['blue', 'orders', 'orders-blue'],
      ['green', 'orders', 'orders-green'],
    ]) {
      const target = sandbox.cluster(cluster);
      ensureNamespace(target, namespace);
      strimziCluster({ namespace, name, labels: { [ID]: 'orders' } }).forEach(
        o => put(target, o),
      );
    }
  });

  afterAll(async () => {
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  async function startBackend(options: {
    data: NonNullable<
      Parameters<typeof mockServices.rootConfig.factory>[0]
    >['data'];
    catalog?: ReturnType<typeof catalogServiceMock.mock>;
  }) {
    const backend = await startTestBackend({
      features: [
        kafkaClustersPlugin,
        options.catalog?.factory ??
          catalogServiceMock.factory({ entities: [orders] }),
        mockServices.rootConfig.factory({ data: options.data }),
      ],
    });
    const get = async <T>(route: string) => {
      const res = await request(backend.server)
        .get(`/api/kafka-clusters${route}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      return res.body as T;
    };
    return {
      stop: () => backend.stop(),
      fleet: () => get<KafkaFleetResponse>('/clusters'),
      entity: () =>
        get<KafkaEntityStatusResponse>('/entities/default/component/orders'),
    };
  }

  it('watches only the configured namespaces where the token may not list cluster-wide, and reports the namespace it may not read', async () => {
    const scoped = sandbox.cluster('scoped');
    const backend = await startBackend({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'scoped',
                  url: scoped.url,
                  caFile: scoped.caFile,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: scoped.tokens['team-a'],
                },
              ],
            },
          ],
        },
        kafkaClusters: {
          kubernetesClusters: { scoped: { namespaces: ['team-a', 'team-b'] } },
          cache: { rebuildEveryMilliseconds: 100 },
        },
      },
    });
    try {
      const body = await eventually(async () => {
        const b = await backend.entity();
        expect(b.clusters.map(c => c.ref.name)).toEqual(['orders-a']);
        return b;
      });
      expect(body.clusters[0]).toMatchObject({
        ref: { cluster: 'scoped', namespace: 'team-a' },
        health: 'healthy',
      });
      const scopedState = (await backend.fleet()).kubernetesClusters.find(
        c => c.name === 'scoped',
      )!;
      expect(scopedState.state).not.toBe('failed');
      expect(scopedState.kafkaClusters).toBe(1);
      expect(new Set(scopedState.errors.map(e => e.kind))).toEqual(
        new Set(['forbidden']),
      );
      expect(new Set(scopedState.errors.map(e => e.namespace))).toEqual(
        new Set(['team-b']),
      );
    } finally {
      await backend.stop();
    }
  });

  it('follows Kubernetes clusters located in the catalog as they appear, move and go', async () => {
    const blue = await startKubectlProxy(sandbox.cluster('blue'));
    const green = await startKubectlProxy(sandbox.cluster('green'));
    let entities: Entity[] = [orders, locatedCluster('located', blue.url)];
    const read = () => catalogServiceMock({ entities });
    const catalog = catalogServiceMock.mock({
      getEntities: (req, opts) => read().getEntities(req, opts),
      getEntityByRef: (ref, opts) => read().getEntityByRef(ref, opts),
      getEntitiesByRefs: (req, opts) => read().getEntitiesByRefs(req, opts),
    });
    const backend = await startBackend({
      catalog,
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'catalog',
              dangerouslyAllowSkipTLSVerify: true,
              // The sandbox listens on loopback, which catalog clusters may not use unless allowed.
              dangerouslyAllowClusterUrls: ['127.0.0.1'],
            },
          ],
        },
        kafkaClusters: {
          cache: {
            rebuildEveryMilliseconds: 100,
            catalogClustersEverySeconds: 0.2,
          },
        },
      },
    });
    const kafkas = async () =>
      (await backend.entity()).clusters.map(
        c => `${c.ref.cluster}/${c.ref.namespace}/${c.ref.name}`,
      );
    try {
      await eventually(async () =>
        expect(await kafkas()).toEqual(['located/orders/orders-blue']),
      );

      // The same catalog name now points at another API server: a new cache, not the old one.
      entities = [orders, locatedCluster('located', green.url)];
      await eventually(async () =>
        expect(await kafkas()).toEqual(['located/orders/orders-green']),
      );

      entities = [orders];
      await eventually(async () => {
        expect(
          (await backend.fleet()).kubernetesClusters.map(c => c.name),
        ).toEqual([]);
        expect(await kafkas()).toEqual([]);
      });
    } finally {
      await backend.stop();
      await blue.close();
      await green.close();
    }
  });
});
