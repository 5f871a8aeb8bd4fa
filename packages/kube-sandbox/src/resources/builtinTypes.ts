import { ResourceType } from '../types';

const builtin = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  options: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  resource,
  kind,
  listKind: `${kind}List`,
  singular: kind.toLowerCase(),
  namespaced: true,
  shortNames: [],
  categories: [],
  versions: [{ name: version, printerColumns: [] }],
  storageVersion: version,
  statusSubresource: false,
  builtin: true,
  tracksGeneration: false,
  ...options,
});

/** The built-in kinds every cluster serves. @public */
export const BUILTIN_TYPES: ResourceType[] = [
  builtin('', 'v1', 'namespaces', 'Namespace', {
    namespaced: false,
    shortNames: ['ns'],
    statusSubresource: true,
  }),
  builtin('', 'v1', 'pods', 'Pod', {
    shortNames: ['po'],
    categories: ['all'],
    statusSubresource: true,
  }),
  builtin('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', {
    shortNames: ['pvc'],
    statusSubresource: true,
  }),
  builtin('', 'v1', 'services', 'Service', {
    shortNames: ['svc'],
    categories: ['all'],
    statusSubresource: true,
  }),
  builtin('', 'v1', 'secrets', 'Secret'),
  builtin('', 'v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'] }),
  builtin('', 'v1', 'events', 'Event', { shortNames: ['ev'] }),
  builtin('apps', 'v1', 'statefulsets', 'StatefulSet', {
    shortNames: ['sts'],
    categories: ['all'],
    statusSubresource: true,
    tracksGeneration: true,
    scale: {
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
      labelSelectorPath: '.status.selector',
    },
  }),
  builtin(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    {
      namespaced: false,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      statusSubresource: true,
      tracksGeneration: true,
    },
  ),
];
