export type {
  ClusterDetails,
  KubernetesCredential,
  AuthenticationStrategy,
} from '@backstage/plugin-kubernetes-node';
export { readConfigClusters, usesCatalogClusters } from './readConfigClusters';
export { readCatalogClusters } from './readCatalogClusters';
export { createAuthStrategies, getClusterCredential } from './authStrategies';
export { buildKubeConfig } from './kubeConfig';
export {
  kubeGetJson,
  kubeRequestJson,
  KubeRequestError,
  toKubeRequestError,
} from './request';
export type { KubeStatus } from './request';
export { createKubernetesClusterAccess } from './clusterAccess';
export type {
  KubernetesClusterAccess,
  KubernetesClusterList,
} from './clusterAccess';
export { listObjects } from './listObjects';
export type { ListObjectsOptions, ResourceKind } from './listObjects';
export { applyObject, createObject, getObject } from './objects';
export type { ObjectLocation, WriteOptions } from './objects';
export { collectionPath, servedResources, servedVersions } from './discovery';
export type { ServedResource } from './discovery';
export { readWatchedNamespaces } from './watchedNamespaces';
export {
  readCatalogLocatorOptions,
  validateCatalogClusterUrl,
  type CatalogLocatorOptions,
} from './catalogLocator';
export { readApplySettings, type ApplySettings } from './applySettings';
