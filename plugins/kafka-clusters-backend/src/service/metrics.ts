import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import {
  KAFKA_HEALTH_ORDER,
  KafkaHealth,
  KubernetesCacheState,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  applyFreshness,
  HealthThresholds,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { RequestHandler } from 'express';
import { ClusterCacheEvents } from './cache/clusterCache';
import { FleetCache } from './cache/fleetCache';

// A record rather than a list: a state added to KubernetesCacheState fails to compile here
// until it is reported too.
const CACHE_STATES: Record<KubernetesCacheState, true> = {
  starting: true,
  synced: true,
  stale: true,
  failed: true,
};

// Methods outside this list become `_OTHER` (OpenTelemetry's HTTP conventions), so a client
// cannot grow the series with made-up methods.
const HTTP_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);

// OpenTelemetry's advice for http.server.request.duration: the routes answer from memory in
// milliseconds, and the slow end shows a cache or catalog in trouble.
const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * The kafka-clusters plugin's metrics, through Backstage's metrics service (OpenTelemetry).
 * Attributes name Kubernetes clusters, verdicts, causes and route templates only: never an
 * entity or a Kafka cluster, whose numbers grow with the catalog.
 */
export function createPluginMetrics(metrics: MetricsService) {
  const errors = metrics.createCounter('kafka_clusters.cache.errors', {
    description:
      'Failed requests of the watch cache of a Kubernetes cluster (discovery, list or watch), retries included',
    unit: '{error}',
  });
  const relists = metrics.createCounter('kafka_clusters.cache.relists', {
    description:
      'Lists of a whole collection after its first, by what made the watch cache list again',
    unit: '{relist}',
  });
  const state = metrics.createObservableGauge('kafka_clusters.cache.state', {
    description:
      'State of the watch cache of a Kubernetes cluster: 1 for its current state, 0 for the others',
    unit: '{state}',
  });
  const syncAge = metrics.createObservableGauge(
    'kafka_clusters.cache.sync.age',
    {
      description:
        'Seconds since the watch cache of a Kubernetes cluster last knew all of its data to be current (0 while in sync); since it started, when it never was',
      unit: 's',
    },
  );
  const kafkaClusters = metrics.createObservableGauge(
    'kafka_clusters.kafka.clusters',
    {
      description:
        'Kafka clusters by verdict, as the routes serve them (aged), per Kubernetes cluster',
      unit: '{cluster}',
    },
  );
  const duration = metrics.createHistogram(
    'kafka_clusters.http.server.request.duration',
    {
      description:
        'Duration of the requests the kafka-clusters routes answered',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    },
  );

  const cacheEvents: ClusterCacheEvents = {
    requestFailed({ cluster, cause, request }) {
      errors.add(1, { 'k8s.cluster.name': cluster, cause, request });
    },
    relisting({ cluster, cause }) {
      relists.add(1, { 'k8s.cluster.name': cluster, cause });
    },
  };

  /**
   * Reports the caches' states and the verdicts whenever a reader collects, until the returned
   * function is called (at shutdown: a stopped fleet must not go on being reported).
   */
  function observeFleet(options: {
    fleet: FleetCache;
    thresholds: HealthThresholds;
  }): () => void {
    const { fleet, thresholds } = options;
    const observeState: Parameters<typeof state.addCallback>[0] = result => {
      for (const cache of fleet.clusters().values()) {
        const current = cache.cacheStatus().state;
        for (const name of Object.keys(CACHE_STATES)) {
          result.observe(name === current ? 1 : 0, {
            'k8s.cluster.name': cache.name,
            state: name,
          });
        }
      }
    };
    const observeAge: Parameters<typeof syncAge.addCallback>[0] = result => {
      const now = Date.now();
      for (const cache of fleet.clusters().values()) {
        const since = cache.observedAt() ?? cache.startedAt();
        if (since === undefined) continue;
        result.observe(Math.max(0, (now - Date.parse(since)) / 1000), {
          'k8s.cluster.name': cache.name,
        });
      }
    };
    const observeVerdicts: Parameters<
      typeof kafkaClusters.addCallback
    >[0] = result => {
      const now = new Date();
      for (const cache of fleet.clusters().values()) {
        const counts = new Map<string, number>();
        const key = (health: KafkaHealth, stale: boolean) =>
          `${health}/${stale}`;
        for (const status of cache.statuses()) {
          // Aged as the routes age it (statusService): a cache that stopped following its
          // cluster must not go on reporting the verdicts of its last data.
          const aged = applyFreshness(status, {
            now,
            observedAt: cache.observedAt() ?? status.freshness.observedAt,
            thresholds,
          });
          const k = key(aged.health, aged.freshness.stale);
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
        // Every verdict, zeros included: a sum by health exists before the first degraded
        // cluster does, and a count that falls to 0 reads 0 rather than vanishing.
        for (const health of KAFKA_HEALTH_ORDER) {
          for (const stale of [false, true]) {
            result.observe(counts.get(key(health, stale)) ?? 0, {
              'k8s.cluster.name': cache.name,
              health,
              stale,
            });
          }
        }
      }
    };
    state.addCallback(observeState);
    syncAge.addCallback(observeAge);
    kafkaClusters.addCallback(observeVerdicts);
    return () => {
      state.removeCallback(observeState);
      syncAge.removeCallback(observeAge);
      kafkaClusters.removeCallback(observeVerdicts);
    };
  }

  /**
   * Records each answered request with its route template (`req.route`, set by the router that
   * matched), measured until the response is handed to the socket. Requests no route matched
   * carry no route: their paths are the client's to choose.
   */
  const requestDuration: RequestHandler = (req, res, next) => {
    const start = process.hrtime.bigint();
    // Read on the way in: a router that answers leaves its own mount path in req.baseUrl.
    const base = req.baseUrl;
    res.once('finish', () => {
      const route: unknown = req.route?.path;
      duration.record(Number(process.hrtime.bigint() - start) / 1e9, {
        'http.request.method': HTTP_METHODS.has(req.method)
          ? req.method
          : '_OTHER',
        'http.response.status_code': res.statusCode,
        ...(typeof route === 'string' ? { 'http.route': base + route } : {}),
      });
    });
    next();
  };

  return { cacheEvents, observeFleet, requestDuration };
}
