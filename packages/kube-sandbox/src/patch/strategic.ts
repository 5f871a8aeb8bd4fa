import { isObject, JsonObject } from '../types';
import { modelFields, patchMeta, TypeRef } from '../validation/builtinModels';

/**
 * Applies a strategic merge patch the way apimachinery's `StrategicMergePatch` does for built-in
 * kinds: maps merge, lists follow the field's patch strategy and merge key, and the directives
 * kubectl sends (`$patch`, `$retainKeys`, `$setElementOrder/`, `$deleteFromPrimitiveList/`) are
 * honoured. `original` is not modified.
 * @public
 */
export function strategicMergePatch(
  original: JsonObject,
  patch: JsonObject,
  model: string,
): JsonObject {
  const result = mergeMap(structuredClone(original), patch, {
    kind: 'model',
    name: model,
  });
  return result ?? {};
}

const DELETE_FROM = '$deleteFromPrimitiveList/';
const SET_ORDER = '$setElementOrder/';

function childType(
  type: TypeRef | undefined,
  key: string,
): TypeRef | undefined {
  if (!type) return undefined;
  if (type.kind === 'map') return type.of;
  if (type.kind === 'model') return modelFields(type.name)?.get(key);
  return undefined;
}

/** Removes directives from a value that is inserted as is. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(v => !(isObject(v) && v.$patch === 'delete'))
      .map(strip);
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (!k.startsWith('$')) out[k] = strip(v);
    }
    return out;
  }
  return value;
}

/** Returns the merged map, or undefined when the patch deletes it. */
function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  type: TypeRef | undefined,
): JsonObject | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') {
    return undefined;
  }
  if (directive === 'replace') {
    return strip(patch) as JsonObject;
  }
  if (directive !== undefined && directive !== 'merge') {
    throw new Error(`Unknown patch type: ${String(directive)}`);
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(original)) {
      if (!retain.includes(key)) delete original[key];
    }
  }
  const orders: Array<[string, unknown[]]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      if (Array.isArray(value))
        orders.push([key.slice(SET_ORDER.length), value]);
      continue;
    }
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      const current = original[field];
      if (Array.isArray(current) && Array.isArray(value)) {
        original[field] = current.filter(v => !value.includes(v));
      }
      continue;
    }
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = original[key];
    const fieldType = childType(type, key);
    if (isObject(value)) {
      const merged = mergeMap(
        isObject(current) ? current : {},
        value,
        fieldType,
      );
      if (merged === undefined) delete original[key];
      else original[key] = merged;
    } else if (Array.isArray(value)) {
      const meta =
        type?.kind === 'model' ? patchMeta(type.name, key) : undefined;
      const itemType = fieldType?.kind === 'array' ? fieldType.of : undefined;
      original[key] =
        meta?.strategy === 'merge'
          ? mergeList(
              Array.isArray(current) ? current : [],
              value,
              meta.mergeKey,
              itemType,
            )
          : strip(value);
    } else {
      original[key] = value;
    }
  }
  for (const [field, order] of orders) {
    const list = original[field];
    if (!Array.isArray(list)) continue;
    const meta =
      type?.kind === 'model' ? patchMeta(type.name, field) : undefined;
    original[field] = reorder(list, order, meta?.mergeKey);
  }
  return original;
}

function mergeList(
  original: unknown[],
  patch: unknown[],
  mergeKey: string | undefined,
  itemType: TypeRef | undefined,
): unknown[] {
  if (patch.some(v => isObject(v) && v.$patch === 'replace')) {
    return strip(
      patch.filter(v => !(isObject(v) && v.$patch === 'replace')),
    ) as unknown[];
  }
  if (!mergeKey) {
    const out = [...original];
    for (const v of patch) {
      if (!out.some(o => JSON.stringify(o) === JSON.stringify(v))) out.push(v);
    }
    return out;
  }
  const out = [...original];
  for (const item of patch) {
    if (!isObject(item)) {
      throw new Error(
        `merging a list of maps requires maps, got ${JSON.stringify(item)}`,
      );
    }
    const key = item[mergeKey];
    const at = out.findIndex(o => isObject(o) && o[mergeKey] === key);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) {
      const merged = mergeMap(
        structuredClone(out[at] as JsonObject),
        item,
        itemType,
      );
      if (merged === undefined) out.splice(at, 1);
      else out[at] = merged;
    } else {
      out.push(mergeMap({}, item, itemType));
    }
  }
  return out;
}

/** Orders a merged list as `$setElementOrder` says; items it does not name keep their place after. */
function reorder(list: unknown[], order: unknown[], mergeKey?: string) {
  const id = (v: unknown) =>
    JSON.stringify(mergeKey && isObject(v) ? v[mergeKey] : v);
  const rank = new Map(order.map((v, i) => [id(v), i]));
  const named = list.filter(v => rank.has(id(v)));
  named.sort((a, b) => rank.get(id(a))! - rank.get(id(b))!);
  return [...named, ...list.filter(v => !rank.has(id(v)))];
}
