import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
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
  /** The catalog locator's `dangerouslyAllowSkipTLSVerify`, honoured as the Kubernetes plugin does. */
  allowSkipTLSVerify: boolean;
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
      allowSkipTLSVerify: options.allowSkipTLSVerify,
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

/**
 * The `dangerouslyAllowSkipTLSVerify` of the `catalog` entry of
 * `kubernetes.clusterLocatorMethods`: without it, the Kubernetes plugin ignores the
 * `kubernetes.io/skip-tls-verify` annotation of catalog clusters, and so does this module.
 */
export function catalogLocatorAllowsSkipTLSVerify(config: Config): boolean {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'catalog')
    .some(
      method =>
        method.getOptionalBoolean('dangerouslyAllowSkipTLSVerify') ?? false,
    );
}
