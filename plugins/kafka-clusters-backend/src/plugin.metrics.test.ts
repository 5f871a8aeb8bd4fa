import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox, SandboxCluster, startSandbox } from '@k8s-kafka/kube-sandbox';
import { Attributes, metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  DataPoint,
  DataPointType,
  Histogram,
  MeterProvider,
  MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { eventually, ID, orders } from './__testUtils__/entities';
import {
  ensureNamespace,
  put,
  readyPod,
  strimziCluster,
} from './__testUtils__/sandboxObjects';
import { kafkaClustersPlugin } from './plugin';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();

/** Collects when the test asks, never on a timer. */
class ManualReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

/** A Strimzi cluster whose broker 1 crash-loops (OOMKilled): degraded. */
function crashLooping(namespace: string, name: string) {
  return strimziCluster({ namespace, name }).map(object =>
    object.metadata.name === `${name}-dual-role-1`
      ? {
          ...object,
          status: readyPod({
            namespace,
            name: object.metadata.name,
            labels: object.metadata.labels,
            annotations: object.metadata.annotations,
            ready: false,
            restarts: 7,
            waiting: { reason: 'CrashLoopBackOff' },
            lastTermination: { reason: 'OOMKilled', exitCode: 137 },
          }).status,
        }
      : object,
  );
}

/** A Strimzi cluster whose Kafka spec the operator has not observed yet: progressing. */
function specNotObserved(namespace: string, name: string) {
  return strimziCluster({ namespace, name }).map(object =>
    object.kind === 'Kafka'
      ? { ...object, status: { ...object.status, observedGeneration: 0 } }
      : object,
  );
}

/**
 * The plugin's metrics as an OpenTelemetry SDK in the backend would read them: a MeterProvider
 * set as the global one before the backend starts, read by Backstage's own metrics service.
 */
describe('kafka-clusters backend metrics', () => {
  let sandbox: Sandbox;
  let prod: SandboxCluster;
  let flaky: SandboxCluster;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  const reader = new ManualReader();
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [reader, prometheus] });

  beforeAll(async () => {
    metrics.setGlobalMeterProvider(provider);
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-metrics-')),
      clusters: [
        { name: 'prod', crdSets: ['strimzi-1.2.0'] },
        { name: 'flaky', crdSets: ['strimzi-1.2.0'] },
        { name: 'down' },
      ],
    });
    prod = sandbox.cluster('prod');
    flaky = sandbox.cluster('flaky');
    for (const namespace of ['orders', 'payments', 'shipping'])
      ensureNamespace(prod, namespace);
    strimziCluster({
      namespace: 'orders',
      name: 'orders-kafka',
      labels: { [ID]: 'orders' },
    }).forEach(o => put(prod, o));
    crashLooping('payments', 'payments-kafka').forEach(o => put(prod, o));
    specNotObserved('shipping', 'shipping-kafka').forEach(o => put(prod, o));
    ensureNamespace(flaky, 'orders');
    strimziCluster({ namespace: 'orders', name: 'flaky-kafka' }).forEach(o =>
      put(flaky, o),
    );
    await sandbox.cluster('down').faults.set({ refuseConnections: true });

    const backend = await startTestBackend({
      features: [
        kafkaClustersPlugin,
        catalogServiceMock.factory({ entities: [orders] }),
        mockServices.rootConfig.factory({
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
    metrics.disable();
    await provider.shutdown();
  });

  /** The plugin's metric of that name, as Backstage's metrics service scopes it. */
  async function metric(name: string): Promise<MetricData | undefined> {
    const { resourceMetrics, errors } = await reader.collect();
    expect(errors).toEqual([]);
    return resourceMetrics.scopeMetrics
      .filter(scope => scope.scope.name === 'backstage-plugin-kafka-clusters')
      .flatMap(scope => scope.metrics)
      .find(m => m.descriptor.name === name);
  }
  async function points(name: string): Promise<DataPoint<unknown>[]> {
    return ((await metric(name))?.dataPoints ?? []) as DataPoint<unknown>[];
  }
  const isEqual = (a: Attributes, b: Attributes) =>
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(b).every(([k, v]) => a[k] === v);

  /** The value of the point with exactly these attributes; undefined when there is none. */
  async function value(name: string, attributes: Attributes) {
    return (await points(name)).find(p => isEqual(p.attributes, attributes))
      ?.value;
  }
  /** Cache state → the gauge's value, for one Kubernetes cluster. */
  async function states(cluster: string) {
    return Object.fromEntries(
      (await points('kafka_clusters.cache.state'))
        .filter(p => p.attributes['k8s.cluster.name'] === cluster)
        .map(p => [p.attributes.state, p.value]),
    );
  }
  /** `health/stale` → the number of Kafka clusters, for one Kubernetes cluster. */
  async function verdicts(cluster: string) {
    return Object.fromEntries(
      (await points('kafka_clusters.kafka.clusters'))
        .filter(p => p.attributes['k8s.cluster.name'] === cluster)
        .map(p => [`${p.attributes.health}/${p.attributes.stale}`, p.value]),
    );
  }
  const count = async (name: string, attributes: Attributes) =>
    ((await value(name, attributes)) as number | undefined) ?? 0;

  it('reports each cache synced or failed, and the verdicts of the fleet the test seeded', async () => {
    await eventually(async () => {
      expect(await states('prod')).toEqual({
        starting: 0,
        synced: 1,
        stale: 0,
        failed: 0,
      });
      expect(await states('flaky')).toEqual({
        starting: 0,
        synced: 1,
        stale: 0,
        failed: 0,
      });
      expect(await states('down')).toEqual({
        starting: 0,
        synced: 0,
        stale: 0,
        failed: 1,
      });
      expect(await verdicts('prod')).toEqual({
        'healthy/false': 1,
        'progressing/false': 1,
        'degraded/false': 1,
        'unknown/false': 0,
        'unhealthy/false': 0,
        'healthy/true': 0,
        'progressing/true': 0,
        'degraded/true': 0,
        'unknown/true': 0,
        'unhealthy/true': 0,
      });
    });
    expect(Object.values(await verdicts('down'))).toEqual(Array(10).fill(0));

    // In sync: current now.
    expect(
      await value('kafka_clusters.cache.sync.age', {
        'k8s.cluster.name': 'prod',
      }),
    ).toBe(0);
    // Never read: ageing since its first failure, and never reported as current.
    expect(
      await value('kafka_clusters.cache.sync.age', {
        'k8s.cluster.name': 'down',
      }),
    ).toBeGreaterThan(0);
    expect(
      await count('kafka_clusters.cache.errors', {
        'k8s.cluster.name': 'down',
        cause: 'unreachable',
        request: 'discovery',
      }),
    ).toBeGreaterThan(0);
    expect(
      (await points('kafka_clusters.cache.errors')).filter(
        p => p.attributes['k8s.cluster.name'] === 'prod',
      ),
    ).toEqual([]);
  });

  it('counts the watch errors of an API server that fails, by cause, with the cache stale and its Kafka cluster unknown, until it answers again', async () => {
    await eventually(async () =>
      expect(await states('flaky')).toMatchObject({ synced: 1 }),
    );
    const errorsOf = (failed: string) =>
      count('kafka_clusters.cache.errors', {
        'k8s.cluster.name': 'flaky',
        cause: 'other',
        request: failed,
      });
    expect(await errorsOf('watch')).toBe(0);

    await flaky.faults.set({ errors: [{ path: '/kafkas$', code: 503 }] });
    try {
      flaky.faults.dropWatches();
      await eventually(async () => {
        expect(await errorsOf('watch')).toBeGreaterThan(0);
        expect(await states('flaky')).toEqual({
          starting: 0,
          synced: 0,
          stale: 1,
          failed: 0,
        });
        // Read before, no longer current: never better than unknown, and stale.
        expect(await verdicts('flaky')).toMatchObject({
          'healthy/false': 0,
          'unknown/true': 1,
        });
      });
    } finally {
      await flaky.faults.clear();
    }

    await eventually(async () => {
      expect(await states('flaky')).toMatchObject({ synced: 1, stale: 0 });
      expect(await verdicts('flaky')).toMatchObject({
        'healthy/false': 1,
        'unknown/true': 0,
      });
    }, 40_000);
    // Other clusters' counts are their own.
    expect(
      (await points('kafka_clusters.cache.errors')).filter(
        p => p.attributes['k8s.cluster.name'] === 'prod',
      ),
    ).toEqual([]);
  });

  it('counts relists by cause when the watch history expires', async () => {
    await eventually(async () =>
      expect(await states('prod')).toMatchObject({ synced: 1 }),
    );
    const gone = () =>
      count('kafka_clusters.cache.relists', {
        'k8s.cluster.name': 'prod',
        cause: 'gone',
      });
    const before = await gone();

    // A write the feeds do not watch moves the cluster's resourceVersion past theirs; with the
    // history forgotten, each resumed watch is too old: 410 Gone.
    ensureNamespace(prod, 'unwatched');
    prod.faults.expireWatchHistory();
    expect(prod.faults.dropWatches()).toBeGreaterThan(0);

    await eventually(async () => expect(await gone()).toBeGreaterThan(before));
    await eventually(async () =>
      expect(await states('prod')).toMatchObject({ synced: 1 }),
    );
  });

  it('records the latency of the routes with their templates and status codes, never the names in the path', async () => {
    const get = (route: string) =>
      request(server)
        .get(`/api/kafka-clusters${route}`)
        .set('Authorization', user);
    expect((await get('/entities/default/component/orders')).status).toBe(200);
    expect((await get('/entities/default/component/orders')).status).toBe(200);
    expect((await get('/clusters')).status).toBe(200);
    expect(
      (await get('/clusters/prod/namespaces/orders/kafkas/orders-kafka'))
        .status,
    ).toBe(200);
    expect(
      (await get('/clusters/prod/namespaces/orders/kafkas/nope')).status,
    ).toBe(404);
    expect((await get('/environments/deliveries')).status).toBe(200);

    const samples = async (route: string, status: number) =>
      (
        (await value('kafka_clusters.http.server.request.duration', {
          'http.route': route,
          'http.request.method': 'GET',
          'http.response.status_code': status,
        })) as Histogram | undefined
      )?.count ?? 0;
    await eventually(async () => {
      expect(
        await samples(
          '/api/kafka-clusters/entities/:namespace/:kind/:name',
          200,
        ),
      ).toBe(2);
      expect(await samples('/api/kafka-clusters/clusters', 200)).toBe(1);
      expect(
        await samples(
          '/api/kafka-clusters/clusters/:cluster/namespaces/:namespace/kafkas/:name',
          200,
        ),
      ).toBe(1);
      expect(
        await samples(
          '/api/kafka-clusters/clusters/:cluster/namespaces/:namespace/kafkas/:name',
          404,
        ),
      ).toBe(1);
      expect(
        await samples('/api/kafka-clusters/environments/deliveries', 200),
      ).toBe(1);
    });

    const recorded = await points(
      'kafka_clusters.http.server.request.duration',
    );
    const attributeValues = recorded.flatMap(p =>
      Object.values(p.attributes).map(String),
    );
    for (const name of ['orders', 'orders-kafka', 'nope', 'prod', 'default'])
      expect(attributeValues.filter(v => v.includes(name))).toEqual([]);
    const durations = recorded.map(p => (p.value as Histogram).sum ?? 0);
    expect(durations.every(sum => sum > 0)).toBe(true);
  });

  it('declares each metric with the kind and unit the README gives', async () => {
    await eventually(async () =>
      expect(await states('prod')).toMatchObject({ synced: 1 }),
    );
    // What a reader sees of each instrument: the points' kind (a counter's are monotonic sums).
    const descriptor = async (name: string) => {
      const found = await metric(name);
      return (
        found && {
          points: DataPointType[found.dataPointType],
          monotonic:
            found.dataPointType === DataPointType.SUM
              ? found.isMonotonic
              : undefined,
          unit: found.descriptor.unit,
        }
      );
    };
    const gauge = (unit: string) => ({ points: 'GAUGE', unit });
    expect(await descriptor('kafka_clusters.cache.state')).toEqual(
      gauge('{state}'),
    );
    expect(await descriptor('kafka_clusters.cache.sync.age')).toEqual(
      gauge('s'),
    );
    expect(await descriptor('kafka_clusters.cache.errors')).toEqual({
      points: 'SUM',
      monotonic: true,
      unit: '{error}',
    });
    expect(await descriptor('kafka_clusters.kafka.clusters')).toEqual(
      gauge('{cluster}'),
    );
    await request(server).get('/api/kafka-clusters/health');
    await eventually(async () =>
      expect(
        await descriptor('kafka_clusters.http.server.request.duration'),
      ).toEqual({ points: 'HISTOGRAM', unit: 's' }),
    );
  });

  it("serves the series the README's alert and queries name through Prometheus' exporter", async () => {
    await eventually(async () =>
      expect(await states('prod')).toMatchObject({ synced: 1 }),
    );
    const scrape = http.createServer((req, res) =>
      prometheus.getMetricsRequestHandler(req, res),
    );
    const text = (await request(scrape).get('/metrics')).text;
    const series = (name: string, labels: Record<string, string>) =>
      text
        .split('\n')
        .filter(line => line.startsWith(`${name}{`))
        .filter(line =>
          Object.entries(labels).every(([k, v]) =>
            line.includes(`${k}="${v}"`),
          ),
        );

    expect(
      series('kafka_clusters_cache_sync_age', { k8s_cluster_name: 'prod' }),
    ).toHaveLength(1);
    expect(
      series('kafka_clusters_cache_state', {
        k8s_cluster_name: 'down',
        state: 'failed',
      }),
    ).toEqual([expect.stringMatching(/ 1$/)]);
    expect(
      series('kafka_clusters_cache_errors_total', {
        k8s_cluster_name: 'down',
        cause: 'unreachable',
      }),
    ).not.toEqual([]);
    expect(
      series('kafka_clusters_kafka_clusters', {
        k8s_cluster_name: 'prod',
        health: 'degraded',
        stale: 'false',
      }),
    ).toEqual([expect.stringMatching(/ 1$/)]);
    await request(server).get('/api/kafka-clusters/health');
    const again = (await request(scrape).get('/metrics')).text;
    expect(again).toMatch(
      /^kafka_clusters_http_server_request_duration_bucket\{[^}]*http_route="\/api\/kafka-clusters\/health"/m,
    );
  });
});
