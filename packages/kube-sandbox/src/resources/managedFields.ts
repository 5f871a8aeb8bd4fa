import { isObject, JsonObject, jsonEqual } from '../types';
import { fieldPaths, overlaps, SEP, Shape } from './fieldSets';
import { timestamp } from './metadata';

/**
 * managedFields as the API server's field manager keeps them: one entry per manager, operation
 * (`Update` for create/update/patch, `Apply` for server-side apply) and subresource. An update
 * gives its manager the fields it set or changed and takes them from the others; an apply gives
 * its manager exactly the fields it applied; fields that disappear are dropped. Paths are typed
 * by the kind's shape (`k:`/`v:` list items, see fieldSets.ts); without one, lists are atomic.
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

const UNTYPED: Shape = { kind: 'map', field: () => UNTYPED };

/** The paths of an object a manager can own, with their values (server-set metadata left out). */
export function ownedPaths(
  object: unknown,
  shape: Shape = UNTYPED,
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!isObject(object)) return out;
  const { apiVersion: _a, kind: _k, metadata, ...rest } = object;
  fieldPaths(rest, shape, out);
  if (isObject(metadata)) {
    const owned = Object.fromEntries(
      Object.entries(metadata).filter(([k]) => !SERVER_META.has(k)),
    );
    if (Object.keys(owned).length) {
      fieldPaths(
        owned,
        shape.field?.('metadata') ?? UNTYPED,
        out,
        'f:metadata',
      );
    }
  }
  return out;
}

function flatten(fields: unknown, prefix: string, out: Set<string>) {
  if (!isObject(fields)) return;
  const keys = Object.keys(fields).filter(k => k !== '.');
  if ((keys.length === 0 || '.' in fields) && prefix) out.add(prefix);
  for (const k of keys)
    flatten(fields[k], prefix ? `${prefix}${SEP}${k}` : k, out);
}

/** The fieldsV1 form of a set of paths: `.` marks a member that also has members below it. */
function nest(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  const members: JsonObject[] = [];
  for (const path of [...paths].sort()) {
    let node = root;
    for (const part of path.split(SEP)) {
      if (!isObject(node[part])) node[part] = {};
      node = node[part] as JsonObject;
    }
    members.push(node);
  }
  for (const node of members) {
    if (Object.keys(node).some(k => k !== '.')) node['.'] = {};
  }
  return sortKeys(root);
}

function sortKeys(node: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.keys(node)
      .sort()
      .map(k => [k, sortKeys(node[k] as JsonObject)]),
  );
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

/** The entries of an object's managedFields, with their field sets as paths. */
export function managedEntries(object: unknown): Entry[] {
  const meta =
    isObject(object) && isObject(object.metadata) ? object.metadata : {};
  return (Array.isArray(meta.managedFields) ? meta.managedFields : [])
    .filter(isObject)
    .map(e => {
      const fields = new Set<string>();
      flatten(e.fieldsV1, '', fields);
      return {
        manager: String(e.manager),
        operation: String(e.operation ?? 'Update'),
        apiVersion: String(e.apiVersion ?? ''),
        time: e.time as string | undefined,
        fieldsType: 'FieldsV1',
        subresource: e.subresource as string | undefined,
        fields,
        changed: false,
      };
    });
}

/** Whether a managedFields entry is the one of a manager's applies (on a subresource). */
export const isApplyOf = (
  e: { manager: string; operation: string; subresource?: string },
  manager: string,
  subresource?: string,
) =>
  e.manager === manager &&
  e.operation === 'Apply' &&
  e.subresource === subresource;

interface Scope {
  subresource?: string;
  statusSubresource: boolean;
  time?: number;
  shape?: Shape;
}

/** As the field manager's reset strategies: a status write owns only status, a main-resource
 * write of a kind with a status subresource never owns status. */
export function inScope(path: string, scope: Scope) {
  const isStatus = path === 'f:status' || path.startsWith(`f:status${SEP}`);
  if (scope.subresource === 'status') return isStatus;
  return !(scope.statusSubresource && isStatus);
}

function dropVanished(entries: Entry[], now: Map<string, unknown>) {
  const keys = [...now.keys()];
  for (const e of entries) {
    for (const p of [...e.fields]) {
      // A path is kept while it (or a field below it) still exists.
      if (!now.has(p) && !keys.some(k => k.startsWith(p + SEP))) {
        e.fields.delete(p);
        e.changed = true;
      }
    }
  }
}

function write(meta: JsonObject, entries: Entry[], time: number | undefined) {
  const stamp = timestamp(time === undefined ? undefined : new Date(time));
  const result = entries
    .filter(e => e.fields.size > 0)
    .map(e => ({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      time: e.changed || !e.time ? stamp : e.time,
      fieldsType: e.fieldsType,
      fieldsV1: nest(e.fields),
      ...(e.subresource ? { subresource: e.subresource } : {}),
    }));
  if (result.length) meta.managedFields = result;
  else delete meta.managedFields;
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
  scope: Scope,
) {
  const { subresource } = scope;
  const entries = managedEntries(previous);
  const now = ownedPaths(next, scope.shape);
  const before = ownedPaths(previous, scope.shape);
  const changed = [...now.keys()].filter(
    p =>
      inScope(p, scope) &&
      (!before.has(p) || !jsonEqual(before.get(p), now.get(p))),
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
  dropVanished(entries, now);
  for (const e of entries) {
    if (e === mine) continue;
    const size = e.fields.size;
    changed.forEach(p => e.fields.delete(p));
    if (e.fields.size !== size) e.changed = true;
  }
  if (mine) {
    changed.forEach(p => mine!.fields.add(p));
    if (changed.length) {
      mine.changed = true;
      mine.apiVersion = apiVersion;
    }
  }
  write(next.metadata as JsonObject, entries, scope.time);
}

/**
 * Sets `metadata.managedFields` of `next` for a server-side apply by `manager`: its Apply entry
 * owns `applied`; `taken` (forced conflicts) leave every other entry; `touched` says whether the
 * apply changed anything (else the entry keeps its time).
 */
export function applyManagedFields(
  next: JsonObject,
  previous: JsonObject | undefined,
  manager: string,
  apiVersion: string,
  applied: Set<string>,
  taken: string[],
  touched: boolean,
  scope: Scope,
) {
  const entries = managedEntries(previous);
  dropVanished(entries, ownedPaths(next, scope.shape));
  let mine = entries.find(e => isApplyOf(e, manager, scope.subresource));
  for (const e of entries) {
    if (e === mine) continue;
    const size = e.fields.size;
    for (const p of [...e.fields]) {
      if (taken.some(t => overlaps(t, p))) e.fields.delete(p);
    }
    if (e.fields.size !== size) e.changed = true;
  }
  if (!mine) {
    mine = {
      manager,
      operation: 'Apply',
      apiVersion,
      fieldsType: 'FieldsV1',
      subresource: scope.subresource,
      fields: new Set(),
      changed: true,
    };
    entries.push(mine);
  }
  const same =
    mine.fields.size === applied.size &&
    [...applied].every(p => mine!.fields.has(p));
  if (!same || touched || mine.apiVersion !== apiVersion) mine.changed = true;
  mine.fields = new Set(applied);
  mine.apiVersion = apiVersion;
  write(next.metadata as JsonObject, entries, scope.time);
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
