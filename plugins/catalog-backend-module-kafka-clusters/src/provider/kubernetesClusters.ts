import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogLocatorOptions,
  ClusterDetails,
  readCatalogClusters,
} from '@k8s-kafka/plugin-kafka-clusters-node';

/** The Kubernetes clusters of one run. */
export interface KubernetesClusterList {
  clusters: ClusterDetails[];
  /** Why the `catalog` locator's clusters could not be read, when they could not. */
  catalogError?: Error;
}

/**
 * The Kubernetes clusters to read: those of `kubernetes.clusterLocatorMethods` of type `config`
 * and `localKubectlProxy` (read once, at start), plus, when that configuration asks for them,
 * the `kubernetes-cluster` Resources of the catalog, read with this module's own credentials.
 * A configured cluster wins over a catalog one of the same name, as in the kafka-clusters
 * backend.
 */
export async function listKubernetesClusters(options: {
  configured: readonly ClusterDetails[];
  usesCatalog: boolean;
  /** The catalog locator's safety switches, honoured as the Kubernetes plugin does. */
  locator: CatalogLocatorOptions;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<KubernetesClusterList> {
  const clusters = [...options.configured];
  if (!options.usesCatalog) return { clusters };
  let fromCatalog: ClusterDetails[];
  try {
    fromCatalog = await readCatalogClusters({
      catalog: options.catalog,
      credentials: await options.auth.getOwnServiceCredentials(),
      logger: options.logger,
      locator: options.locator,
    });
  } catch (error) {
    return { clusters, catalogError: error as Error };
  }
  const names = new Set(clusters.map(c => c.name));
  for (const cluster of fromCatalog) {
    if (names.has(cluster.name)) {
      options.logger.warn(
        `Ignoring catalog Kubernetes cluster '${cluster.name}': a configured cluster has that name`,
      );
      continue;
    }
    names.add(cluster.name);
    clusters.push(cluster);
  }
  return { clusters };
}
