import { KubeConfig } from '@kubernetes/client-node';
import { kubeGetJson, KubeRequestError } from './request';

// Built-in groups every conformant API server serves; asking would cost a request each.
const BUILT_IN_VERSIONS: Record<string, string[]> = {
  '': ['v1'],
  apps: ['v1'],
};

/**
 * The versions the cluster serves for an API group; empty when it serves none (for an
 * operator's group: its CRDs are not installed, which is not an error).
 *
 * @public
 */
export async function servedVersions(
  kc: KubeConfig,
  group: string,
  timeoutMs: number,
): Promise<string[]> {
  if (BUILT_IN_VERSIONS[group]) return BUILT_IN_VERSIONS[group];
  try {
    const body = await kubeGetJson<{ versions?: { version: string }[] }>(
      kc,
      `/apis/${group}`,
      {},
      timeoutMs,
    );
    return (body.versions ?? []).map(v => v.version);
  } catch (error) {
    if (error instanceof KubeRequestError && error.statusCode === 404)
      return [];
    throw error;
  }
}

/**
 * The REST path of a kind's collection, cluster-wide or in one namespace.
 *
 * @public
 */
export function collectionPath(
  group: string,
  version: string,
  plural: string,
  namespace?: string,
): string {
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  return namespace
    ? `${base}/namespaces/${namespace}/${plural}`
    : `${base}/${plural}`;
}

/**
 * One kind an API group version serves, from discovery (`/api/v1`, `/apis/<group>/<version>`).
 *
 * @public
 */
export interface ServedResource {
  /** The plural, as REST paths name it. */
  name: string;
  kind: string;
  namespaced: boolean;
}

/**
 * The kinds an `apiVersion` (`v1`, `<group>/<version>`) serves, subresources left out; empty
 * when the cluster does not serve that version.
 *
 * @public
 */
export async function servedResources(
  kc: KubeConfig,
  apiVersion: string,
  timeoutMs = 30_000,
): Promise<ServedResource[]> {
  const path = apiVersion.includes('/')
    ? `/apis/${apiVersion}`
    : `/api/${apiVersion}`;
  try {
    const body = await kubeGetJson<{ resources?: ServedResource[] }>(
      kc,
      path,
      {},
      timeoutMs,
    );
    return (body.resources ?? [])
      .filter(r => !r.name.includes('/'))
      .map(({ name, kind, namespaced }) => ({ name, kind, namespaced }));
  } catch (error) {
    if (error instanceof KubeRequestError && error.statusCode === 404)
      return [];
    throw error;
  }
}
