import { createHash } from 'node:crypto';
import { Registry } from '../resources/registry';
import { apiVersionOf, ResourceType } from '../types';

/** The Kubernetes version the sandbox reports (kubectl 1.32 talks to it without skew warnings). */
export const KUBERNETES_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
};

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** GET /version. */
export function versionInfo() {
  return {
    ...KUBERNETES_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** GET /api. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function group(name: string, versions: string[]) {
  const entries = versions.map(v => ({
    groupVersion: `${name}/${v}`,
    version: v,
  }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

/** GET /apis. */
export function groupList(registry: Registry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter(g => g.name !== '')
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(g => group(g.name, g.versions)),
  };
}

/** GET /apis/{group}, or undefined when the group is not served. */
export function apiGroup(registry: Registry, name: string) {
  const g = registry.groups().find(x => x.name === name);
  return g && name
    ? { kind: 'APIGroup', apiVersion: 'v1', ...group(g.name, g.versions) }
    : undefined;
}

function storageVersionHash(type: ResourceType) {
  return createHash('sha256')
    .update(`${type.group}/${type.storageVersion}/${type.kind}`)
    .digest()
    .subarray(0, 8)
    .toString('base64');
}

/** GET /api/v1 or /apis/{group}/{version}, or undefined when nothing is served there. */
export function resourceList(
  registry: Registry,
  groupName: string,
  version: string,
) {
  const types = registry
    .all()
    .filter(
      t => t.group === groupName && t.versions.some(v => v.name === version),
    )
    .sort((a, b) => (a.resource < b.resource ? -1 : 1));
  if (!types.length) return undefined;
  const resources = types.flatMap(t => {
    const main = {
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: VERBS,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      storageVersionHash: storageVersionHash(t),
    };
    return t.statusSubresource
      ? [
          main,
          {
            name: `${t.resource}/status`,
            singularName: '',
            namespaced: t.namespaced,
            kind: t.kind,
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : [main];
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(groupName, version),
    resources,
  };
}
