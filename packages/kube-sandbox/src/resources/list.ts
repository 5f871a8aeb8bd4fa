import { errors } from '../api/status';
import { matchesFields, parseFieldSelector } from '../selectors/fields';
import { matchesLabels, parseLabelSelector } from '../selectors/labels';
import { StoredObject } from '../store/store';
import { groupResource, ResourceType } from '../types';
import { ClusterCore } from './target';

/** The query of a list (or watch) request. @public */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

/** One page of a list. @public */
export interface ListResult {
  items: StoredObject[];
  resourceVersion: number;
  continue?: string;
  remainingItemCount?: number;
}

/** A parsed object filter (label and field selectors). @public */
export type ObjectFilter = (entry: StoredObject) => boolean;

/** Parses the selectors of a request; 400 on bad syntax, as the API server. @public */
export function objectFilter(
  type: ResourceType,
  options: ListOptions,
): ObjectFilter {
  try {
    const labels = parseLabelSelector(options.labelSelector);
    const fields = parseFieldSelector(options.fieldSelector, type.kind);
    if (!labels.length && !fields.length) return () => true;
    return entry =>
      matchesLabels(labels, entry.meta.labels) && matchesFields(fields, entry);
  } catch (error) {
    throw errors.badRequest(
      `unable to parse requirement: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      parsed.v !== 'meta.k8s.io/v1' ||
      typeof parsed.rv !== 'number' ||
      typeof parsed.start !== 'string'
    ) {
      throw new Error('bad token');
    }
    return parsed;
  } catch {
    throw errors.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

const encodeContinue = (rv: number, lastKey: string) =>
  Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` }),
  ).toString('base64url');

function byKeyOrder(a: StoredObject, b: StoredObject) {
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/**
 * The objects of a resource as they were at `rv`: the current ones with the events after `rv`
 * undone. Undefined when the event window no longer reaches back (etcd's "compacted").
 */
function snapshot(
  core: ClusterCore,
  resource: string,
  namespace: string | undefined,
  rv: number,
) {
  const current = core.store.list(resource, namespace);
  if (rv >= core.store.resourceVersion()) return current;
  const events = core.store.eventsSince(resource, rv);
  if (!events) return undefined;
  if (!events.length) return current;
  const byKey = new Map(current.map(e => [e.key, e]));
  const prefix = namespace === undefined ? '' : `${namespace}/`;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (!event.object.key.startsWith(prefix)) continue;
    if (event.previous) byKey.set(event.previous.key, event.previous);
    else byKey.delete(event.object.key);
  }
  return [...byKey.values()].sort(byKeyOrder);
}

/**
 * Lists objects as the API server does: selectors, `limit`/`continue` pages that stay consistent
 * at the first page's resourceVersion, `resourceVersion`/`resourceVersionMatch` semantics, and
 * 410 Expired once that version has left the event window.
 * @public
 */
export function listObjects(
  core: ClusterCore,
  type: ResourceType,
  namespace: string | undefined,
  options: ListOptions,
): ListResult {
  const resource = groupResource(type);
  const filter = objectFilter(type, options);
  const current = core.store.resourceVersion();
  let rv = current;
  let start = '';
  if (options.continue) {
    const token = decodeContinue(options.continue);
    rv = token.rv;
    start = token.start;
  } else if (options.resourceVersion && options.resourceVersion !== '0') {
    const requested = Number(options.resourceVersion);
    if (!Number.isInteger(requested) || requested < 0) {
      throw errors.badRequest(
        `invalid resource version: ${options.resourceVersion}`,
      );
    }
    if (requested > current)
      throw errors.tooLargeResourceVersion(requested, current);
    if (options.resourceVersionMatch === 'Exact') rv = requested;
  }
  const objects = snapshot(core, resource, namespace, rv);
  if (!objects) {
    throw errors.expired(
      options.continue
        ? 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'
        : `too old resource version: ${rv} (${current})`,
    );
  }
  const limit = options.limit && options.limit > 0 ? options.limit : undefined;
  const items: StoredObject[] = [];
  let i = 0;
  if (start) {
    while (i < objects.length && objects[i].key < start) i++;
  }
  for (; i < objects.length; i++) {
    if (limit !== undefined && items.length === limit) break;
    if (filter(objects[i])) items.push(objects[i]);
  }
  const result: ListResult = { items, resourceVersion: rv };
  if (limit !== undefined && i < objects.length) {
    let remaining = 0;
    for (let j = i; j < objects.length; j++)
      if (filter(objects[j])) remaining++;
    if (remaining > 0) {
      result.continue = encodeContinue(rv, items[items.length - 1].key);
      if (!options.labelSelector && !options.fieldSelector) {
        result.remainingItemCount = remaining;
      }
    }
  }
  return result;
}
