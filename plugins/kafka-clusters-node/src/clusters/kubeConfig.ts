import { KubeConfig } from '@kubernetes/client-node';
import {
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';

/**
 * A client-node KubeConfig for one cluster and one credential, the only way the suite
 * reaches a Kubernetes API server.
 *
 * @public
 */
export function buildKubeConfig(
  cluster: ClusterDetails,
  credential: KubernetesCredential,
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify ?? false,
        caData: cluster.caData,
        caFile: cluster.caFile,
      },
    ],
    users: [
      {
        name: 'backstage',
        ...(credential.type === 'bearer token' && { token: credential.token }),
        ...(credential.type === 'x509 client certificate' && {
          certData: Buffer.from(credential.cert).toString('base64'),
          keyData: Buffer.from(credential.key).toString('base64'),
        }),
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'backstage' },
    ],
    currentContext: cluster.name,
  });
  return kc;
}
