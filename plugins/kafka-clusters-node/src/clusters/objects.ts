import type { KubeConfig } from '@kubernetes/client-node';
import { collectionPath } from './discovery';
import { ResourceKind } from './listObjects';
import { KubeRequestError, kubeRequestJson } from './request';

/**
 * One object, by its kind, version, namespace and name.
 *
 * @public
 */
export interface ObjectLocation extends ResourceKind {
  version: string;
  namespace: string;
  name: string;
}

/**
 * Options of the writes: who writes (the field manager the API server records), and whether
 * only to check (`dryRun`: the API server runs admission and validation, CRD schema and CEL
 * included, and persists nothing).
 *
 * @public
 */
export interface WriteOptions {
  fieldManager: string;
  dryRun?: boolean;
  timeoutMs?: number;
}

function objectPath(location: ObjectLocation): string {
  return `${collectionPath(
    location.group,
    location.version,
    location.plural,
    location.namespace,
  )}/${encodeURIComponent(location.name)}`;
}

const writeQuery = (options: WriteOptions) => ({
  fieldManager: options.fieldManager,
  dryRun: options.dryRun ? 'All' : undefined,
});

/**
 * The object, or `undefined` when there is none (404).
 *
 * @public
 */
export async function getObject(
  kc: KubeConfig,
  location: ObjectLocation,
  timeoutMs = 30_000,
): Promise<Record<string, unknown> | undefined> {
  try {
    return await kubeRequestJson<Record<string, unknown>>(kc, {
      method: 'GET',
      path: objectPath(location),
      timeoutMs,
    });
  } catch (error) {
    if (error instanceof KubeRequestError && error.statusCode === 404)
      return undefined;
    throw error;
  }
}

/**
 * Creates an object (POST to its collection); rejects with the API server's 409 when it exists
 * and its 422 when it is invalid.
 *
 * @public
 */
export async function createObject(
  kc: KubeConfig,
  location: Omit<ObjectLocation, 'name'>,
  object: Record<string, unknown>,
  options: WriteOptions,
): Promise<Record<string, unknown>> {
  return kubeRequestJson(kc, {
    method: 'POST',
    path: collectionPath(
      location.group,
      location.version,
      location.plural,
      location.namespace,
    ),
    query: writeQuery(options),
    body: object,
    timeoutMs: options.timeoutMs,
  });
}

/**
 * Server-side apply (`application/apply-patch+yaml`): creates the object or updates the fields
 * this field manager owns; a field another manager owns is a 409 conflict unless `force`.
 *
 * @public
 */
export async function applyObject(
  kc: KubeConfig,
  location: ObjectLocation,
  object: Record<string, unknown>,
  options: WriteOptions & { force?: boolean },
): Promise<Record<string, unknown>> {
  return kubeRequestJson(kc, {
    method: 'PATCH',
    path: objectPath(location),
    query: { ...writeQuery(options), force: options.force || undefined },
    body: object,
    contentType: 'application/apply-patch+yaml',
    timeoutMs: options.timeoutMs,
  });
}
