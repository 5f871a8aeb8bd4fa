import { mockErrorHandler } from '@backstage/backend-test-utils';
import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { DEFAULT_HEALTH_THRESHOLDS } from '@k8s-kafka/plugin-kafka-clusters-node';
import { Attributes } from '@opentelemetry/api';
import {
  DataPoint,
  Histogram,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import express from 'express';
import request from 'supertest';
import { kafkaStatus } from '../__testUtils__/statusFixtures';
import { ClusterCache } from './cache/clusterCache';
import { FleetCache } from './cache/fleetCache';
import { createPluginMetrics } from './metrics';

class ManualReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

function fakeCache(
  name: string,
  o: {
    statuses?: KafkaClusterStatus[];
    observedAt?: string;
    startedAt?: string;
  },
): ClusterCache {
  return {
    name,
    start() {},
    stop() {},
    statuses: () => o.statuses ?? [],
    withLabel: () => [],
    errors: () => [],
    observedAt: () => o.observedAt,
    startedAt: () => o.startedAt,
    cacheStatus: () => ({
      name,
      state: 'synced',
      operators: { cfk: { installed: false }, strimzi: { installed: true } },
      kafkaClusters: o.statuses?.length ?? 0,
      errors: [],
    }),
    firstSync: async () => {},
  };
}

function fakeFleet(caches: ClusterCache[]): FleetCache {
  const map = new Map(caches.map(c => [c.name, c]));
  return {
    async start() {},
    stop() {},
    clusters: () => map,
    allStatuses: () => caches.flatMap(c => [...c.statuses()]),
    find: () => undefined,
    cacheStatuses: () => caches.map(c => c.cacheStatus()),
    firstSync: async () => {},
  };
}

describe('createPluginMetrics', () => {
  let provider: MeterProvider;
  let reader: ManualReader;
  beforeEach(() => {
    reader = new ManualReader();
    provider = new MeterProvider({ readers: [reader] });
  });
  afterEach(() => provider.shutdown());

  const pluginMetrics = () => createPluginMetrics(provider.getMeter('test'));
  async function points(name: string) {
    const { resourceMetrics } = await reader.collect();
    return (resourceMetrics.scopeMetrics
      .flatMap(s => s.metrics)
      .find(m => m.descriptor.name === name)?.dataPoints ??
      []) as DataPoint<unknown>[];
  }
  const byAttributes = (found: DataPoint<unknown>[], attributes: Attributes) =>
    found.filter(
      p =>
        Object.keys(p.attributes).length === Object.keys(attributes).length &&
        Object.entries(attributes).every(([k, v]) => p.attributes[k] === v),
    );

  it('counts the verdicts aged as the routes serve them: data 20 minutes old is unknown and stale, whatever it said', async () => {
    const observedAt = minutesAgo(20);
    const fleet = fakeFleet([
      fakeCache('prod-eu', {
        observedAt,
        statuses: [
          kafkaStatus('prod-eu', 'orders', 'orders-kafka', {
            freshness: { observedAt, ageSeconds: 0, stale: false },
          }),
        ],
      }),
    ]);
    pluginMetrics().observeFleet({
      fleet,
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
    });

    const verdicts = await points('kafka_clusters.kafka.clusters');
    expect(
      byAttributes(verdicts, {
        'k8s.cluster.name': 'prod-eu',
        health: 'unknown',
        stale: true,
      }).map(p => p.value),
    ).toEqual([1]);
    expect(
      byAttributes(verdicts, {
        'k8s.cluster.name': 'prod-eu',
        health: 'healthy',
        stale: false,
      }).map(p => p.value),
    ).toEqual([0]);
    const [age] = await points('kafka_clusters.cache.sync.age');
    expect(age.value).toBeGreaterThanOrEqual(20 * 60);
  });

  it('ages a cache that never synced from its start, and reports no age for one not started', async () => {
    const fleet = fakeFleet([
      fakeCache('never-synced', { startedAt: minutesAgo(5) }),
      fakeCache('not-started', {}),
    ]);
    pluginMetrics().observeFleet({
      fleet,
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
    });

    const ages = await points('kafka_clusters.cache.sync.age');
    expect(ages.map(p => p.attributes['k8s.cluster.name'])).toEqual([
      'never-synced',
    ]);
    expect(ages[0].value).toBeGreaterThanOrEqual(5 * 60);
  });

  it('stops reading the fleet once told to (a stopped backend)', async () => {
    const fleet = fakeFleet([fakeCache('prod-eu', {})]);
    const clusters = jest.spyOn(fleet, 'clusters');
    const stopObserving = pluginMetrics().observeFleet({
      fleet,
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
    });
    await reader.collect();
    expect(clusters).toHaveBeenCalled();
    stopObserving();
    clusters.mockClear();
    await reader.collect();
    expect(clusters).not.toHaveBeenCalled();
  });

  it('keeps paths no route matched and unusual methods out of the attributes', async () => {
    const { requestDuration } = pluginMetrics();
    const router = express.Router();
    router.get('/clusters/:cluster', (_req, res) => {
      res.json({});
    });
    router.all('/anything', (_req, res) => {
      res.json({});
    });
    const app = express()
      .use('/api/kafka-clusters', requestDuration, router)
      .use(mockErrorHandler());

    await request(app).get('/api/kafka-clusters/clusters/prod-eu').expect(200);
    await request(app).get('/api/kafka-clusters/no/such/route').expect(404);
    await request(app).propfind('/api/kafka-clusters/anything').expect(200);

    const samples = (await points(
      'kafka_clusters.http.server.request.duration',
    )) as DataPoint<Histogram>[];
    const recorded = samples.map(p => ({
      attributes: p.attributes,
      count: p.value.count,
    }));
    expect(recorded).toHaveLength(3);
    expect(recorded).toEqual(
      expect.arrayContaining([
        {
          attributes: {
            'http.request.method': 'GET',
            'http.response.status_code': 200,
            'http.route': '/api/kafka-clusters/clusters/:cluster',
          },
          count: 1,
        },
        {
          attributes: {
            'http.request.method': '_OTHER',
            'http.response.status_code': 200,
            'http.route': '/api/kafka-clusters/anything',
          },
          count: 1,
        },
        {
          attributes: {
            'http.request.method': 'GET',
            'http.response.status_code': 404,
          },
          count: 1,
        },
      ]),
    );
  });
});
