export type {
  ClusterDetails,
  KubernetesCredential,
  AuthenticationStrategy,
} from '@backstage/plugin-kubernetes-node';
export { readConfigClusters, usesCatalogClusters } from './readConfigClusters';
export { readCatalogClusters } from './readCatalogClusters';
export { createAuthStrategies, getClusterCredential } from './authStrategies';
export { buildKubeConfig } from './kubeConfig';
export { kubeGetJson, KubeRequestError, toKubeRequestError } from './request';
export { collectionPath, servedVersions } from './discovery';
export { readWatchedNamespaces } from './watchedNamespaces';
export {
  readCatalogLocatorOptions,
  validateCatalogClusterUrl,
  type CatalogLocatorOptions,
} from './catalogLocator';
