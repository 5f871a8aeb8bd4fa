import { KubeObject } from '../types';
import { StoredObject } from './store';

/*
 * Stored objects are frozen, so their JSON is computed once and reused by every list, get and
 * watch event. The cached form leaves out apiVersion and kind: built-in list items are sent
 * without them (as the typed Go lists do), and each served version prefixes its own.
 */
const bodies = new WeakMap<StoredObject, string>();

/** The object's JSON without apiVersion and kind. @public */
export function bodyJson(entry: StoredObject): string {
  let body = bodies.get(entry);
  if (body === undefined) {
    const { apiVersion: _a, kind: _k, ...rest } = entry.object;
    body = JSON.stringify(rest);
    bodies.set(entry, body);
  }
  return body;
}

/** The object's JSON at an API version, with kind and apiVersion first as the API server writes them. @public */
export function objectJson(
  entry: StoredObject,
  apiVersion: string,
  kind: string,
): string {
  const body = bodyJson(entry);
  const head = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(
    apiVersion,
  )}`;
  return body.length > 2 ? `${head},${body.slice(1)}` : `${head}}`;
}

/** The object as a (shallow-copied) value at an API version. @public */
export function atVersion(
  object: Readonly<KubeObject>,
  apiVersion: string,
): KubeObject {
  return object.apiVersion === apiVersion
    ? (object as KubeObject)
    : { ...object, apiVersion };
}
