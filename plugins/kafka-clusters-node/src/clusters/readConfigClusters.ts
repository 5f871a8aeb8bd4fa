import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubernetesClusterDetails } from './types';

// What `kubectl proxy` listens on by default, as the Kubernetes plugin assumes too.
const LOCAL_KUBECTL_PROXY_URL = 'http://localhost:8001';

/**
 * Reads the clusters declared in `kubernetes.clusterLocatorMethods` entries of type
 * `config` and `localKubectlProxy`, the configuration `@backstage/plugin-kubernetes`
 * users already have. Other locator types are left to the callers that can resolve them.
 *
 * @throws InputError when two clusters share a name, since references could not tell them apart.
 * @public
 */
export function readConfigClusters(config: Config): KubernetesClusterDetails[] {
  const methods = config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: KubernetesClusterDetails[] = [];
  for (const method of methods) {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      clusters.push({
        name: 'local',
        url: LOCAL_KUBECTL_PROXY_URL,
        authProvider: 'localKubectlProxy',
        skipTLSVerify: false,
      });
    } else if (type === 'config') {
      for (const c of method.getOptionalConfigArray('clusters') ?? []) {
        clusters.push({
          name: c.getString('name'),
          title: c.getOptionalString('title'),
          url: c.getString('url'),
          authProvider: c.getOptionalString('authProvider') ?? 'serviceAccount',
          serviceAccountToken: c.getOptionalString('serviceAccountToken'),
          caData: c.getOptionalString('caData'),
          caFile: c.getOptionalString('caFile'),
          skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
          dashboardUrl: c.getOptionalString('dashboardUrl'),
        });
      }
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
