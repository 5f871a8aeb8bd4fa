import { defaultOperatorAdapters, watchSpecsOf } from '..';
import { get, str } from '../common/raw';
import { KafkaOperatorAdapter, KubernetesSnapshot, WatchSpec } from '../types';

// What the API server does with `labelSelector` for the forms the watch specs use:
// `key`, `key=value`, `key!=value`, comma-separated.
function matchesLabels(object: unknown, selector: string | undefined): boolean {
  if (!selector) {
    return true;
  }
  const labels = (get(object, 'metadata', 'labels') ?? {}) as Record<
    string,
    string
  >;
  return selector.split(',').every(term => {
    const [key, value] = term.split(/!?=/);
    if (term.includes('!=')) return labels[key] !== value;
    if (term.includes('=')) return labels[key] === value;
    return key in labels;
  });
}

// `fieldSelector` with `path=value` terms.
function matchesFields(object: unknown, selector: string | undefined): boolean {
  if (!selector) {
    return true;
  }
  return selector.split(',').every(term => {
    const [path, value] = term.split('=');
    return str(get(object, ...path.split('.'))) === value;
  });
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export interface SnapshotOptions {
  cluster?: string;
  adapters?: readonly KafkaOperatorAdapter[];
  /** Keys left out of the snapshot, as when a kind is not watched (e.g. pods). */
  unwatched?: readonly string[];
}

/**
 * A snapshot as the watch cache builds it: each raw object goes to every watch spec of its
 * group and kind whose selectors it matches, reduced by the spec's projection. Any version of
 * the group is accepted, so Argo CD's v1beta1 samples can be read too.
 */
export function snapshotOf(
  objects: readonly unknown[],
  options: SnapshotOptions = {},
): KubernetesSnapshot {
  const specs = watchSpecsOf(options.adapters ?? defaultOperatorAdapters);
  const result: Record<string, unknown[]> = {};
  for (const spec of specs) {
    if (!options.unwatched?.includes(spec.key)) {
      result[spec.key] = [];
    }
  }
  for (const object of objects) {
    const apiVersion = str(get(object, 'apiVersion')) ?? '';
    const kind = str(get(object, 'kind'));
    for (const spec of specs) {
      const list = result[spec.key];
      if (
        list &&
        spec.group === groupOf(apiVersion) &&
        spec.kind === kind &&
        matchesLabels(object, spec.labelSelector) &&
        matchesFields(object, spec.fieldSelector)
      ) {
        const projected = (spec as WatchSpec).project(object);
        if (projected !== undefined) list.push(projected);
      }
    }
  }
  return { cluster: options.cluster ?? 'test', objects: result };
}

/** The keys of every pod watch, to leave pods out of a snapshot. */
export const POD_KEYS = ['cfk/pods', 'strimzi/pods'];
