import { CloneChange } from './types';

type Json = unknown;

/** A deep copy of plain JSON data. */
export function copy<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Items of a list that all carry a string `name` are matched by it (listeners, mirrors). */
function namedItems(list: unknown[]): Map<string, unknown> | undefined {
  const byName = new Map<string, unknown>();
  for (const item of list) {
    const name = isObject(item) ? item.name : undefined;
    if (typeof name !== 'string' || byName.has(name)) return undefined;
    byName.set(name, item);
  }
  return byName;
}

function keyPath(at: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    return `${at}[${JSON.stringify(key)}]`;
  return at ? `${at}.${key}` : key;
}

/**
 * Every difference between two JSON values, leaf by leaf: objects key by key, lists of named
 * items by name, other lists item by item (a list of scalars that differs is one change).
 */
export function diffJson(from: Json, to: Json, at = ''): CloneChange[] {
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  // A map added reads better key by key; one removed is one change.
  if (from === undefined && isObject(to)) return diffJson({}, to, at);
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
    return keys.flatMap(key => diffJson(from[key], to[key], keyPath(at, key)));
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    const a = namedItems(from);
    const b = namedItems(to);
    if (a && b && (a.size > 0 || b.size > 0)) {
      const names = [...new Set([...a.keys(), ...b.keys()])];
      return names.flatMap(name =>
        diffJson(a.get(name), b.get(name), `${at}[name=${name}]`),
      );
    }
    const scalar = (v: unknown) => v === null || typeof v !== 'object';
    if (from.every(scalar) && to.every(scalar)) {
      // Lists of scalars (configOverrides lines, roles): the items removed, then those added.
      const before = from.map(v => JSON.stringify(v));
      const after = to.map(v => JSON.stringify(v));
      return [
        ...from
          .filter((_, i) => !after.includes(before[i]))
          .map(v => ({ path: `${at}[-]`, from: v })),
        ...to
          .filter((_, i) => !before.includes(after[i]))
          .map(v => ({ path: `${at}[+]`, to: v })),
      ];
    }
    if (from.every(isObject) && to.every(isObject)) {
      const length = Math.max(from.length, to.length);
      return Array.from({ length }, (_, i) =>
        diffJson(from[i], to[i], `${at}[${i}]`),
      ).flat();
    }
  }
  return [
    {
      path: at,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    },
  ];
}

/** Maps every string of a JSON value (not keys). */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as unknown as T;
  if (Array.isArray(value))
    return value.map(v => mapStrings(v, fn)) as unknown as T;
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]),
    ) as T;
  }
  return value;
}

/** Maps the string values held under the given keys, anywhere in a JSON value. */
export function mapKeyedStrings<T>(
  value: T,
  keys: readonly string[],
  fn: (s: string) => string,
): T {
  if (Array.isArray(value))
    return value.map(v => mapKeyedStrings(v, keys, fn)) as unknown as T;
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        typeof v === 'string' && keys.includes(k)
          ? fn(v)
          : mapKeyedStrings(v, keys, fn),
      ]),
    ) as T;
  }
  return value;
}

/** Every string held under one of `keys`, with the path of the object that holds it. */
export function keyedStrings(
  value: unknown,
  keys: readonly string[],
  at: string[] = [],
): {
  path: string[];
  key: string;
  value: string;
  holder: Record<string, unknown>;
}[] {
  if (Array.isArray(value))
    return value.flatMap((v, i) => keyedStrings(v, keys, [...at, String(i)]));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'string' && keys.includes(k)
      ? [{ path: at, key: k, value: v, holder: value }]
      : keyedStrings(v, keys, [...at, k]),
  );
}

/** Sets a value at a path of keys and list indexes, creating nothing. */
export function setAt(
  root: unknown,
  path: readonly (string | number)[],
  value: unknown,
): void {
  let node: any = root;
  for (const key of path.slice(0, -1)) {
    node = node?.[key];
    if (node === undefined || node === null) return;
  }
  if (node && typeof node === 'object') node[path[path.length - 1]] = value;
}

/** The value at a path, `undefined` when absent. */
export function getAt(
  root: unknown,
  path: readonly (string | number)[],
): unknown {
  let node: any = root;
  for (const key of path) {
    if (node === undefined || node === null) return undefined;
    node = node[key];
  }
  return node;
}

const UNITS: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};

/** Bytes of a Kubernetes quantity (`100Gi`, `5G`); `undefined` when it is not one. */
export function quantityBytes(quantity: unknown): number | undefined {
  const match =
    typeof quantity === 'string' &&
    /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|K|M|G|T|P)?$/.exec(quantity);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] ? UNITS[match[2]] : 1);
}

/** The smaller of two storage quantities; the first when either cannot be read. */
export function smallerQuantity(quantity: unknown, cap: string): unknown {
  const a = quantityBytes(quantity);
  const b = quantityBytes(cap);
  return a !== undefined && b !== undefined && b < a ? cap : quantity;
}
