import { KubernetesObjectRef } from '@k8s-kafka/plugin-kafka-clusters-common';
import { asObject, get, list, num, str } from './raw';
import { isoTime, latestTime } from './time';

/** Object metadata reduced to what matching and the rules use. */
export interface ProjectedMeta {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels: Record<string, string>;
  /** Only the annotations the rules read (see each projection). */
  annotations: Record<string, string>;
  /**
   * When the spec last changed, from `metadata.managedFields`: the start of a change the operator
   * has not caught up with, so a stuck change can be told from a fresh one.
   */
  specChangedAt?: string;
}

export interface MetaOptions {
  /** Which labels to keep: all of them (CRs, matched against entity selectors) or a filter (pods). */
  keepLabel?: (key: string) => boolean;
  annotations?: readonly string[];
}

function stringMap(
  value: unknown,
  keep: (key: string) => boolean,
): Record<string, string> {
  const result: Record<string, string> = {};
  const object = asObject(value);
  if (object) {
    for (const [key, v] of Object.entries(object)) {
      if (typeof v === 'string' && keep(key)) {
        result[key] = v;
      }
    }
  }
  return result;
}

// A manager's entry covers the main resource unless it names a subresource; its `fieldsV1`
// starts with `f:spec` when it owns spec fields. Status writers use the status subresource.
function specChangedAt(metadata: unknown): string | undefined {
  const times: (string | undefined)[] = [];
  for (const entry of list(get(metadata, 'managedFields'))) {
    if (str(get(entry, 'subresource'))) {
      continue;
    }
    if (asObject(get(entry, 'fieldsV1', 'f:spec'))) {
      times.push(str(get(entry, 'time')));
    }
  }
  return latestTime(...times);
}

/**
 * Reads the metadata of a Kubernetes object. `undefined` when the object has no name or
 * namespace: every kind the adapters watch is namespaced.
 */
export function projectMeta(
  object: unknown,
  options: MetaOptions = {},
): ProjectedMeta | undefined {
  const metadata = get(object, 'metadata');
  const name = str(get(metadata, 'name'));
  const namespace = str(get(metadata, 'namespace'));
  if (!name || !namespace) {
    return undefined;
  }
  const wanted = new Set(options.annotations ?? []);
  const meta: ProjectedMeta = {
    apiVersion: str(get(object, 'apiVersion')) ?? '',
    kind: str(get(object, 'kind')) ?? '',
    name,
    namespace,
    labels: stringMap(
      get(metadata, 'labels'),
      options.keepLabel ?? (() => true),
    ),
    annotations: stringMap(get(metadata, 'annotations'), key =>
      wanted.has(key),
    ),
  };
  const uid = str(get(metadata, 'uid'));
  const generation = num(get(metadata, 'generation'));
  const created = isoTime(str(get(metadata, 'creationTimestamp')));
  const deleted = isoTime(str(get(metadata, 'deletionTimestamp')));
  const changed = specChangedAt(metadata);
  if (uid) meta.uid = uid;
  if (generation !== undefined) meta.generation = generation;
  if (created) meta.creationTimestamp = created;
  if (deleted) meta.deletionTimestamp = deleted;
  if (changed) meta.specChangedAt = changed;
  return meta;
}

/** The model's reference to a projected object. */
export function refOf(meta: ProjectedMeta): KubernetesObjectRef {
  const ref: KubernetesObjectRef = {
    kind: meta.kind,
    namespace: meta.namespace,
    name: meta.name,
  };
  if (meta.apiVersion) {
    ref.apiVersion = meta.apiVersion;
  }
  return ref;
}

/** `namespace/name`, the key objects are indexed by. */
export function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
