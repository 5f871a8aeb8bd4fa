import { isObject, JsonObject, jsonEqual } from '../types';
import { timestamp } from './metadata';

/**
 * managedFields as the API server's field manager keeps them for non-apply writes: one entry per
 * manager, operation `Update` and subresource; a write gives its manager the fields it set or
 * changed and takes them from the others; fields that disappear are dropped. Simplification:
 * lists are owned as a whole (no `k:`/`v:` item keys).
 */

const SERVER_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

const SEP = '\u0000';

/** Leaf field paths of an object (`f:spec␀f:replicas`), ignoring what the server owns. */
function leaves(
  value: unknown,
  prefix: string,
  out: Map<string, unknown>,
  root = false,
) {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) {
      if (root && (key === 'apiVersion' || key === 'kind')) continue;
      if (root && key === 'metadata' && isObject(child)) {
        for (const [mk, mv] of Object.entries(child)) {
          if (!SERVER_META.has(mk)) leaves(mv, `f:metadata${SEP}f:${mk}`, out);
        }
        continue;
      }
      leaves(child, prefix ? `${prefix}${SEP}f:${key}` : `f:${key}`, out);
    }
    return;
  }
  if (prefix) out.set(prefix, value);
}

function flatten(fields: unknown, prefix: string, out: Set<string>) {
  if (!isObject(fields)) return;
  const keys = Object.keys(fields).filter(k => k !== '.');
  if (keys.length === 0 && prefix) out.add(prefix);
  for (const k of keys)
    flatten(fields[k], prefix ? `${prefix}${SEP}${k}` : k, out);
}

function nest(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const path of [...paths].sort()) {
    let node = root;
    for (const part of path.split(SEP)) {
      if (!isObject(node[part])) node[part] = {};
      node = node[part] as JsonObject;
    }
  }
  return root;
}

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time?: string;
  fieldsType: string;
  subresource?: string;
  fields: Set<string>;
  changed: boolean;
}

/**
 * Sets `metadata.managedFields` of `next` for a write by `manager`; `previous` is the stored
 * object (undefined on create).
 * @public
 */
export function updateManagedFields(
  next: JsonObject,
  previous: JsonObject | undefined,
  manager: string,
  apiVersion: string,
  scope: { subresource?: string; statusSubresource: boolean; time?: number },
) {
  const { subresource } = scope;
  // As the field manager's reset strategies: a status write owns only status, a main-resource
  // write of a kind with a status subresource never owns status.
  const inScope = (path: string) => {
    const isStatus = path === 'f:status' || path.startsWith(`f:status${SEP}`);
    if (subresource === 'status') return isStatus;
    return !(scope.statusSubresource && isStatus);
  };
  const meta = next.metadata as JsonObject;
  const oldMeta = isObject(previous?.metadata) ? previous!.metadata : {};
  const entries: Entry[] = (
    Array.isArray(oldMeta.managedFields) ? oldMeta.managedFields : []
  )
    .filter(isObject)
    .map(e => {
      const fields = new Set<string>();
      flatten(e.fieldsV1, '', fields);
      return {
        manager: String(e.manager),
        operation: String(e.operation ?? 'Update'),
        apiVersion: String(e.apiVersion ?? apiVersion),
        time: e.time as string | undefined,
        fieldsType: 'FieldsV1',
        subresource: e.subresource as string | undefined,
        fields,
        changed: false,
      };
    });
  const now = new Map<string, unknown>();
  leaves(next, '', now, true);
  const before = new Map<string, unknown>();
  if (previous) leaves(previous, '', before, true);
  const changed = [...now.keys()].filter(
    p =>
      inScope(p) && (!before.has(p) || !jsonEqual(before.get(p), now.get(p))),
  );
  let mine = entries.find(
    e =>
      e.manager === manager &&
      e.operation === 'Update' &&
      e.subresource === subresource,
  );
  if (!mine && changed.length) {
    mine = {
      manager,
      operation: 'Update',
      apiVersion,
      fieldsType: 'FieldsV1',
      subresource,
      fields: new Set(),
      changed: true,
    };
    entries.push(mine);
  }
  for (const e of entries) {
    const size = e.fields.size;
    for (const p of [...e.fields]) {
      // A path is kept while it (or a field below it) still exists.
      if (!now.has(p) && ![...now.keys()].some(k => k.startsWith(p + SEP)))
        e.fields.delete(p);
    }
    if (e !== mine) changed.forEach(p => e.fields.delete(p));
    if (e.fields.size !== size) e.changed = true;
  }
  if (mine) {
    changed.forEach(p => mine!.fields.add(p));
    if (changed.length) {
      mine.changed = true;
      mine.apiVersion = apiVersion;
    }
  }
  const time = timestamp(
    scope.time === undefined ? undefined : new Date(scope.time),
  );
  const result = entries
    .filter(e => e.fields.size > 0)
    .map(e => ({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      time: e.changed || !e.time ? time : e.time,
      fieldsType: e.fieldsType,
      fieldsV1: nest(e.fields),
      ...(e.subresource ? { subresource: e.subresource } : {}),
    }));
  if (result.length) meta.managedFields = result;
  else delete meta.managedFields;
}

/** The field manager of a request: `fieldManager`, else the User-Agent up to its first `/`. */
export function managerName(
  fieldManager: string | undefined,
  userAgent: string | undefined,
) {
  if (fieldManager) return fieldManager;
  const agent = (userAgent ?? '').split('/')[0].trim();
  return agent || 'unknown';
}
