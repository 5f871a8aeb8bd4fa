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
