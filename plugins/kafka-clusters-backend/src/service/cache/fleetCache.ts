import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KafkaClusterRef,
  KafkaClusterStatus,
  KubernetesClusterCacheStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  ClusterDetails,
  createKubernetesClusterAccess,
  HealthThresholds,
  KafkaOperatorAdapter,
  KubernetesClusterAccess,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { Schedule } from '../kubernetes/resourceWatch';
import {
  ClusterCache,
  ClusterCacheEvents,
  createClusterCache,
} from './clusterCache';

export interface FleetCacheSettings {
  thresholds: HealthThresholds;
  /** Kubernetes cluster name → namespaces to watch instead of the whole cluster. */
  namespaces: Record<string, string[]>;
  rediscoverEveryMs: number;
  rebuildEveryMs: number;
  /** How often clusters of the `catalog` locator are looked up again. */
  catalogClustersEveryMs: number;
  /** A list or discovery request that takes longer fails with `timeout`. */
  requestTimeoutMs: number;
}

export interface FleetCache {
  start(): Promise<void>;
  stop(): void;
  /** Every configured Kubernetes cluster's cache, by name. */
  clusters(): ReadonlyMap<string, ClusterCache>;
  allStatuses(): KafkaClusterStatus[];
  find(ref: KafkaClusterRef): KafkaClusterStatus | undefined;
  cacheStatuses(): KubernetesClusterCacheStatus[];
  /** Resolves when every cluster has made its first attempt to sync. */
  firstSync(): Promise<void>;
}

/**
 * The watch caches of every Kubernetes cluster the Kubernetes plugin's configuration names:
 * `config` and `localKubectlProxy` clusters at start, `catalog` clusters as the catalog
 * lists them.
 */
export function createFleetCache(options: {
  config: Config;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  adapters: readonly KafkaOperatorAdapter[];
  settings: FleetCacheSettings;
  /** The Kubernetes clusters to watch; built from `config`, `auth` and `catalog` when not given. */
  clusters?: KubernetesClusterAccess;
  now?: () => Date;
  /** Where the caches time backoffs and rediscovery (tests pass a clock they move by hand). */
  schedule?: Schedule;
  /** Told of every cache's failed requests and relists (the plugin's metrics). */
  events?: ClusterCacheEvents;
}): FleetCache {
  const { logger, settings, adapters } = options;
  const now = options.now ?? (() => new Date());
  const access =
    options.clusters ??
    createKubernetesClusterAccess({
      config: options.config,
      logger,
      auth: options.auth,
      catalog: options.catalog,
    });
  const caches = new Map<string, ClusterCache>();
  // Catalog cluster name → the details its cache was built from, to notice a moved API server.
  const fromCatalog = new Map<string, string>();
  let catalogTimer: NodeJS.Timeout | undefined;
  // Set by stop(): a catalog lookup still in flight must not add caches after it.
  let stopped = false;

  function add(cluster: ClusterDetails) {
    const cache = createClusterCache({
      cluster,
      adapters,
      logger,
      thresholds: settings.thresholds,
      namespaces: settings.namespaces[cluster.name],
      rediscoverEveryMs: settings.rediscoverEveryMs,
      rebuildEveryMs: settings.rebuildEveryMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      now,
      schedule: options.schedule,
      events: options.events,
      kubeConfig: () => access.kubeConfig(cluster),
    });
    caches.set(cluster.name, cache);
    cache.start();
  }

  function remove(name: string) {
    caches.get(name)?.stop();
    caches.delete(name);
    fromCatalog.delete(name);
  }

  async function syncCatalogClusters() {
    try {
      // Without the catalog clusters a configured cluster's name shadows (the access logs those).
      const clusters = await access.catalogClusters();
      if (stopped) return;
      const names = new Set(clusters.map(c => c.name));
      for (const cluster of clusters) {
        const details = JSON.stringify(cluster);
        const known = fromCatalog.get(cluster.name);
        if (known === details) continue;
        if (known !== undefined) {
          logger.info(
            `Kubernetes cluster '${cluster.name}' changed in the catalog; watching it again`,
          );
          remove(cluster.name);
        }
        fromCatalog.set(cluster.name, details);
        add(cluster);
      }
      for (const name of fromCatalog.keys()) {
        if (!names.has(name)) remove(name);
      }
    } catch (error) {
      logger.warn(
        `Cannot read Kubernetes clusters from the catalog: ${
          (error as Error).message
        }`,
      );
    }
  }

  return {
    async start() {
      for (const cluster of access.configuredClusters()) add(cluster);
      if (access.usesCatalog) {
        await syncCatalogClusters();
        if (stopped) return;
        catalogTimer = setInterval(
          () => void syncCatalogClusters(),
          settings.catalogClustersEveryMs,
        );
        catalogTimer.unref();
      }
      logger.info(
        `Watching Kafka resources on ${caches.size} Kubernetes clusters`,
        {
          clusters: [...caches.keys()].join(', '),
        },
      );
    },
    stop() {
      stopped = true;
      if (catalogTimer) clearInterval(catalogTimer);
      for (const cache of caches.values()) cache.stop();
    },
    clusters: () => caches,
    allStatuses: () => [...caches.values()].flatMap(cache => cache.statuses()),
    find(ref) {
      return caches
        .get(ref.cluster)
        ?.statuses()
        .find(
          s => s.ref.namespace === ref.namespace && s.ref.name === ref.name,
        );
    },
    cacheStatuses: () => [...caches.values()].map(cache => cache.cacheStatus()),
    async firstSync() {
      await Promise.all([...caches.values()].map(cache => cache.firstSync()));
    },
  };
}
