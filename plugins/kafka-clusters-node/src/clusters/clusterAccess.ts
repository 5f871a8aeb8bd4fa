import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { createAuthStrategies, getClusterCredential } from './authStrategies';
import { readCatalogLocatorOptions } from './catalogLocator';
import { servedResources, ServedResource } from './discovery';
import { buildKubeConfig } from './kubeConfig';
import { ListObjectsOptions, listObjects, ResourceKind } from './listObjects';
import {
  applyObject,
  createObject,
  getObject,
  ObjectLocation,
  WriteOptions,
} from './objects';
import { readCatalogClusters } from './readCatalogClusters';
import { readConfigClusters, usesCatalogClusters } from './readConfigClusters';

/**
 * The Kubernetes clusters of one look-up.
 *
 * @public
 */
export interface KubernetesClusterList {
  /** The configured clusters, then the catalog's that no configured cluster shadows. */
  clusters: ClusterDetails[];
  /** Why the `catalog` locator's clusters could not be read, when they could not. */
  catalogError?: Error;
}

/**
 * Access to the Kubernetes clusters of `kubernetes.clusterLocatorMethods` with the backend's own,
 * server-side credentials: which clusters there are, a client for each, paginated lists, and
 * the writes the apply action needs. The kafka-clusters backend plugin, the catalog module and
 * the scaffolder module each build one (see {@link createKubernetesClusterAccess}).
 *
 * @public
 */
export interface KubernetesClusterAccess {
  /** The `config` and `localKubectlProxy` clusters, read once when the service is built. */
  configuredClusters(): readonly ClusterDetails[];
  /** Whether the configuration has a `catalog` locator. */
  readonly usesCatalog: boolean;
  /**
   * The `catalog` locator's clusters (none without one). A configured cluster wins over a
   * catalog one of the same name, which is left out with a warning. Rejects when the catalog
   * cannot be read.
   */
  catalogClusters(options?: {
    logger?: LoggerService;
  }): Promise<ClusterDetails[]>;
  /** Both; a catalog that cannot be read is reported in `catalogError`, not thrown. */
  listClusters(options?: {
    logger?: LoggerService;
  }): Promise<KubernetesClusterList>;
  /** A client configuration for a cluster, with the backend's own credential for it. */
  kubeConfig(cluster: ClusterDetails): Promise<KubeConfig>;
  /** Every object of a kind at a version, page by page (see {@link listObjects}). */
  list(
    kc: KubeConfig,
    kind: ResourceKind,
    version: string,
    options: ListObjectsOptions,
  ): Promise<Record<string, unknown>[]>;
  /** One object, `undefined` when there is none. */
  get(
    kc: KubeConfig,
    location: ObjectLocation,
  ): Promise<Record<string, unknown> | undefined>;
  /** Creates an object. */
  create(
    kc: KubeConfig,
    location: Omit<ObjectLocation, 'name'>,
    object: Record<string, unknown>,
    options: WriteOptions,
  ): Promise<Record<string, unknown>>;
  /** The kinds an `apiVersion` serves (discovery), empty when it is not served. */
  resources(kc: KubeConfig, apiVersion: string): Promise<ServedResource[]>;
  /** Server-side apply of an object. */
  apply(
    kc: KubeConfig,
    location: ObjectLocation,
    object: Record<string, unknown>,
    options: WriteOptions & { force?: boolean },
  ): Promise<Record<string, unknown>>;
}

/**
 * Builds the cluster access of one plugin or module from its configuration and services.
 *
 * @throws InputError when `kubernetes.clusterLocatorMethods` is invalid.
 * @public
 */
export function createKubernetesClusterAccess(options: {
  config: Config;
  logger: LoggerService;
  auth: AuthService;
  /** Lists the `catalog` locator's clusters. */
  catalog: CatalogService;
}): KubernetesClusterAccess {
  const { config, auth, catalog } = options;
  const configured = readConfigClusters(config);
  const usesCatalog = usesCatalogClusters(config);
  const locator = readCatalogLocatorOptions(config);
  const strategyFor = createAuthStrategies({ config, logger: options.logger });

  async function catalogClusters(
    o: { logger?: LoggerService } = {},
  ): Promise<ClusterDetails[]> {
    if (!usesCatalog) return [];
    const logger = o.logger ?? options.logger;
    const fromCatalog = await readCatalogClusters({
      catalog,
      credentials: await auth.getOwnServiceCredentials(),
      logger,
      locator,
    });
    const names = new Set(configured.map(c => c.name));
    return fromCatalog.filter(cluster => {
      if (names.has(cluster.name)) {
        logger.warn(
          `Ignoring catalog Kubernetes cluster '${cluster.name}': a configured cluster has that name`,
        );
        return false;
      }
      names.add(cluster.name);
      return true;
    });
  }

  return {
    configuredClusters: () => configured,
    usesCatalog,
    catalogClusters,
    async listClusters(o = {}) {
      try {
        return { clusters: [...configured, ...(await catalogClusters(o))] };
      } catch (error) {
        return { clusters: [...configured], catalogError: error as Error };
      }
    },
    async kubeConfig(cluster) {
      return buildKubeConfig(
        cluster,
        await getClusterCredential(cluster, strategyFor),
      );
    },
    list: listObjects,
    get: (kc, location) => getObject(kc, location),
    create: createObject,
    apply: applyObject,
    resources: (kc, apiVersion) => servedResources(kc, apiVersion),
  };
}
