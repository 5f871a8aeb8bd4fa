import {
  BackstageCredentials,
  CacheService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  compareKafkaHealth,
  KafkaClusterRef,
  KafkaClusterResponse,
  KafkaEntityStatusResponse,
  KafkaFleetResponse,
  kafkaClustersStatusReadPermission,
  stringifyKafkaClusterRef,
  summarizeKafkaCluster,
  worstHealth,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ServedStatuses } from './aging';
import { FleetCache } from './cache/fleetCache';
import { readEntitySelection } from './entities/entitySelection';
import { matchEntity, MatchableCluster } from './entities/matchEntity';

/** Answers the routes of the kafka-clusters plugin from the fleet's watch caches. */
export interface KafkaStatusService {
  getEntityStatus(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ): Promise<KafkaEntityStatusResponse>;
  getFleet(options: {
    credentials: BackstageCredentials;
  }): Promise<KafkaFleetResponse>;
  getCluster(
    ref: KafkaClusterRef,
    options: { credentials: BackstageCredentials },
  ): Promise<KafkaClusterResponse>;
}

// How long a user's view of an entity (and of what it depends on) is reused. The catalog's
// answer decides visibility; asking it on every refresh of every tab would dominate latency.
const ENTITY_TTL_MS = 10_000;
// A slow cache must not make a status request slow: fall back to the catalog.
const CACHE_READ_TIMEOUT_MS = 100;

interface EntityView {
  entity: Entity;
  related: Entity[];
}

export function createKafkaStatusService(options: {
  fleet: FleetCache;
  catalog: CatalogService;
  permissions: PermissionsService;
  cache: CacheService;
  logger: LoggerService;
  served: ServedStatuses;
}): KafkaStatusService {
  const { fleet, catalog, permissions, cache } = options;
  const { fresh } = options.served;

  // Entity pages refresh every few seconds: say each catalog problem once, not per request.
  const warned = new Set<string>();
  function warnOnce(message: string) {
    if (warned.has(message)) return;
    warned.add(message);
    options.logger.warn(message);
  }

  async function authorize(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: kafkaClustersStatusReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to read Kafka cluster status');
    }
  }

  async function readCached(key: string): Promise<EntityView | undefined> {
    const timeout = new Promise<undefined>(resolve =>
      setTimeout(resolve, CACHE_READ_TIMEOUT_MS),
    );
    try {
      return (await Promise.race([cache.get(key), timeout])) as
        | EntityView
        | undefined;
    } catch {
      return undefined;
    }
  }

  async function loadEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityView> {
    const { userEntityRef, subject } = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    const principal = userEntityRef ?? subject ?? 'none';
    const key = `entity:${principal}:${entityRef}`;
    const cached = await readCached(key);
    if (cached) return cached;

    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef}, or not visible to you`);
    const dependsOn = (entity.relations ?? [])
      .filter(
        r =>
          r.type === RELATION_DEPENDS_ON && r.targetRef.startsWith('resource:'),
      )
      .map(r => r.targetRef);
    const related = dependsOn.length
      ? (
          await catalog.getEntitiesByRefs(
            {
              entityRefs: dependsOn,
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'metadata.annotations',
                'spec.type',
              ],
            },
            { credentials },
          )
        ).items.filter((e): e is Entity => e !== undefined)
      : [];
    const view = { entity, related };
    void cache
      .set(key, view as any, { ttl: ENTITY_TTL_MS })
      .catch(() => undefined);
    return view;
  }

  function matchableClusters(): MatchableCluster[] {
    return [...fleet.clusters().values()].map(clusterCache => {
      const status = clusterCache.cacheStatus();
      return {
        name: clusterCache.name,
        statuses: clusterCache.statuses(),
        withLabel: clusterCache.withLabel,
        errors: status.errors,
        synced: status.state === 'synced' || status.state === 'stale',
        operatorsInstalled:
          status.operators.cfk.installed || status.operators.strimzi.installed,
      };
    });
  }

  return {
    async getEntityStatus(entityRef, { credentials }) {
      await authorize(credentials);
      const normalized = stringifyEntityRef(parseEntityRef(entityRef));
      const { entity, related } = await loadEntity(normalized, credentials);
      const selection = readEntitySelection(entity, related);
      for (const message of selection.ignored) warnOnce(message);
      const match = matchEntity(selection, matchableClusters());
      const clusters = match.clusters.map(fresh);
      const errors = match.errors;
      clusters.sort(
        (a, b) =>
          compareKafkaHealth(a.health, b.health) ||
          stringifyKafkaClusterRef(a.ref).localeCompare(
            stringifyKafkaClusterRef(b.ref),
          ),
      );
      return {
        entityRef: normalized,
        health:
          clusters.length > 0
            ? worstHealth(...clusters.map(c => c.health))
            : 'unknown',
        clusters,
        errors,
      };
    },

    async getFleet({ credentials }) {
      await authorize(credentials);
      const clusters = options.served
        .all()
        .map(summarizeKafkaCluster)
        .sort(
          (a, b) =>
            compareKafkaHealth(a.health, b.health) ||
            stringifyKafkaClusterRef(a.ref).localeCompare(
              stringifyKafkaClusterRef(b.ref),
            ),
        );
      return { clusters, kubernetesClusters: fleet.cacheStatuses() };
    },

    async getCluster(ref, { credentials }) {
      await authorize(credentials);
      const clusterCache = fleet.clusters().get(ref.cluster);
      if (!clusterCache)
        throw new NotFoundError(
          `No Kubernetes cluster named '${ref.cluster}' is configured`,
        );
      const status = fleet.find(ref);
      if (!status) {
        throw new NotFoundError(
          `No Kafka cluster ${stringifyKafkaClusterRef(ref)}`,
        );
      }
      return { status: fresh(status), errors: clusterCache.errors() };
    },
  };
}
