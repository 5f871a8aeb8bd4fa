import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import {
  KafkaClusterStatus,
  KafkaOperator,
  KafkaOperatorPresence,
  KubernetesCacheState,
  KubernetesClusterCacheStatus,
  KubernetesClusterError,
  KubernetesClusterErrorKind,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  ClusterDetails,
  HealthThresholds,
  KafkaOperatorAdapter,
  markUnreadable,
  pickServedVersion,
  WatchSpec,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import {
  collectionPath,
  servedVersions,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import {
  KubeRequestError,
  toKubeRequestError,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import {
  realSchedule,
  RelistCause,
  ResourceWatchRequest,
  Schedule,
  startResourceWatch,
} from '../kubernetes/resourceWatch';

/**
 * What the caches tell the plugin's metrics as it happens: counts of failures and relists
 * cannot be read back from a cache's state, which keeps only the current error.
 */
export interface ClusterCacheEvents {
  /** A request failed: every failure counts, retries included. */
  requestFailed(event: {
    cluster: string;
    cause: KubernetesClusterErrorKind;
    request: ResourceWatchRequest | 'discovery';
  }): void;
  /** A feed lists its collection again, as a whole. */
  relisting(event: { cluster: string; cause: RelistCause }): void;
}

export interface ClusterCacheOptions {
  cluster: ClusterDetails;
  /** A KubeConfig with a fresh credential; called again after the API server refuses one. */
  kubeConfig(): Promise<KubeConfig>;
  adapters: readonly KafkaOperatorAdapter[];
  /** Watch only these namespaces, for clusters where a cluster-wide list is forbidden. */
  namespaces?: readonly string[];
  thresholds: HealthThresholds;
  logger: LoggerService;
  /** How often to look again for operators installed or removed. */
  rediscoverEveryMs: number;
  /** Statuses are rebuilt at most this often while objects change, and at least this often otherwise. */
  rebuildEveryMs: number;
  requestTimeoutMs: number;
  now(): Date;
  /** Where backoffs and rediscovery are timed (tests pass a clock they move by hand). */
  schedule?: Schedule;
  events?: ClusterCacheEvents;
}

interface Failure {
  error: KubeRequestError;
  since: number;
}

/** One watched collection: a spec in one namespace (or cluster-wide). */
interface Feed {
  spec: WatchSpec;
  version: string;
  namespace?: string;
  items: Map<string, unknown>;
  synced: boolean;
  /** Last time the feed was known current (ms). */
  healthyAt?: number;
  error?: Failure;
  stop(): void;
  retryNow(): void;
}

export interface ClusterCache {
  readonly name: string;
  start(): void;
  stop(): void;
  statuses(): readonly KafkaClusterStatus[];
  /** The statuses whose Kafka resource, topics or users carry the label `key=value`. */
  withLabel(key: string, value: string): readonly KafkaClusterStatus[];
  cacheStatus(): KubernetesClusterCacheStatus;
  errors(): KubernetesClusterError[];
  /** When the cache last knew all of its data to be current (ISO 8601). */
  observedAt(): string | undefined;
  /** When the cache was started (ISO 8601); undefined before. */
  startedAt(): string | undefined;
  /** Resolves once every feed has listed once or the cache gave up on a first sync. */
  firstSync(): Promise<void>;
}

/** Every label of a Kafka resource, its topics and users, to the statuses that carry it. */
function indexByLabel(
  statuses: readonly KafkaClusterStatus[],
): Map<string, KafkaClusterStatus[]> {
  const index = new Map<string, KafkaClusterStatus[]>();
  for (const status of statuses) {
    const pairs = new Set<string>();
    for (const labels of [
      status.labels,
      ...status.topics.map(t => t.labels),
      ...status.access.map(a => a.labels),
    ]) {
      for (const [key, value] of Object.entries(labels ?? {}))
        pairs.add(`${key}=${value}`);
    }
    for (const pair of pairs) {
      const list = index.get(pair);
      if (list) list.push(status);
      else index.set(pair, [status]);
    }
  }
  return index;
}

/**
 * The watch cache of one Kubernetes cluster: finds which operators are installed, keeps a
 * projection of every object their adapters need, and rebuilds the Kafka cluster statuses
 * in the background, so a request reads them without touching the API server.
 */
export function createClusterCache(options: ClusterCacheOptions): ClusterCache {
  const { cluster, adapters, logger, thresholds } = options;
  const log = logger.child({ kubernetesCluster: cluster.name });
  const feeds = new Map<string, Feed>();
  const presence: Record<KafkaOperator, KafkaOperatorPresence> = {
    cfk: { installed: false },
    strimzi: { installed: false },
  };
  let discoveryError: Failure | undefined;
  let discovered = false;
  let discovering: Promise<void> | undefined;
  const schedule = options.schedule ?? realSchedule;
  let cancelRediscovery = () => {};
  let kc: KubeConfig | undefined;
  let statuses: readonly KafkaClusterStatus[] = [];
  let labelIndex = new Map<string, KafkaClusterStatus[]>();
  let dirty = true;
  let builtAt = 0;
  let timers: NodeJS.Timeout[] = [];
  let running = false;
  let startedAtMs: number | undefined;
  let refreshingCredential: Promise<void> | undefined;
  let resolveFirstSync: () => void = () => {};
  const firstSync = new Promise<void>(resolve => (resolveFirstSync = resolve));

  const nowMs = () => options.now().getTime();
  const operatorOf = new Map(
    adapters.flatMap(a => a.watches.map(spec => [spec.key, a.operator])),
  );
  const feedKey = (spec: WatchSpec, namespace?: string) =>
    `${spec.key}@${namespace ?? '*'}`;

  function checkFirstSync() {
    if (!discovered) return;
    const all = [...feeds.values()];
    if (all.every(feed => feed.synced || feed.error)) resolveFirstSync();
  }

  /**
   * Starts a feed. A feed restarted with a new credential starts from what its predecessor
   * knew (items, when they were last current, its error), so a refresh never forgets data.
   */
  function startFeed(
    spec: WatchSpec,
    version: string,
    namespace?: string,
    previous?: Feed,
  ) {
    const feed: Feed = {
      spec,
      version,
      namespace,
      items: previous?.items ?? new Map(),
      synced: previous?.synced ?? false,
      healthyAt: previous?.healthyAt,
      error: previous?.error,
      stop: () => {},
      retryNow: () => {},
    };
    const watch = startResourceWatch({
      kc: kc!,
      path: collectionPath(spec.group, version, spec.plural, namespace),
      labelSelector: spec.labelSelector,
      fieldSelector: spec.fieldSelector,
      project: spec.project,
      requestTimeoutMs: options.requestTimeoutMs,
      schedule,
      // A feed restarted from its predecessor lists again because of the new credential.
      relistCause: previous ? 'credential' : undefined,
      listener: {
        reset(items) {
          feed.items = items;
          feed.synced = true;
          dirty = true;
          checkFirstSync();
        },
        upsert(uid, item) {
          feed.items.set(uid, item);
          dirty = true;
        },
        remove(uid) {
          if (feed.items.delete(uid)) dirty = true;
        },
        healthy() {
          feed.healthyAt = nowMs();
          if (feed.error) {
            log.info(`Reading ${spec.plural}.${spec.group || 'core'} again`, {
              namespace,
            });
            feed.error = undefined;
            dirty = true;
            retryNow();
          }
        },
        failed(error, request) {
          options.events?.requestFailed({
            cluster: cluster.name,
            cause: error.kind,
            request,
          });
          if (!feed.error) {
            log.warn(
              `Cannot read ${spec.plural}.${spec.group || 'core'}: ${
                error.message
              }`,
              {
                namespace,
              },
            );
            feed.error = { error, since: nowMs() };
            // What it knew is now of unknown currency: the statuses say so.
            dirty = true;
          } else {
            feed.error.error = error;
          }
          checkFirstSync();
          if (error.kind === 'unauthorized') void refreshCredential();
        },
        relisting(cause) {
          options.events?.relisting({ cluster: cluster.name, cause });
        },
      },
    });
    feed.stop = watch.stop;
    feed.retryNow = watch.retryNow;
    feeds.set(feedKey(spec, namespace), feed);
  }

  function stopFeeds() {
    for (const feed of feeds.values()) feed.stop();
    feeds.clear();
  }

  /**
   * The API server answered a request: what still waits out a backoff after failing against it
   * asks again now, instead of coming back one by one over the next half minute.
   */
  function retryNow() {
    for (const feed of feeds.values()) if (feed.error) feed.retryNow();
    if (discoveryError) void rediscover();
  }

  /** One discovery at a time, however many feeds recover together. */
  function rediscover(): Promise<void> {
    discovering ??= discover().finally(() => (discovering = undefined));
    return discovering;
  }

  function rediscoverLater() {
    cancelRediscovery = schedule(() => {
      rediscoverLater();
      void rediscover();
    }, options.rediscoverEveryMs);
  }

  /** Starts the feeds of every installed operator, and stops those of removed ones. */
  async function discover() {
    try {
      kc ??= await options.kubeConfig();
      const groups = [
        ...new Set(adapters.flatMap(a => a.watches.map(s => s.group))),
      ];
      const served = new Map<string, string[]>();
      for (const group of groups) {
        served.set(
          group,
          await servedVersions(kc, group, options.requestTimeoutMs),
        );
      }
      // Stopped while it asked: starting feeds now would leave watches nobody stops.
      if (!running) return;
      discoveryError = undefined;

      const wanted = new Map<string, { spec: WatchSpec; version: string }>();
      for (const adapter of adapters) {
        const presenceVersion = pickServedVersion(
          adapter.presence,
          served.get(adapter.presence.group) ?? [],
        );
        presence[adapter.operator] = {
          installed: !!presenceVersion,
          version: presenceVersion,
        };
        if (!presenceVersion) continue;
        for (const spec of adapter.watches) {
          const version = pickServedVersion(spec, served.get(spec.group) ?? []);
          if (version) wanted.set(spec.key, { spec, version });
        }
      }
      const namespaces = options.namespaces?.length
        ? options.namespaces
        : [undefined];
      for (const [key, feed] of feeds) {
        if (!wanted.has(feed.spec.key)) {
          feed.stop();
          feeds.delete(key);
          dirty = true;
        }
      }
      for (const { spec, version } of wanted.values()) {
        for (const namespace of namespaces) {
          if (!feeds.has(feedKey(spec, namespace)))
            startFeed(spec, version, namespace);
        }
      }
      retryNow();
    } catch (error) {
      const classified = toKubeRequestError(error);
      options.events?.requestFailed({
        cluster: cluster.name,
        cause: classified.kind,
        request: 'discovery',
      });
      if (!discoveryError) {
        log.warn(`Cannot discover the operators: ${classified.message}`);
        discoveryError = { error: classified, since: nowMs() };
      } else {
        discoveryError.error = classified;
      }
      if (classified.kind === 'unauthorized') kc = undefined;
    } finally {
      discovered = true;
      checkFirstSync();
    }
  }

  /** After a 401: a new credential (tokens expire), and every feed restarted with it. */
  function refreshCredential(): Promise<void> {
    refreshingCredential ??= (async () => {
      try {
        kc = await options.kubeConfig();
        if (!running) return;
        // Every feed again with the new credential, from what it knew: stopping them and waiting
        // for a discovery (which may be refused too) would drop every Kafka cluster meanwhile.
        const previous = [...feeds.values()];
        feeds.clear();
        for (const feed of previous) {
          feed.stop();
          startFeed(feed.spec, feed.version, feed.namespace, feed);
        }
        await rediscover();
      } catch (error) {
        log.warn(
          `Cannot refresh the credential: ${toKubeRequestError(error).message}`,
        );
      } finally {
        // At most one refresh per backoff period, however many feeds were refused.
        setTimeout(() => (refreshingCredential = undefined), 30_000).unref();
      }
    })();
    return refreshingCredential;
  }

  function snapshotObjects(): Record<string, unknown[]> {
    const objects: Record<string, unknown[]> = {};
    for (const feed of feeds.values()) {
      if (!feed.synced) continue;
      const list = (objects[feed.spec.key] ??= []);
      for (const item of feed.items.values()) list.push(item);
    }
    return objects;
  }

  /** When the cache last knew all of its data to be current. */
  function observedAtMs(): number | undefined {
    let oldest: number | undefined;
    for (const feed of feeds.values()) {
      if (feed.healthyAt === undefined) {
        // Refused from the start (RBAC, a namespace it may not see): reported as an error and
        // left out of the snapshot, as a kind that is not watched; it must not hide what could
        // be read. Any other failure leaves the data incomplete, so not current.
        if (feed.error?.error.kind === 'forbidden') continue;
        return undefined;
      }
      // A feed without an error is current now: client-node reconnects quiet watches.
      const at = feed.error ? feed.healthyAt : nowMs();
      oldest = oldest === undefined ? at : Math.min(oldest, at);
    }
    if (discoveryError)
      oldest = Math.min(oldest ?? discoveryError.since, discoveryError.since);
    return oldest ?? (discovered ? nowMs() : undefined);
  }

  /**
   * The feeds that fail after they were read, or were refused from the start: the last data of
   * the first stays in the snapshot (a kind that goes missing must not make a cluster read
   * better), and every status of their operator (and namespace) says it is built without
   * current data of that kind, so its verdict is never better than `unknown`.
   */
  function unreadableKinds() {
    return [...feeds.values()].flatMap(feed =>
      feed.error &&
      (feed.healthyAt !== undefined || feed.error.error.kind === 'forbidden')
        ? [
            {
              operator: operatorOf.get(feed.spec.key),
              namespace: feed.namespace,
              kind: {
                resource: `${feed.spec.plural}${
                  feed.spec.group ? `.${feed.spec.group}` : ''
                }`,
                namespace: feed.namespace,
                statusCode: feed.error.error.statusCode,
                message: feed.error.error.message,
                since: new Date(feed.error.since).toISOString(),
              },
            },
          ]
        : [],
    );
  }

  function rebuild() {
    const observedAt = observedAtMs();
    if (observedAt === undefined) return;
    const snapshot = { cluster: cluster.name, objects: snapshotObjects() };
    const now = options.now();
    const unreadable = unreadableKinds();
    statuses = adapters
      .filter(adapter => presence[adapter.operator].installed)
      .flatMap(adapter =>
        adapter
          .assemble(snapshot, {
            now,
            thresholds,
            observedAt: new Date(observedAt).toISOString(),
          })
          .map(status =>
            markUnreadable(
              status,
              unreadable
                .filter(
                  u =>
                    u.operator === adapter.operator &&
                    (!u.namespace || u.namespace === status.ref.namespace),
                )
                .map(u => u.kind),
            ),
          ),
      );
    labelIndex = indexByLabel(statuses);
    dirty = false;
    builtAt = nowMs();
  }

  function tick() {
    if (dirty || nowMs() - builtAt >= options.rebuildEveryMs * 10) {
      try {
        rebuild();
      } catch (error) {
        log.error(
          `Cannot build the Kafka statuses: ${(error as Error).message}`,
        );
      }
    }
  }

  function errors(): KubernetesClusterError[] {
    // One error per kind and namespace: an API server that went away fails discovery and every
    // feed at once, and the user needs to read that once, with the resources it concerns.
    const groups = new Map<
      string,
      { failure: Failure; namespace?: string; resources: string[] }
    >();
    for (const feed of feeds.values()) {
      if (!feed.error) continue;
      const key = `${feed.error.error.kind}@${feed.namespace ?? ''}`;
      const group = groups.get(key) ?? {
        failure: feed.error,
        namespace: feed.namespace,
        resources: [],
      };
      if (feed.error.since < group.failure.since) group.failure = feed.error;
      group.resources.push(
        `${feed.spec.plural}${feed.spec.group ? `.${feed.spec.group}` : ''}`,
      );
      groups.set(key, group);
    }
    const list: KubernetesClusterError[] = [];
    if (discoveryError) {
      const kind = discoveryError.error.kind;
      const same = [...groups.values()].filter(
        g => g.failure.error.kind === kind,
      );
      // Discovery is cluster-wide: it joins the feeds' error of its kind in any namespace.
      for (const group of same) {
        if (discoveryError.since < group.failure.since)
          group.failure = discoveryError;
      }
      if (same.length === 0) {
        list.push({
          cluster: cluster.name,
          kind,
          message: discoveryError.error.message,
          since: new Date(discoveryError.since).toISOString(),
        });
      }
    }
    for (const { failure, namespace, resources } of groups.values()) {
      list.push({
        cluster: cluster.name,
        kind: failure.error.kind,
        message: failure.error.message,
        since: new Date(failure.since).toISOString(),
        namespace,
        resource:
          resources.length <= 3
            ? resources.join(', ')
            : `${resources.slice(0, 3).join(', ')} and ${
                resources.length - 3
              } more`,
      });
    }
    return list;
  }

  function state(): KubernetesCacheState {
    const observedAt = observedAtMs();
    const all = [...feeds.values()];
    const readable = all.filter(f => f.synced);
    if (!discovered) return 'starting';
    if (discoveryError && readable.length === 0) return 'failed';
    if (all.length > 0 && readable.length === 0 && all.every(f => f.error))
      return 'failed';
    if (observedAt === undefined) return 'starting';
    if ((nowMs() - observedAt) / 1000 > thresholds.staleAfterSeconds)
      return 'stale';
    // Data that was read and can no longer be refreshed is not "synced", however young.
    if (all.some(f => f.error && f.healthyAt !== undefined)) return 'stale';
    return all.every(f => f.synced || f.error) ? 'synced' : 'starting';
  }

  return {
    name: cluster.name,
    start() {
      if (running) return;
      running = true;
      startedAtMs ??= nowMs();
      void rediscover();
      rediscoverLater();
      timers = [setInterval(tick, options.rebuildEveryMs)];
      for (const timer of timers) timer.unref();
    },
    stop() {
      running = false;
      cancelRediscovery();
      for (const timer of timers) clearInterval(timer);
      stopFeeds();
    },
    statuses() {
      if (builtAt === 0 && dirty) tick();
      return statuses;
    },
    withLabel(key, value) {
      if (builtAt === 0 && dirty) tick();
      return labelIndex.get(`${key}=${value}`) ?? [];
    },
    errors,
    observedAt() {
      const at = observedAtMs();
      return at === undefined ? undefined : new Date(at).toISOString();
    },
    startedAt() {
      return startedAtMs === undefined
        ? undefined
        : new Date(startedAtMs).toISOString();
    },
    cacheStatus() {
      const observedAt = observedAtMs();
      return {
        name: cluster.name,
        title: cluster.title,
        state: state(),
        lastSyncedAt:
          observedAt === undefined
            ? undefined
            : new Date(observedAt).toISOString(),
        ageSeconds:
          observedAt === undefined
            ? undefined
            : Math.max(0, Math.round((nowMs() - observedAt) / 1000)),
        operators: {
          cfk: { ...presence.cfk },
          strimzi: { ...presence.strimzi },
        },
        kafkaClusters: statuses.length,
        errors: errors(),
      };
    },
    firstSync: () => firstSync,
  };
}
