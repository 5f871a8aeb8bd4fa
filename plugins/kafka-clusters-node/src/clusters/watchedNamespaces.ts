import { Config } from '@backstage/config';

/**
 * The namespace-scoped mode, read from `kafkaClusters.kubernetesClusters.<name>.namespaces`:
 * Kubernetes cluster name → the namespaces to read instead of the whole cluster, for clusters
 * whose credentials may not list cluster-wide. The backend's caches and the catalog module
 * both follow it, so one setting describes one cluster's RBAC.
 *
 * @public
 */
export function readWatchedNamespaces(
  config: Config,
): Record<string, string[]> {
  const perCluster = config.getOptionalConfig(
    'kafkaClusters.kubernetesClusters',
  );
  const namespaces: Record<string, string[]> = {};
  for (const name of perCluster?.keys() ?? []) {
    const list = perCluster!
      .getConfig(name)
      .getOptionalStringArray('namespaces');
    if (list?.length) namespaces[name] = [...new Set(list)];
  }
  return namespaces;
}
