import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox, SandboxCluster, startSandbox } from '@k8s-kafka/kube-sandbox';
import { createKubernetesClusterAccess } from './clusterAccess';

jest.setTimeout(60_000);

const TOPICS = {
  group: 'kafka.strimzi.io',
  version: 'v1',
  kind: 'KafkaTopic',
  plural: 'kafkatopics',
};

function topic(namespace: string, name: string) {
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: {
      name,
      namespace,
      labels: { 'strimzi.io/cluster': 'orders-kafka' },
    },
    spec: { partitions: 3, replicas: 3 },
  };
}

function catalogCluster(name: string, url: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'kubernetes.io/api-server': url,
        'kubernetes.io/api-server-certificate-authority': 'unused',
        'kubernetes.io/auth-provider': 'localKubectlProxy',
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'platform' },
  };
}

describe('createKubernetesClusterAccess', () => {
  let sandbox: Sandbox;
  let cluster: SandboxCluster;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-access-')),
      clusters: [{ name: 'prod', crdSets: ['strimzi-1.2.0'] }],
    });
    cluster = sandbox.cluster('prod');
    for (const ns of ['orders', 'billing']) {
      cluster.api.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      } as any);
    }
    for (const name of ['a', 'b', 'c']) {
      cluster.api.create(topic('orders', `orders-${name}`) as any);
    }
    cluster.api.create(topic('billing', 'billing-a') as any);
  });

  afterAll(async () => {
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  function access(
    options: { catalog?: Entity[]; failingCatalog?: boolean } = {},
  ) {
    const logger = mockServices.logger.mock();
    const inMemory = catalogServiceMock({ entities: options.catalog ?? [] });
    const catalog = catalogServiceMock.mock({
      getEntities: async (request, o) => {
        if (options.failingCatalog) throw new Error('catalog is down');
        return inMemory.getEntities(request, o);
      },
    });
    const config = mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'prod',
                  url: cluster.url,
                  caFile: cluster.caFile,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: cluster.token,
                },
              ],
            },
            {
              type: 'catalog',
              dangerouslyAllowClusterUrls: ['*.example.com'],
            },
          ],
        },
      },
    });
    return {
      logger,
      clusters: createKubernetesClusterAccess({
        config,
        logger,
        auth: mockServices.auth(),
        catalog,
      }),
    };
  }

  it('lists the configured clusters, then the catalog’s; a configured cluster wins, once logged', async () => {
    const { clusters, logger } = access({
      catalog: [
        catalogCluster('prod', 'https://prod.example.com'),
        catalogCluster('dev', 'https://dev.example.com'),
      ],
    });
    const list = await clusters.listClusters();
    expect(list.catalogError).toBeUndefined();
    expect(list.clusters.map(c => [c.name, c.url])).toEqual([
      ['prod', cluster.url],
      ['dev', 'https://dev.example.com'],
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      "Ignoring catalog Kubernetes cluster 'prod': a configured cluster has that name",
    );
  });

  it('keeps the configured clusters and reports the catalog’s failure', async () => {
    const { clusters } = access({ failingCatalog: true });
    const list = await clusters.listClusters();
    expect(list.clusters.map(c => c.name)).toEqual(['prod']);
    expect(list.catalogError?.message).toBe('catalog is down');
    await expect(clusters.catalogClusters()).rejects.toThrow('catalog is down');
  });

  it('lists a kind cluster-wide and per namespace, with the server-side credential', async () => {
    const { clusters } = access();
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    const names = (objects: Record<string, any>[]) =>
      objects.map(o => `${o.metadata.namespace}/${o.metadata.name}`).sort();
    expect(
      names(await clusters.list(kc, TOPICS, 'v1', { timeoutMs: 10_000 })),
    ).toEqual([
      'billing/billing-a',
      'orders/orders-a',
      'orders/orders-b',
      'orders/orders-c',
    ]);
    const inOrders = await clusters.list(kc, TOPICS, 'v1', {
      timeoutMs: 10_000,
      namespaces: ['orders'],
    });
    expect(names(inOrders)).toEqual([
      'orders/orders-a',
      'orders/orders-b',
      'orders/orders-c',
    ]);
    expect(inOrders[0]).toMatchObject({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
    });
  });

  it('lists Secrets as metadata only: their names, never their data', async () => {
    cluster.api.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'orders-credentials', namespace: 'orders' },
      type: 'Opaque',
      data: { password: Buffer.from('hunter2-orders').toString('base64') },
    } as any);
    const { clusters } = access();
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    const secrets = await clusters.list(
      kc,
      { group: '', kind: 'Secret', plural: 'secrets' },
      'v1',
      { timeoutMs: 10_000, namespaces: ['orders'], metadataOnly: true },
    );
    expect(secrets.map(s => (s.metadata as any).name)).toEqual([
      'orders-credentials',
    ]);
    expect(secrets[0].data).toBeUndefined();
    expect(secrets[0].type).toBeUndefined();
    expect(JSON.stringify(secrets)).not.toContain(
      Buffer.from('hunter2-orders').toString('base64'),
    );
  });

  it('gets an object, and undefined for one that does not exist', async () => {
    const { clusters } = access();
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    const at = { ...TOPICS, namespace: 'orders' };
    expect(await clusters.get(kc, { ...at, name: 'orders-a' })).toMatchObject({
      metadata: { name: 'orders-a', namespace: 'orders' },
      spec: { partitions: 3 },
    });
    expect(await clusters.get(kc, { ...at, name: 'nope' })).toBeUndefined();
  });

  it('checks a create with a dry run (validated against the CRD, nothing stored) and creates', async () => {
    const { clusters } = access();
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    const at = { ...TOPICS, namespace: 'orders' };
    const write = { fieldManager: 'kafka-environments' };
    await clusters.create(kc, at, topic('orders', 'orders-new'), {
      ...write,
      dryRun: true,
    });
    expect(
      await clusters.get(kc, { ...at, name: 'orders-new' }),
    ).toBeUndefined();

    const invalid = topic('orders', 'orders-bad') as Record<string, any>;
    invalid.spec.partitions = 'many';
    await expect(
      clusters.create(kc, at, invalid, { ...write, dryRun: true }),
    ).rejects.toMatchObject({ statusCode: 422 });

    await clusters.create(kc, at, topic('orders', 'orders-new'), write);
    expect(await clusters.get(kc, { ...at, name: 'orders-new' })).toMatchObject(
      { metadata: { name: 'orders-new' } },
    );
  });

  it('applies server-side: a dry run stores nothing, then the object is created with this field manager', async () => {
    const { clusters } = access();
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    const at = { ...TOPICS, namespace: 'billing', name: 'billing-applied' };
    const write = { fieldManager: 'kafka-environments' };
    const object = topic('billing', 'billing-applied');
    await clusters.apply(kc, at, object, { ...write, dryRun: true });
    expect(await clusters.get(kc, at)).toBeUndefined();

    const applied = (await clusters.apply(kc, at, object, write)) as any;
    expect(applied.spec).toEqual({ partitions: 3, replicas: 3 });
    expect(
      applied.metadata.managedFields.map((f: any) => [f.manager, f.operation]),
    ).toContainEqual(['kafka-environments', 'Apply']);
    expect(await clusters.get(kc, at)).toMatchObject({
      metadata: { name: 'billing-applied' },
    });
  });

  it("keeps the API server's Status on errors: a conflict's causes name each field and its manager", async () => {
    const { clusters } = access();
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    const at = { ...TOPICS, namespace: 'billing', name: 'billing-contested' };
    const object = topic('billing', 'billing-contested');
    await clusters.apply(kc, at, object, { fieldManager: 'someone-else' });
    const changed = structuredClone(object) as Record<string, any>;
    changed.spec.partitions = 6;
    const error = await clusters
      .apply(kc, at, changed, { fieldManager: 'kafka-environments' })
      .catch(e => e);
    expect(error).toMatchObject({
      statusCode: 409,
      status: { reason: 'Conflict' },
    });
    expect(error.status.details.causes).toContainEqual(
      expect.objectContaining({
        reason: 'FieldManagerConflict',
        field: '.spec.partitions',
      }),
    );
    expect(JSON.stringify(error.status.details.causes)).toContain(
      'someone-else',
    );
    const forced = (await clusters.apply(kc, at, changed, {
      fieldManager: 'kafka-environments',
      force: true,
    })) as any;
    expect(forced.spec.partitions).toBe(6);
  });

  it('lists the kinds an apiVersion serves, with their plurals and scope', async () => {
    const { clusters } = access();
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    expect(await clusters.resources(kc, 'v1')).toContainEqual({
      name: 'namespaces',
      kind: 'Namespace',
      namespaced: false,
    });
    expect(
      await clusters.resources(kc, `${TOPICS.group}/${TOPICS.version}`),
    ).toContainEqual(
      expect.objectContaining({ kind: TOPICS.kind, namespaced: true }),
    );
    expect(await clusters.resources(kc, 'example.com/v9')).toEqual([]);
  });
});
