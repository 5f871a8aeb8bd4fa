import type { KubeConfig } from '@kubernetes/client-node';
import { collectionPath } from './discovery';
import { kubeGetJson } from './request';

/**
 * A kind, as the REST paths name it.
 *
 * @public
 */
export interface ResourceKind {
  /** `''` for the core group. */
  group: string;
  kind: string;
  plural: string;
}

/**
 * Options of {@link listObjects}.
 *
 * @public
 */
export interface ListObjectsOptions {
  timeoutMs: number;
  /** Namespaces to list instead of the whole cluster (namespace-scoped mode). */
  namespaces?: readonly string[];
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * Only each object's metadata (PartialObjectMetadataList): how Secrets are checked for
   * without reading their data.
   */
  metadataOnly?: boolean;
}

// The Accept header of a metadata-only list (Kubernetes API concepts, "Receiving resources as
// Tables" and "PartialObjectMetadataList").
const METADATA_ONLY =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

// Large enough that a fleet's Kafka resources fit in a page or two, small enough for the API
// server's default limits.
const PAGE_SIZE = 500;

interface ListPage {
  items?: unknown[];
  metadata?: { continue?: string };
}

/**
 * Every object of a kind at one served version, cluster-wide or in the given namespaces, page
 * by page. Items of a list may lack `apiVersion` and `kind`; each gets the version it was read
 * at.
 *
 * @public
 */
export async function listObjects(
  kc: KubeConfig,
  spec: ResourceKind,
  version: string,
  options: ListObjectsOptions,
): Promise<Record<string, unknown>[]> {
  const objects: Record<string, unknown>[] = [];
  for (const namespace of options.namespaces ?? [undefined]) {
    objects.push(...(await listIn(kc, spec, version, options, namespace)));
  }
  return objects;
}

async function listIn(
  kc: KubeConfig,
  spec: ResourceKind,
  version: string,
  options: ListObjectsOptions,
  namespace: string | undefined,
): Promise<Record<string, unknown>[]> {
  const path = collectionPath(spec.group, version, spec.plural, namespace);
  const apiVersion = spec.group ? `${spec.group}/${version}` : version;
  const objects: Record<string, unknown>[] = [];
  let next: string | undefined;
  do {
    const page: ListPage = await kubeGetJson<ListPage>(
      kc,
      path,
      {
        limit: PAGE_SIZE,
        continue: next,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
      },
      options.timeoutMs,
      options.metadataOnly ? METADATA_ONLY : undefined,
    );
    for (const item of page.items ?? []) {
      if (item && typeof item === 'object') {
        objects.push({ apiVersion, kind: spec.kind, ...item });
      }
    }
    next = page.metadata?.continue || undefined;
  } while (next);
  return objects;
}
