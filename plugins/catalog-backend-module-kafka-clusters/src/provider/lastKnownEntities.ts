import { AuthService } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { locationOf } from '../annotations';

/** The entities each Kubernetes cluster contributed the last time it could be read. */
export interface LastKnownEntities {
  /** Whether any run has completed in this process. */
  hasRun(): boolean;
  /** The clusters remembered from the last run. */
  clusters(): string[];
  /** From memory only. */
  remembered(cluster: string): Entity[] | undefined;
  /**
   * From memory, else from the catalog: after a restart, or when another backend instance ran
   * the previous refresh, the catalog is where the last good entities are.
   *
   * @throws when the catalog cannot be asked, since guessing could delete entities.
   */
  recall(cluster: string): Promise<Entity[]>;
  /** Replaces the memory with the outcome of a run. */
  remember(entities: ReadonlyMap<string, Entity[]>): void;
}

/**
 * What the provider emitted, as it emitted it: the catalog adds relations, status and
 * bookkeeping that are not part of the entity the provider owns.
 */
function asEmitted(entity: Entity): Entity {
  const { uid, etag, generation, ...metadata } =
    entity.metadata as Entity['metadata'] & {
      generation?: number;
    };
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata,
    ...(entity.spec && { spec: entity.spec }),
  };
}

/** {@link LastKnownEntities} in memory, backed by the catalog. */
export function createLastKnownEntities(options: {
  catalog: CatalogService;
  auth: AuthService;
}): LastKnownEntities {
  let memory: ReadonlyMap<string, Entity[]> | undefined;
  return {
    hasRun: () => memory !== undefined,
    clusters: () => [...(memory?.keys() ?? [])],
    remembered: cluster => memory?.get(cluster),
    async recall(cluster) {
      const known = memory?.get(cluster);
      if (known) return known;
      const { items } = await options.catalog.getEntities(
        {
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${ANNOTATION_LOCATION}`]:
              locationOf(cluster),
          },
        },
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
      return items.map(asEmitted);
    },
    remember(entities) {
      memory = new Map(entities);
    },
  };
}
