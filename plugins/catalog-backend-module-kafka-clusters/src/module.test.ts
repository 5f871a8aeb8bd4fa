import {
  Entity,
  makeValidator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Sandbox,
  SandboxCluster,
  startKubectlProxy,
  startSandbox,
} from '@k8s-kafka/kube-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SCHEDULE } from './provider/config';
import {
  cfkKafka,
  cfkRestClass,
  cfkTopic,
  put,
  strimziKafka,
  strimziTopic,
} from './__testUtils__/sandboxObjects';
import { startProvider, TestProvider } from './__testUtils__/startProvider';

jest.setTimeout(60_000);

const LONG = {
  namespace: 'analytics-clickstream-ingestion',
  name: 'clickstream-events-kafka-cluster-primary',
};

let sandbox: Sandbox;
const running: TestProvider[] = [];

function kubernetesConfig(clusters: SandboxCluster[]) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: clusters.map(c => ({
          name: c.name,
          url: c.url,
          caFile: c.caFile,
          authProvider: 'serviceAccount',
          serviceAccountToken: c.name === 'locked' ? c.tokens.nobody : c.token,
          ...(c.name === 'eu' && {
            dashboardUrl: 'https://dashboard.example.com/eu',
          }),
        })),
      },
    ],
  };
}

const PROVIDER_CONFIG = {
  defaultOwner: 'group:default/everyone',
  kubernetesClusters: { us: { defaultOwner: 'team-checkout' } },
};

async function start(
  options: {
    clusters?: string[];
    providerConfig?: object;
    catalogEntities?: Entity[];
  } = {},
) {
  const clusters = sandbox.clusters.filter(
    c => !options.clusters || options.clusters.includes(c.name),
  );
  const provider = await startProvider({
    config: {
      kubernetes: kubernetesConfig(clusters),
      catalog: {
        providers: { kafkaClusters: options.providerConfig ?? PROVIDER_CONFIG },
      },
    },
    catalogEntities: options.catalogEntities,
  });
  running.push(provider);
  return provider;
}

async function runOnce(options: Parameters<typeof start>[0] = {}) {
  const entities = await (await start(options)).run();
  if (!entities) throw new Error('no mutation');
  return entities;
}

const byName = (entities: Entity[]) =>
  new Map(entities.map(e => [e.metadata.name, e]));
const ofType = (entities: Entity[], type: string) =>
  entities.filter(e => e.spec?.type === type);
const warnings = (provider: TestProvider) =>
  provider.logger.warn.mock.calls.map(call => String(call[0]));

beforeAll(async () => {
  sandbox = await startSandbox({
    stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-kafka-')),
    clusters: [
      { name: 'eu', crdSets: ['cfk-3.3.0'] },
      { name: 'us', crdSets: ['strimzi-1.2.0'] },
      { name: 'stg', crdSets: ['strimzi-0.51.0'] },
      { name: 'bare' },
      { name: 'flaky', crdSets: ['strimzi-1.2.0'] },
      {
        name: 'locked',
        crdSets: ['strimzi-1.2.0'],
        tokens: [{ name: 'nobody', rules: [] }],
      },
    ],
  });
  put(
    sandbox.cluster('eu'),
    cfkKafka({
      namespace: 'kafka-platform',
      name: 'shared',
      annotations: {
        'k8s-kafka.io/owner': 'group:default/platform',
        'k8s-kafka.io/system': 'system:default/commerce',
      },
    }),
    cfkKafka({
      namespace: 'payments',
      name: 'payments-kafka',
      labels: {
        'k8s-kafka.io/owner': 'team-checkout',
        'k8s-kafka.io/system': 'commerce',
      },
    }),
    cfkTopic({
      namespace: 'kafka-platform',
      name: 'orders-created',
      topicName: 'orders.created',
      kafka: 'shared',
      labels: { 'backstage.io/kubernetes-id': 'orders' },
    }),
    cfkRestClass({
      namespace: 'kafka-platform',
      name: 'shared-rest',
      kafka: 'shared',
    }),
    cfkTopic({
      namespace: 'kafka-platform',
      name: 'payments-settled',
      restClass: 'shared-rest',
      labels: { 'k8s-kafka.io/owner': 'team-checkout' },
    }),
  );
  put(
    sandbox.cluster('us'),
    strimziKafka({ namespace: 'orders', name: 'orders-kafka' }),
    strimziTopic({
      namespace: 'orders',
      name: 'orders-audit',
      kafka: 'orders-kafka',
    }),
    strimziKafka({
      ...LONG,
      annotations: { 'k8s-kafka.io/owner': 'user:alice' },
    }),
  );
  put(
    sandbox.cluster('stg'),
    strimziKafka({
      namespace: 'shipping',
      name: 'shipping-kafka',
      apiVersion: 'v1beta2',
    }),
    strimziTopic({
      namespace: 'shipping',
      name: 'shipments',
      kafka: 'shipping-kafka',
      apiVersion: 'v1beta2',
    }),
  );
  put(
    sandbox.cluster('flaky'),
    strimziKafka({ namespace: 'kafka', name: 'first' }),
    strimziKafka({ namespace: 'kafka', name: 'second' }),
  );
  put(
    sandbox.cluster('locked'),
    strimziKafka({ namespace: 'kafka', name: 'hidden' }),
  );
});

afterEach(async () => {
  await Promise.all(running.splice(0).map(p => p.stop()));
  await Promise.all(sandbox.clusters.map(c => c.faults.clear()));
});

afterAll(async () => {
  await sandbox?.stop();
  if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
});

describe('catalogModuleKafkaClusterEntityProvider', () => {
  it('registers its provider and schedules it every 5 minutes by default', async () => {
    const provider = await start({ providerConfig: {} });
    expect(provider.provider.getProviderName()).toBe(
      'KafkaClusterEntityProvider',
    );
    expect(provider.schedule).toEqual(DEFAULT_SCHEDULE);
    expect(DEFAULT_SCHEDULE).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 3 },
    });
  });

  it('takes the schedule from configuration', async () => {
    const schedule = { frequency: { minutes: 1 }, timeout: { seconds: 50 } };
    const provider = await start({ providerConfig: { schedule } });
    expect(provider.schedule).toEqual(schedule);
  });

  it('discovers every Kafka of both operators and both Strimzi versions, each once', async () => {
    const entities = await runOnce();
    expect(
      ofType(entities, 'kafka-cluster')
        .map(e => e.metadata.annotations?.['k8s-kafka.io/kafka-ref'])
        .sort(),
    ).toEqual(
      [
        'eu/kafka-platform/shared',
        'eu/payments/payments-kafka',
        'flaky/kafka/first',
        'flaky/kafka/second',
        `us/${LONG.namespace}/${LONG.name}`,
        'us/orders/orders-kafka',
        // Strimzi 0.51 serves v1beta2 and v1: read at v1, once.
        'stg/shipping/shipping-kafka',
      ].sort(),
    );
    expect(entities).toHaveLength(7);
  });

  it('emits valid Resources that point back at their Kafka, with the Kubernetes plugin annotations and the dashboard', async () => {
    const entities = await runOnce();
    const validator = makeValidator();
    for (const entity of entities) {
      expect(await resourceEntityV1alpha1Validator.check(entity)).toBe(true);
      expect(validator.isValidEntityName(entity.metadata.name)).toBe(true);
    }
    expect(byName(entities).get('eu_kafka-platform_shared')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'eu_kafka-platform_shared',
        namespace: 'default',
        title: 'shared (eu/kafka-platform)',
        description:
          'Confluent for Kubernetes Kafka cluster kafka-platform/shared on Kubernetes cluster eu',
        tags: ['kafka', 'cfk'],
        annotations: {
          'backstage.io/managed-by-location': 'kafka-clusters:eu',
          'backstage.io/managed-by-origin-location': 'kafka-clusters:eu',
          'k8s-kafka.io/kafka-ref': 'eu/kafka-platform/shared',
          'backstage.io/kubernetes-cluster': 'eu',
          'backstage.io/kubernetes-namespace': 'kafka-platform',
          'backstage.io/kubernetes-label-selector': 'app=shared',
        },
        links: [
          {
            url: 'https://dashboard.example.com/eu',
            title: 'Kubernetes dashboard of eu',
            icon: 'dashboard',
            type: 'dashboard',
          },
        ],
      },
      spec: {
        type: 'kafka-cluster',
        owner: 'group:default/platform',
        system: 'system:default/commerce',
      },
    });
    const orders = byName(entities).get('us_orders_orders-kafka');
    expect(orders?.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-label-selector':
        'strimzi.io/cluster=orders-kafka',
    });
    expect(orders?.metadata.links).toBeUndefined();
  });

  it('hands each entity over under its Kubernetes cluster as location key', async () => {
    const provider = await start({ clusters: ['eu', 'stg'] });
    await provider.run();
    const [mutation] = provider.mutations;
    expect(
      mutation.type === 'full' &&
        mutation.entities.map(d => d.locationKey).sort(),
    ).toEqual(['kafka-clusters:eu', 'kafka-clusters:eu', 'kafka-clusters:stg']);
  });

  it('owns each Kafka by its annotation, its label, its Kubernetes cluster default, or the global default', async () => {
    const entities = byName(await runOnce());
    const owner = (name: string) => entities.get(name)?.spec?.owner;
    const system = (name: string) => entities.get(name)?.spec?.system;
    expect(owner('eu_kafka-platform_shared')).toBe('group:default/platform');
    expect(owner('eu_payments_payments-kafka')).toBe(
      'group:default/team-checkout',
    );
    expect(owner('us_orders_orders-kafka')).toBe('group:default/team-checkout');
    expect(owner('stg_shipping_shipping-kafka')).toBe('group:default/everyone');
    expect(system('eu_kafka-platform_shared')).toBe('system:default/commerce');
    expect(system('eu_payments_payments-kafka')).toBe(
      'system:default/commerce',
    );
    expect(system('us_orders_orders-kafka')).toBeUndefined();
  });

  it('names a Kafka too long for a plain name within 63 characters, the same on every run', async () => {
    const provider = await start({ clusters: ['us'] });
    const first = await provider.run();
    const second = await provider.run();
    const long = first!.find(
      e =>
        e.metadata.annotations?.['k8s-kafka.io/kafka-ref'] ===
        `us/${LONG.namespace}/${LONG.name}`,
    )!;
    expect(long.metadata.name).toMatch(
      /^us_analytics-clickstream-ingestion_clickstream-event-[0-9a-f]{10}$/,
    );
    expect(long.metadata.name).toHaveLength(63);
    expect(long.spec?.owner).toBe('user:default/alice');
    expect(second!.map(e => e.metadata.name)).toEqual(
      first!.map(e => e.metadata.name),
    );
  });

  it('emits no topics unless configured to', async () => {
    const entities = await runOnce();
    expect(ofType(entities, 'kafka-topic')).toEqual([]);
  });

  it('emits topics as dependencies of their cluster, owned like it unless labelled', async () => {
    const entities = await runOnce({
      providerConfig: { ...PROVIDER_CONFIG, topics: { enabled: true } },
    });
    const topics = byName(ofType(entities, 'kafka-topic'));
    expect([...topics.keys()].sort()).toEqual([
      'topic_eu_kafka-platform_orders-created',
      'topic_eu_kafka-platform_payments-settled',
      'topic_stg_shipping_shipments',
      'topic_us_orders_orders-audit',
    ]);
    expect(topics.get('topic_eu_kafka-platform_orders-created')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'topic_eu_kafka-platform_orders-created',
        namespace: 'default',
        title: 'orders.created',
        description:
          'Kafka topic orders.created (KafkaTopic kafka-platform/orders-created) of Kafka cluster kafka-platform/shared on Kubernetes cluster eu',
        tags: ['kafka-topic', 'cfk'],
        annotations: {
          'backstage.io/managed-by-location': 'kafka-clusters:eu',
          'backstage.io/managed-by-origin-location': 'kafka-clusters:eu',
          'k8s-kafka.io/kafka-topic-ref': 'eu/kafka-platform/orders-created',
        },
      },
      spec: {
        type: 'kafka-topic',
        owner: 'group:default/platform',
        system: 'system:default/commerce',
        dependencyOf: ['resource:default/eu_kafka-platform_shared'],
      },
    });
    // Placed through its KafkaRestClass, and labelled with an owner of its own.
    expect(
      topics.get('topic_eu_kafka-platform_payments-settled')?.spec,
    ).toMatchObject({
      owner: 'group:default/team-checkout',
      dependencyOf: ['resource:default/eu_kafka-platform_shared'],
    });
    expect(topics.get('topic_us_orders_orders-audit')?.spec).toMatchObject({
      owner: 'group:default/team-checkout',
      dependencyOf: ['resource:default/us_orders_orders-kafka'],
    });
    expect(topics.get('topic_stg_shipping_shipments')?.spec).toMatchObject({
      owner: 'group:default/everyone',
      dependencyOf: ['resource:default/stg_shipping_shipping-kafka'],
    });
    for (const topic of topics.values()) {
      expect(await resourceEntityV1alpha1Validator.check(topic)).toBe(true);
    }
  });

  it('removes a deleted Kafka with the next run', async () => {
    const us = sandbox.cluster('us');
    put(us, strimziKafka({ namespace: 'temporary', name: 'short-lived' }));
    const provider = await start({ clusters: ['us'] });
    const before = await provider.run();
    expect(before!.map(e => e.metadata.name)).toContain(
      'us_temporary_short-lived',
    );
    us.api.delete('kafka.strimzi.io/v1', 'Kafka', 'short-lived', 'temporary');
    const after = await provider.run();
    expect(after!.map(e => e.metadata.name)).not.toContain(
      'us_temporary_short-lived',
    );
    expect(after).toHaveLength(before!.length - 1);
  });

  it('keeps the entities of a Kubernetes cluster it cannot reach, says why, and follows it again once back', async () => {
    const flaky = sandbox.cluster('flaky');
    const provider = await start({ clusters: ['flaky', 'stg'] });
    const before = await provider.run();
    expect(before).toHaveLength(3);

    await flaky.faults.set({ refuseConnections: true });
    flaky.api.delete('kafka.strimzi.io/v1', 'Kafka', 'second', 'kafka');
    put(
      sandbox.cluster('stg'),
      strimziKafka({
        namespace: 'shipping',
        name: 'extra',
        apiVersion: 'v1beta2',
      }),
    );
    const during = await provider.run();
    expect(during!.map(e => e.metadata.name).sort()).toEqual([
      'flaky_kafka_first',
      'flaky_kafka_second',
      'stg_shipping_extra',
      'stg_shipping_shipping-kafka',
    ]);
    expect(warnings(provider)).toEqual([
      expect.stringMatching(
        /^Cannot read Kubernetes cluster 'flaky', keeping its 2 entities from the last good read: The API server cannot be reached \(ECONNREFUSED\)/,
      ),
    ]);

    await flaky.faults.clear();
    const after = await provider.run();
    expect(after!.map(e => e.metadata.name).sort()).toEqual([
      'flaky_kafka_first',
      'stg_shipping_extra',
      'stg_shipping_shipping-kafka',
    ]);
    sandbox
      .cluster('stg')
      .api.delete('kafka.strimzi.io/v1beta2', 'Kafka', 'extra', 'shipping');
    put(flaky, strimziKafka({ namespace: 'kafka', name: 'second' }));
  });

  it('after a restart, keeps an unreachable cluster’s entities as the catalog has them', async () => {
    const flaky = sandbox.cluster('flaky');
    const emitted = await runOnce({ clusters: ['flaky'] });
    expect(emitted).toHaveLength(2);
    // What the catalog serves: the provider's entities plus what processing added.
    const inCatalog = emitted.map(e => ({
      ...e,
      metadata: { ...e.metadata, uid: `uid-${e.metadata.name}`, etag: 'e1' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/everyone' }],
    }));
    await flaky.faults.set({ refuseConnections: true });
    const restarted = await start({
      clusters: ['flaky'],
      catalogEntities: inCatalog,
    });
    const kept = await restarted.run();
    expect(kept).toEqual(emitted);
  });

  it('leaves the catalog alone when neither the cluster nor the catalog can tell', async () => {
    const flaky = sandbox.cluster('flaky');
    await flaky.faults.set({ refuseConnections: true });
    const catalog = catalogServiceMock.mock({
      getEntities: async () => {
        throw new Error('catalog unavailable');
      },
    });
    const provider = await startProvider({
      config: {
        kubernetes: kubernetesConfig([flaky]),
        catalog: { providers: { kafkaClusters: PROVIDER_CONFIG } },
      },
      catalog,
    });
    running.push(provider);
    expect(await provider.run()).toBeUndefined();
    expect(warnings(provider)).toEqual([
      expect.stringContaining(
        "Cannot read Kubernetes cluster 'flaky' (The API server cannot be reached (ECONNREFUSED)), nor its earlier entities from the catalog (catalog unavailable)",
      ),
    ]);
  });

  it('takes no entities from a cluster without the operators’ CRDs, and reports refused credentials', async () => {
    const provider = await start({ clusters: ['bare', 'locked'] });
    expect(await provider.run()).toEqual([]);
    expect(warnings(provider)).toEqual([
      expect.stringMatching(
        /^Cannot read Kubernetes cluster 'locked', keeping its 0 entities from the last good read: Forbidden \(403\)/,
      ),
    ]);
  });

  it('warns about owner values it cannot use, and falls back', async () => {
    const us = sandbox.cluster('us');
    put(
      us,
      strimziKafka({
        namespace: 'odd',
        name: 'odd-kafka',
        annotations: { 'k8s-kafka.io/owner': 'component:orders' },
      }),
    );
    const provider = await start({ clusters: ['us'] });
    const entities = byName((await provider.run())!);
    expect(entities.get('us_odd_odd-kafka')?.spec?.owner).toBe(
      'group:default/team-checkout',
    );
    expect(warnings(provider)).toEqual([
      "Ignoring a value on us/odd/odd-kafka: annotation k8s-kafka.io/owner: 'component:orders' names a component; expected group or user",
    ]);
    us.api.delete('kafka.strimzi.io/v1', 'Kafka', 'odd-kafka', 'odd');
  });

  it('reads Kubernetes clusters located in the catalog, with its own service credentials', async () => {
    const proxy = await startKubectlProxy(sandbox.cluster('stg'));
    try {
      const located: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'stg-from-catalog',
          annotations: {
            'kubernetes.io/api-server': proxy.url,
            'kubernetes.io/api-server-certificate-authority':
              'unused-over-http',
            'kubernetes.io/auth-provider': 'localKubectlProxy',
            // Plain HTTP to the loopback proxy, allowed by the locator's dangerous option.
            'kubernetes.io/skip-tls-verify': 'true',
          },
        },
        spec: { type: 'kubernetes-cluster', owner: 'platform' },
      };
      const inMemory = catalogServiceMock({ entities: [located] });
      const catalog = catalogServiceMock.mock({
        getEntities: (request, options) =>
          inMemory.getEntities(request, options),
      });
      const provider = await startProvider({
        config: {
          kubernetes: {
            clusterLocatorMethods: [
              ...kubernetesConfig([sandbox.cluster('eu')])
                .clusterLocatorMethods,
              {
                type: 'catalog',
                dangerouslyAllowSkipTLSVerify: true,
                // The sandbox listens on loopback, which catalog clusters may not use unless allowed.
                dangerouslyAllowClusterUrls: ['127.0.0.1'],
              },
            ],
          },
          catalog: { providers: { kafkaClusters: PROVIDER_CONFIG } },
        },
        catalog,
      });
      running.push(provider);
      const entities = (await provider.run())!;
      expect(
        entities
          .map(e => e.metadata.annotations?.['k8s-kafka.io/kafka-ref'])
          .sort(),
      ).toEqual([
        'eu/kafka-platform/shared',
        'eu/payments/payments-kafka',
        'stg-from-catalog/shipping/shipping-kafka',
      ]);
      expect(catalog.getEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: expect.objectContaining({
            'spec.type': 'kubernetes-cluster',
          }),
        }),
        {
          credentials: expect.objectContaining({
            principal: expect.objectContaining({ type: 'service' }),
          }),
        },
      );
    } finally {
      await proxy.close();
    }
  });

  it('lists only the namespaces of the namespace-scoped mode where the credentials may not list cluster-wide', async () => {
    const own = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-kafka-scoped-')),
      clusters: [
        {
          name: 'scoped',
          crdSets: ['strimzi-1.2.0'],
          // A Role in team-a and team-b only, as a namespace-scoped backend gets.
          tokens: [
            {
              name: 'teams',
              rules: [
                {
                  verbs: ['get', 'list', 'watch'],
                  resources: ['*'],
                  namespaces: ['team-a', 'team-b'],
                },
              ],
            },
          ],
        },
      ],
    });
    try {
      const scoped = own.cluster('scoped');
      put(
        scoped,
        strimziKafka({ namespace: 'team-a', name: 'a-kafka' }),
        strimziKafka({ namespace: 'team-b', name: 'b-kafka' }),
        strimziKafka({ namespace: 'team-c', name: 'c-kafka' }),
      );
      const configFor = (namespaces?: string[]) => ({
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
                  serviceAccountToken: scoped.tokens.teams,
                },
              ],
            },
          ],
        },
        ...(namespaces && {
          kafkaClusters: { kubernetesClusters: { scoped: { namespaces } } },
        }),
        catalog: { providers: { kafkaClusters: PROVIDER_CONFIG } },
      });

      const clusterWide = await startProvider({ config: configFor() });
      running.push(clusterWide);
      expect(await clusterWide.run()).toEqual([]);
      expect(warnings(clusterWide).join('\n')).toMatch(
        /Cannot read Kubernetes cluster 'scoped'.*[Ff]orbidden/,
      );

      const namespaced = await startProvider({
        config: configFor(['team-a', 'team-b']),
      });
      running.push(namespaced);
      const entities = (await namespaced.run())!;
      expect(entities.map(e => e.metadata.name).sort()).toEqual([
        'scoped_team-a_a-kafka',
        'scoped_team-b_b-kafka',
      ]);
    } finally {
      await own.stop();
      fs.rmSync(own.stateDir, { recursive: true, force: true });
    }
  });

  it('leaves the catalog alone on a first run that cannot list the catalog’s Kubernetes clusters', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: async () => {
        throw new Error('catalog unavailable');
      },
    });
    const provider = await startProvider({
      config: {
        kubernetes: {
          clusterLocatorMethods: [
            ...kubernetesConfig([sandbox.cluster('eu')]).clusterLocatorMethods,
            { type: 'catalog' },
          ],
        },
        catalog: { providers: { kafkaClusters: PROVIDER_CONFIG } },
      },
      catalog,
    });
    running.push(provider);
    expect(await provider.run()).toBeUndefined();
    expect(warnings(provider)).toEqual([
      expect.stringContaining(
        'Cannot read Kubernetes clusters from the catalog and no earlier run is known',
      ),
    ]);
  });

  it('reads the cluster behind kubectl proxy when the localKubectlProxy locator is configured', async () => {
    // The locator's address is fixed: kubectl proxy's default port.
    const proxy = await startKubectlProxy(sandbox.cluster('stg'), 8001);
    try {
      const provider = await startProvider({
        config: {
          kubernetes: {
            clusterLocatorMethods: [{ type: 'localKubectlProxy' }],
          },
          catalog: { providers: { kafkaClusters: PROVIDER_CONFIG } },
        },
      });
      running.push(provider);
      expect((await provider.run())!.map(e => e.metadata.name)).toEqual([
        'local_shipping_shipping-kafka',
      ]);
    } finally {
      await proxy.close();
    }
  });
});
