import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  GoogleServiceAccountStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';

// These need the signed-in user's own token on every request, which a cache shared by all
// users cannot carry.
const CLIENT_SIDE_PROVIDERS = ['google', 'oidc', 'aks', 'microsoft'];

/**
 * The server-side authentication strategies of `@backstage/plugin-kubernetes-backend`, by
 * the `authProvider` names its configuration uses. Each is created on first use, so an
 * unused cloud SDK is never initialised.
 *
 * @public
 */
export function createAuthStrategies(options: {
  config: Config;
  logger: LoggerService;
}): (authProvider: string) => AuthenticationStrategy {
  const factories: Record<string, () => AuthenticationStrategy> = {
    serviceAccount: () => new ServiceAccountStrategy(),
    localKubectlProxy: () => new AnonymousStrategy(),
    aws: () => new AwsIamStrategy({ config: options.config }),
    azure: () => new AzureIdentityStrategy(options.logger),
    googleServiceAccount: () =>
      new GoogleServiceAccountStrategy({ config: options.config }),
  };
  const created = new Map<string, AuthenticationStrategy>();
  return authProvider => {
    const existing = created.get(authProvider);
    if (existing) return existing;
    const factory = factories[authProvider];
    if (!factory) {
      throw new InputError(
        CLIENT_SIDE_PROVIDERS.includes(authProvider)
          ? `authProvider '${authProvider}' authenticates each browser user, which a shared cache cannot do; use serviceAccount, aws, azure, googleServiceAccount or localKubectlProxy`
          : `Unknown authProvider '${authProvider}'`,
      );
    }
    const strategy = factory();
    created.set(authProvider, strategy);
    return strategy;
  };
}

/**
 * The backend's own credential for a cluster, from its configured auth provider.
 *
 * @public
 */
export async function getClusterCredential(
  cluster: ClusterDetails,
  strategyFor: (authProvider: string) => AuthenticationStrategy,
): Promise<KubernetesCredential> {
  const provider = cluster.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
  if (!provider) {
    throw new InputError(
      `Kubernetes cluster '${cluster.name}' has no auth provider`,
    );
  }
  const token = cluster.authMetadata.serviceAccountToken;
  if (provider === 'serviceAccount' && token) {
    // ServiceAccountStrategy would import its own copy of client-node only to hand this back;
    // it is still used for the in-cluster token file.
    return { type: 'bearer token', token };
  }
  return strategyFor(provider).getCredential(cluster, {});
}
