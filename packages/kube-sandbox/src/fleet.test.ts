import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { CFK_CA_SECRET, DEV_NAMESPACES } from './demo/dev';
import { kafka as strimziKafka, nodePools } from './demo/strimzi';
import { CliRun, runCli } from './runCli';
import {
  kubeConfig,
  podStates,
  raw,
  tempStateDir,
  warnings,
} from './testUtils';

/*
 * The demo fleet as `npm start` runs it (the CLI, on free ports), read through kubectl with the
 * kubeconfig each cluster writes, and driven through the admin endpoint.
 */

const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const hasKubectl = (() => {
  try {
    execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// CI provides kubectl (.ci/run); elsewhere its checks are skipped when it is missing.
const withKubectl = hasKubectl || process.env.CI ? describe : describe.skip;

let run: CliRun;
let stateDir: string;
const lines: string[] = [];
const problems: string[] = [];

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${run.admin.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
};

function kubectl(cluster: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      KUBECTL,
      [
        '--kubeconfig',
        join(stateDir, cluster, 'kubeconfig'),
        '--cache-dir',
        join(stateDir, 'cache', cluster),
        ...args,
      ],
      { encoding: 'utf8' },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(stdout),
    );
  });
}

/** A table's rows as arrays of cells (columns split on two or more spaces). */
const rows = (table: string) =>
  table
    .trim()
    .split('\n')
    .map(line => line.trim().split(/\s{2,}/));

beforeAll(async () => {
  stateDir = tempStateDir('kube-sandbox-fleet-');
  run = (await runCli(
    [
      '--admin-port',
      '0',
      '--port',
      'prod-eu=0',
      '--port',
      'prod-us=0',
      '--port',
      'staging=0',
      '--port',
      'dev=0',
      '--state-dir',
      stateDir,
    ],
    {},
    { log: l => lines.push(l), warn: w => problems.push(w) },
  ))!;
}, 120_000);

afterAll(async () => {
  await run?.stop();
});

describe('the demo fleet', () => {
  it('boots with every object the simulator wrote valid against the real CRDs', () => {
    expect(problems).toEqual([]);
    for (const cluster of run.sandbox.clusters) {
      expect([
        cluster.name,
        cluster.validationOff,
        cluster.simulator!.errors(),
      ]).toEqual([cluster.name, false, []]);
    }
    expect(lines).toContain('kube-sandbox: ready');
    expect(
      lines.find(l => l.includes('orders-kafka-broker-2 crash-loops')),
    ).toBeDefined();
  });

  withKubectl('through kubectl', () => {
    it('lists what the README says, per cluster', async () => {
      expect(rows(await kubectl('prod-eu', ['get', 'kafkas', '-A']))).toEqual([
        ['NAMESPACE', 'NAME', 'REPLICAS', 'READY', 'STATUS', 'AGE'],
        ['kafka-platform', 'shared', '3', '3', 'RUNNING', '3d'],
        ['payments', 'payments-kafka', '3', '3', 'RUNNING', '3d'],
      ]);
      expect(
        rows(
          await kubectl('prod-us', ['get', 'kafkas.kafka.strimzi.io', '-A']),
        ),
      ).toEqual([
        [
          'NAMESPACE',
          'NAME',
          'READY',
          'WARNINGS',
          'KAFKA VERSION',
          'METADATA VERSION',
        ],
        ['orders', 'orders-kafka', '4.3.1', '4.3-IV0'],
      ]);
      expect(rows(await kubectl('staging', ['get', 'kafkas', '-A']))).toEqual([
        [
          'NAMESPACE',
          'NAME',
          'READY',
          'WARNINGS',
          'KAFKA VERSION',
          'METADATA VERSION',
        ],
        ['shipping', 'shipping-kafka', 'True', '4.2.0', '4.2-IV1'],
      ]);
      expect(
        rows(await kubectl('prod-us', ['get', 'kafkanodepools', '-A'])),
      ).toEqual([
        ['NAMESPACE', 'NAME', 'DESIRED REPLICAS', 'ROLES', 'NODEIDS'],
        ['orders', 'broker', '3', '["broker"]', '[0,1,2]'],
        ['orders', 'controller', '3', '["controller"]', '[3,4,5]'],
      ]);
      expect(
        rows(
          await kubectl('prod-eu', [
            'get',
            'kafkatopics',
            '-n',
            'kafka-platform',
            '-o',
            'name',
          ]),
        ),
      ).toHaveLength(10);
      expect(
        rows(
          await kubectl('prod-eu', ['get', 'clusterlinks', '-n', 'payments']),
        )[1],
      ).toEqual([
        'shared-to-payments',
        expect.stringMatching(/^[\w-]{22}$/),
        'CREATED',
        expect.any(String),
        expect.any(String),
        '1',
        '3d',
      ]);
      expect(
        rows(
          await kubectl('staging', [
            'get',
            'kafkaconnectors,kafkamirrormaker2',
            '-n',
            'shipping',
            '-o',
            'name',
          ]),
        ),
      ).toEqual([
        ['kafkaconnector.kafka.strimzi.io/shipping-events-to-s3'],
        ['kafkamirrormaker2.kafka.strimzi.io/shipping-mirror'],
      ]);
    });
  });

  it('is degraded on prod-us: a broker crash-looping since before the start, out of memory', () => {
    const { api } = run.sandbox.cluster('prod-us');
    const broker = podStates(api, 'orders')['orders-kafka-broker-2'];
    expect(broker).toMatchObject({
      phase: 'Running',
      ready: false,
      lastTerminated: 'OOMKilled',
    });
    expect(broker.restarts).toBeGreaterThanOrEqual(8);
    expect(
      warnings(api, 'orders').find(e => e.reason === 'BackOff')?.count,
    ).toBe(broker.restarts);
  });

  it("connects across the fleet: orders reports its external listener at its load balancer, staging's MirrorMaker 2 reaches prod-eu's shared through its external listener", () => {
    const us = run.sandbox.cluster('prod-us').api;
    const orders = us.get(
      'kafka.strimzi.io/v1',
      'Kafka',
      'orders-kafka',
      'orders',
    ) as any;
    const balancer = us.get(
      'v1',
      'Service',
      'orders-kafka-kafka-external-bootstrap',
      'orders',
    ) as any;
    expect(balancer.spec.type).toBe('LoadBalancer');
    const host = balancer.status.loadBalancer.ingress[0].hostname;
    expect(host).toMatch(/^a[0-9a-f]{32}\.lb\.prod-us\.example\.com$/);
    expect(orders.status.listeners).toEqual([
      {
        name: 'plain',
        addresses: [
          { host: 'orders-kafka-kafka-bootstrap.orders.svc', port: 9092 },
        ],
        bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9092',
      },
      {
        name: 'tls',
        addresses: [
          { host: 'orders-kafka-kafka-bootstrap.orders.svc', port: 9093 },
        ],
        bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9093',
      },
      {
        name: 'external',
        addresses: [{ host, port: 9094 }],
        bootstrapServers: `${host}:9094`,
      },
    ]);
    const mirror = run.sandbox
      .cluster('staging')
      .api.get(
        'kafka.strimzi.io/v1beta2',
        'KafkaMirrorMaker2',
        'shipping-mirror',
        'shipping',
      ) as any;
    expect(
      mirror.status.conditions.map((c: any) => [c.type, c.status]),
    ).toEqual([['Ready', 'True']]);
    expect(
      mirror.status.connectors.map((c: any) => [c.name, c.connector.state]),
    ).toEqual([
      ['prod-eu->staging.MirrorSourceConnector', 'RUNNING'],
      ['prod-eu->staging.MirrorCheckpointConnector', 'RUNNING'],
    ]);
    expect(
      (
        run.sandbox
          .cluster('prod-eu')
          .api.get(
            'platform.confluent.io/v1beta1',
            'Kafka',
            'shared',
            'kafka-platform',
          ) as any
      ).status.listeners.external.externalEndpoint,
    ).toBe(mirror.spec.clusters[0].bootstrapServers);
  });

  it('labels and annotates the environments for the demo catalog', () => {
    const eu = run.sandbox.cluster('prod-eu').api;
    expect(
      eu.get(
        'platform.confluent.io/v1beta1',
        'Kafka',
        'shared',
        'kafka-platform',
      )!.metadata.annotations,
    ).toMatchObject({
      'k8s-kafka.io/owner': 'group:default/platform',
      'kubectl.kubernetes.io/last-applied-configuration':
        expect.stringContaining('"name":"shared"'),
    });
    const byService = (items: any[]) =>
      items
        .map(o => o.metadata.labels?.['backstage.io/kubernetes-id'])
        .filter(Boolean)
        .sort();
    expect(
      byService(
        eu.list(
          'platform.confluent.io/v1beta1',
          'KafkaTopic',
          'kafka-platform',
        ),
      ),
    ).toEqual([
      'orders',
      'orders',
      'payments',
      'payments',
      'shipping',
      'shipping',
    ]);
    expect(
      eu.get(
        'platform.confluent.io/v1beta1',
        'Kafka',
        'payments-kafka',
        'payments',
      )!.metadata.labels,
    ).toMatchObject({
      'backstage.io/kubernetes-id': 'payments',
    });
    expect(
      run.sandbox
        .cluster('prod-us')
        .api.get('v1', 'Pod', 'orders-kafka-broker-0', 'orders')!.metadata
        .labels,
    ).toMatchObject({
      'backstage.io/kubernetes-id': 'orders',
    });
  });

  it('is progressing on staging: the roll starts shortly after start and finishes; the admin endpoint starts it again', async () => {
    const { api } = run.sandbox.cluster('staging');
    const kafka = () =>
      api.get(
        'kafka.strimzi.io/v1beta2',
        'Kafka',
        'shipping-kafka',
        'shipping',
      ) as any;
    run.sandbox.clock.advance(25_000);
    expect(kafka().metadata.generation).toBe(2);
    expect(kafka().status.observedGeneration).toBe(1);
    for (let i = 0; i < 40; i++) run.sandbox.clock.advance(5_000);
    expect(kafka().status.observedGeneration).toBe(2);

    const rolled = await admin('POST', '/clusters/staging/simulator/roll', {
      namespace: 'shipping',
      name: 'shipping-kafka',
    });
    expect(rolled).toEqual({
      status: 200,
      body: {
        kind: 'Kafka',
        namespace: 'shipping',
        name: 'shipping-kafka',
        generation: 3,
      },
    });
  });

  it('has dev open for new environments: CFK and Strimzi v1 and v1beta2 served, both simulators running, the CA Secret in each team namespace', async () => {
    const dev = run.sandbox.cluster('dev');
    expect(
      dev.servedVersions('platform.confluent.io', 'Kafka')?.versions,
    ).toEqual(['v1beta1']);
    expect(
      [
        ...(dev.servedVersions('kafka.strimzi.io', 'Kafka')?.versions ?? []),
      ].sort(),
    ).toEqual(['v1', 'v1beta2']);
    for (const ns of DEV_NAMESPACES) {
      const secret = dev.api.get('v1', 'Secret', CFK_CA_SECRET, ns) as any;
      expect(secret.type).toBe('kubernetes.io/tls');
      expect(
        Buffer.from(secret.data['tls.crt'], 'base64').toString(),
      ).toContain('BEGIN CERTIFICATE');
      expect(Object.keys(secret.data).sort()).toEqual(['tls.crt', 'tls.key']);
    }
    expect(dev.api.list('kafka.strimzi.io/v1', 'Kafka')).toEqual([]);
    // What clones of orders-kafka and payments-kafka need, provided as a platform team would.
    for (const ns of DEV_NAMESPACES) {
      const secrets = dev.api.list('v1', 'Secret', ns) as any[];
      const keys = Object.fromEntries(
        secrets.map(x => [x.metadata.name, Object.keys(x.data).sort()]),
      );
      expect(keys).toEqual({
        'ca-pair-sslcerts': ['tls.crt', 'tls.key'],
        'orders-kafka-source-ca': ['ca.crt'],
        'orders-kafka-source-user': ['password'],
        'clusterlink-source-tls': [
          'cacerts.pem',
          'fullchain.pem',
          'privkey.pem',
        ],
        'password-encoder-secret': ['password-encoder.txt'],
        'password-encoder': ['password-encoder.txt'],
        credential: ['plain-users.json'],
      });
    }
    const reader = run.sandbox
      .cluster('prod-us')
      .api.get(
        'kafka.strimzi.io/v1',
        'KafkaUser',
        'clone-reader',
        'orders',
      ) as any;
    expect(reader.spec.authentication).toEqual({ type: 'scram-sha-512' });

    const manager = { manager: 'fleet-test' };
    for (const [api, ns, name] of [
      ['kafka.strimzi.io/v1', 'team-a', 'strimzi-v1'],
      ['kafka.strimzi.io/v1beta2', 'team-b', 'strimzi-v1beta2'],
    ] as const) {
      for (const object of [
        ...nodePools(api, ns, name, '10Gi'),
        strimziKafka(api, ns, name, {}, '4.1.1', '4.1-IV1'),
      ]) {
        dev.api.apply(object, manager);
      }
    }
    const cfk = { apiVersion: 'platform.confluent.io/v1beta1' };
    const image = {
      application: 'confluentinc/cp-server:8.1.0',
      init: 'confluentinc/confluent-init-container:3.1.0',
    };
    dev.api.apply(
      {
        ...cfk,
        kind: 'KRaftController',
        metadata: { name: 'cfk-kraft', namespace: 'team-a' },
        spec: {
          replicas: 1,
          image,
          dataVolumeCapacity: '10Gi',
          tls: { autoGeneratedCerts: true },
        },
      },
      manager,
    );
    dev.api.apply(
      {
        ...cfk,
        kind: 'Kafka',
        metadata: { name: 'cfk', namespace: 'team-a' },
        spec: {
          replicas: 1,
          image,
          dataVolumeCapacity: '10Gi',
          tls: { autoGeneratedCerts: true },
          dependencies: {
            kRaftController: { clusterRef: { name: 'cfk-kraft' } },
          },
        },
      },
      manager,
    );
    for (let i = 0; i < 60; i++) run.sandbox.clock.advance(5_000);
    expect(dev.simulator!.errors()).toEqual([]);
    const ready = (api: string, ns: string, name: string) =>
      (dev.api.get(api, 'Kafka', name, ns) as any).status;
    expect(
      ready('kafka.strimzi.io/v1', 'team-a', 'strimzi-v1').conditions,
    ).toContainEqual(
      expect.objectContaining({ type: 'Ready', status: 'True' }),
    );
    expect(
      ready('kafka.strimzi.io/v1beta2', 'team-b', 'strimzi-v1beta2').conditions,
    ).toContainEqual(
      expect.objectContaining({ type: 'Ready', status: 'True' }),
    );
    expect(ready('platform.confluent.io/v1beta1', 'team-a', 'cfk').phase).toBe(
      'RUNNING',
    );
  });

  it('injects and clears simulator faults through the admin endpoint', async () => {
    const fault = {
      type: 'componentDown',
      namespace: 'kafka-platform',
      name: 'schemaregistry',
    };
    const injected = await admin(
      'POST',
      '/clusters/prod-eu/simulator/faults',
      fault,
    );
    expect(injected).toEqual({
      status: 201,
      body: {
        ...fault,
        id: 'componentDown/kafka-platform/schemaregistry',
        since: expect.any(String),
      },
    });
    expect(
      (await admin('GET', '/clusters/prod-eu/simulator/faults')).body,
    ).toEqual([injected.body]);
    run.sandbox.clock.advance(15_000);
    const sr = () =>
      run.sandbox
        .cluster('prod-eu')
        .api.get(
          'platform.confluent.io/v1beta1',
          'SchemaRegistry',
          'schemaregistry',
          'kafka-platform',
        ) as any;
    expect(sr().status.readyReplicas).toBe(0);
    expect(
      (
        await admin(
          'DELETE',
          `/clusters/prod-eu/simulator/faults/${injected.body.id}`,
        )
      ).body,
    ).toEqual([injected.body]);
    run.sandbox.clock.advance(15_000);
    expect(sr().status.readyReplicas).toBe(2);

    expect(
      (
        await admin('POST', '/clusters/prod-eu/simulator/faults', {
          type: 'crashLoop',
          namespace: 'x',
        })
      ).body,
    ).toEqual({
      error: 'a crashLoop fault needs "pod"',
    });
    expect(
      (await admin('DELETE', '/clusters/prod-eu/simulator/faults/nope')).status,
    ).toBe(404);
    expect(
      (await admin('GET', '/clusters/prod-us/simulator')).body.faults,
    ).toEqual([
      expect.objectContaining({
        id: 'crashLoop/orders/orders-kafka-broker-2',
        reason: 'OOMKilled',
      }),
    ]);
  });

  it('counts the requests each cluster served, by verb and watches apart, and resets them', async () => {
    const cluster = run.sandbox.cluster('prod-us');
    await admin('DELETE', '/clusters/prod-us/metrics');
    const core = (await kubeConfig(cluster)).makeApiClient(k8s.CoreV1Api);
    await core.listNamespacedPod({ namespace: 'orders' });
    await core.listNamespacedPod({ namespace: 'orders' });
    await core.readNamespace({ name: 'orders' });
    const watch = await raw(
      cluster,
      'GET',
      '/api/v1/namespaces/orders/pods?watch=true&timeoutSeconds=1',
    );
    expect(watch.status).toBe(200);
    const counts = (await admin('GET', '/clusters/prod-us/metrics')).body;
    expect(counts).toMatchObject({
      total: 4,
      verbs: { list: 2, get: 1 },
      watches: 1,
      resources: { pods: { list: 2, watch: 1 }, namespaces: { get: 1 } },
    });
    expect(cluster.requests().verbs).toEqual({ list: 2, get: 1 });
    cluster.requests.reset();
    expect(cluster.requests()).toMatchObject({
      total: 0,
      verbs: {},
      watches: 0,
    });
  });

  it('tells and sets the sandbox clock', async () => {
    const before = await admin('GET', '/clock');
    expect(before.body.speed).toBe(1);
    const after = await admin('POST', '/clock', { advanceMs: 60_000 });
    expect(
      Date.parse(after.body.now) - Date.parse(before.body.now),
    ).toBeGreaterThanOrEqual(60_000);
    expect((await admin('POST', '/clock', { speed: -1 })).status).toBe(400);
  });
});
