import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';

// What `kubectl proxy` listens on by default, as the Kubernetes plugin assumes too.
const LOCAL_KUBECTL_PROXY_URL = 'http://127.0.0.1:8001';

function readConfigCluster(c: Config): ClusterDetails {
  const name = c.getString('name');
  const authMetadataBlock =
    c.getOptional<Record<string, string>>('authMetadata');
  const authProvider =
    authMetadataBlock?.[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    c.getOptionalString('authProvider');
  if (!authProvider) {
    throw new InputError(
      `Kubernetes cluster '${name}' has no authProvider; set kubernetes.clusterLocatorMethods[].clusters[].authProvider`,
    );
  }
  const serviceAccountToken = c.getOptionalString('serviceAccountToken');
  const assumeRole = c.getOptionalString('assumeRole');
  const externalId = c.getOptionalString('externalId');
  return {
    name,
    title: c.getOptionalString('title'),
    url: c.getString('url'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
    skipMetricsLookup: c.getOptionalBoolean('skipMetricsLookup') ?? false,
    caData: c.getOptionalString('caData'),
    caFile: c.getOptionalString('caFile'),
    dashboardUrl: c.getOptionalString('dashboardUrl'),
    dashboardApp: c.getOptionalString('dashboardApp'),
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider,
      ...(serviceAccountToken && { serviceAccountToken }),
      ...(assumeRole && {
        [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: assumeRole,
      }),
      ...(externalId && {
        [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: externalId,
      }),
      ...authMetadataBlock,
    },
  };
}

/**
 * Reads the clusters declared in `kubernetes.clusterLocatorMethods` entries of type
 * `config` and `localKubectlProxy`, as `@backstage/plugin-kubernetes` reads them, so its
 * users configure nothing twice. Clusters of type `catalog` come from
 * {@link readCatalogClusters}; other locator types are not read.
 *
 * @throws InputError when a cluster has no auth provider or two clusters share a name.
 * @public
 */
export function readConfigClusters(config: Config): ClusterDetails[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ClusterDetails[] = [];
  for (const method of methods) {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      clusters.push({
        name: 'local',
        url: LOCAL_KUBECTL_PROXY_URL,
        // Plain HTTP on loopback: client-node refuses an http URL unless TLS checks are off.
        skipTLSVerify: true,
        skipMetricsLookup: true,
        authMetadata: {
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
        },
      });
    } else if (type === 'config') {
      clusters.push(
        ...(method.getOptionalConfigArray('clusters') ?? []).map(
          readConfigCluster,
        ),
      );
    }
  }
  const seen = new Set<string>();
  for (const { name } of clusters) {
    if (seen.has(name)) {
      throw new InputError(
        `Kubernetes cluster name '${name}' appears twice in kubernetes.clusterLocatorMethods`,
      );
    }
    seen.add(name);
  }
  return clusters;
}

/**
 * Whether `kubernetes.clusterLocatorMethods` asks for clusters from the catalog.
 *
 * @public
 */
export function usesCatalogClusters(config: Config): boolean {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).some(method => method.getString('type') === 'catalog');
}
