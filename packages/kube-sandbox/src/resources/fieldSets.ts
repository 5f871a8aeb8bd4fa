import { isObject, JsonObject, jsonEqual } from '../types';
import { modelFields, patchMeta, TypeRef } from '../validation/builtinModels';

/**
 * Field paths as structured-merge-diff writes them in managedFields (`f:spec`, `k:{"name":"a"}`,
 * `v:"x"`), typed by a kind's schema: what server-side apply merges, owns, compares and removes.
 *
 * The shape of a value comes from the CRD's structural schema (`x-kubernetes-list-type`
 * atomic/set/map with `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`), or, for built-ins,
 * from the Go types' strategic-merge tags (a list merged by a key is a map-list on that key, a
 * merged list of scalars a set, any other list atomic). Untyped values (preserve-unknown-fields)
 * are granular maps and atomic lists, as the API server's deduced type.
 */

/** What a value is, for merging and ownership. */
export interface Shape {
  /** granular: fields owned one by one; atomic: the value is owned (and replaced) whole. */
  kind: 'map' | 'list' | 'atomic';
  /** The shape of a map's field. */
  field?(key: string): Shape;
  /** A list's type and, for map-lists, its keys. */
  listType?: 'set' | 'map';
  keys?: string[];
  item?: Shape;
}

const ATOMIC: Shape = { kind: 'atomic' };
/** An untyped value: maps granular, lists and scalars atomic. */
const UNTYPED: Shape = { kind: 'map', field: () => UNTYPED };

const shapeOfValue = (shape: Shape, value: unknown): Shape =>
  shape === UNTYPED && !isObject(value) ? ATOMIC : shape;

/** The shape of a built-in model (client-node's type reference) and its strategic-merge tags. */
export function modelShape(type: TypeRef): Shape {
  if (type.kind === 'primitive') {
    return type.name === 'object' || type.name === 'any' ? UNTYPED : ATOMIC;
  }
  if (type.kind === 'map') {
    return { kind: 'map', field: () => modelShape(type.of) };
  }
  if (type.kind === 'array') return ATOMIC;
  const fields = modelFields(type.name);
  if (!fields) return UNTYPED;
  return {
    kind: 'map',
    field(key) {
      const ref = fields.get(key);
      if (!ref) return UNTYPED;
      if (ref.kind !== 'array') return modelShape(ref);
      const meta = patchMeta(type.name, key);
      if (meta.strategy !== 'merge') return ATOMIC;
      const item = modelShape(ref.of);
      return meta.mergeKey
        ? { kind: 'list', listType: 'map', keys: [meta.mergeKey], item }
        : { kind: 'list', listType: 'set', item: ATOMIC };
    },
  };
}

const OBJECT_META = modelShape({ kind: 'model', name: 'V1ObjectMeta' });

/** The shape of a custom resource's schema node (structural, as the API server requires). */
export function schemaShape(schema: unknown, root = false): Shape {
  if (!isObject(schema)) return UNTYPED;
  if (schema['x-kubernetes-int-or-string']) return ATOMIC;
  const type = schema.type;
  if (type === 'array') {
    const listType = schema['x-kubernetes-list-type'];
    const item = schemaShape(schema.items);
    if (listType === 'map') {
      return {
        kind: 'list',
        listType: 'map',
        keys: (schema['x-kubernetes-list-map-keys'] as string[]) ?? [],
        item,
      };
    }
    if (listType === 'set') return { kind: 'list', listType: 'set', item };
    return ATOMIC;
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const additional = schema.additionalProperties;
  const embedded = root || schema['x-kubernetes-embedded-resource'] === true;
  if (type === 'object' || embedded || Object.keys(properties).length) {
    if (schema['x-kubernetes-map-type'] === 'atomic') return ATOMIC;
    return {
      kind: 'map',
      field(key) {
        if (embedded && key === 'metadata') return OBJECT_META;
        if (key in properties) return schemaShape(properties[key]);
        if (isObject(additional)) return schemaShape(additional);
        return UNTYPED;
      },
    };
  }
  return schema['x-kubernetes-preserve-unknown-fields'] ? UNTYPED : ATOMIC;
}

/** Separates the elements of a path in its string form. */
export const SEP = '\u0000';

/** The `k:` element of a map-list item: its keys, sorted, as JSON. */
function itemKey(item: unknown, keys: string[]): string {
  const object = isObject(item) ? item : {};
  const key: JsonObject = {};
  for (const k of [...keys].sort()) if (k in object) key[k] = object[k];
  return `k:${JSON.stringify(key)}`;
}

const elementOf = (shape: Shape, item: unknown) =>
  shape.listType === 'map'
    ? itemKey(item, shape.keys ?? [])
    : `v:${JSON.stringify(item)}`;

const join = (prefix: string, element: string) =>
  prefix ? `${prefix}${SEP}${element}` : element;

/**
 * Every owned path of a value with what it holds: scalars and atomic values, and the items of
 * set and map lists (an item's path holds its element), and empty maps.
 */
export function fieldPaths(
  value: unknown,
  shape: Shape,
  out = new Map<string, unknown>(),
  prefix = '',
): Map<string, unknown> {
  const actual = shapeOfValue(shape, value);
  if (actual.kind === 'map' && isObject(value)) {
    // An empty map is owned as a value (`f:securityContext: {}`).
    if (prefix && Object.keys(value).length === 0) out.set(prefix, {});
    for (const [key, child] of Object.entries(value)) {
      fieldPaths(child, actual.field!(key), out, join(prefix, `f:${key}`));
    }
    return out;
  }
  if (actual.kind === 'list' && Array.isArray(value)) {
    for (const item of value) {
      const path = join(prefix, elementOf(actual, item));
      out.set(path, path);
      if (actual.listType === 'map') fieldPaths(item, actual.item!, out, path);
    }
    return out;
  }
  if (prefix) out.set(prefix, value);
  return out;
}

/** The item of a list that a path element names, and its index. */
function findItem(list: unknown[], element: string, shape: Shape) {
  const at = list.findIndex(item => elementOf(shape, item) === element);
  return at;
}

/**
 * Removes the value at a path (a field, or a list item); nothing when it is not there. A map or
 * list the removal leaves empty goes too, as structured-merge-diff's removal leaves no empty ones.
 */
export function removePath(object: JsonObject, path: string, shape: Shape) {
  removeAt(object, path.split(SEP), shape);
}

function removeAt(node: unknown, parts: string[], shape: Shape): void {
  const [part, ...rest] = parts;
  const actual = shapeOfValue(shape, node);
  let child: unknown;
  let drop: () => void;
  if (part.startsWith('f:')) {
    if (!isObject(node)) return;
    const key = part.slice(2);
    child = node[key];
    drop = () => delete node[key];
    if (rest.length) removeAt(child, rest, actual.field?.(key) ?? UNTYPED);
  } else {
    if (!Array.isArray(node) || actual.kind !== 'list') return;
    const at = findItem(node, part, actual);
    if (at < 0) return;
    child = node[at];
    drop = () => node.splice(at, 1);
    if (rest.length) removeAt(child, rest, actual.item ?? UNTYPED);
  }
  const emptied =
    rest.length &&
    ((Array.isArray(child) && child.length === 0) ||
      (isObject(child) && Object.keys(child).length === 0));
  if (!rest.length || emptied) drop();
}

/**
 * Merges an applied configuration into the live object: maps field by field, map-lists item by
 * item (by their keys), sets by value, atomic values replaced. Neither input is modified.
 */
export function mergeApplied(
  live: unknown,
  config: unknown,
  shape: Shape,
): unknown {
  const actual = shapeOfValue(shape, config);
  if (actual.kind === 'map' && isObject(config)) {
    const out: JsonObject = isObject(live) ? { ...live } : {};
    for (const [key, value] of Object.entries(config)) {
      if (value === null) delete out[key];
      else out[key] = mergeApplied(out[key], value, actual.field!(key));
    }
    return out;
  }
  if (actual.kind === 'list' && Array.isArray(config)) {
    const out = Array.isArray(live) ? [...live] : [];
    for (const item of config) {
      const at = findItem(out, elementOf(actual, item), actual);
      if (at < 0) out.push(structuredClone(item));
      else if (actual.listType === 'map')
        out[at] = mergeApplied(out[at], item, actual.item!);
    }
    return out;
  }
  return structuredClone(config);
}

/** Whether a path is `p`, lies below `p`, or above it. */
export const overlaps = (a: string, b: string) =>
  a === b || a.startsWith(b + SEP) || b.startsWith(a + SEP);

/** The paths of `config` whose value `live` does not already hold. */
export function changedPaths(
  live: Map<string, unknown>,
  config: Map<string, unknown>,
): string[] {
  return [...config.keys()].filter(
    p => !live.has(p) || !jsonEqual(live.get(p), config.get(p)),
  );
}

/** A path as the API server prints it in conflicts: `.spec.containers[name="app"].image`. */
export function printPath(path: string): string {
  return path
    .split(SEP)
    .map(part => {
      if (part.startsWith('f:')) return `.${part.slice(2)}`;
      if (part.startsWith('v:')) return `[=${part.slice(2)}]`;
      const key = JSON.parse(part.slice(2)) as JsonObject;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}
