import { KubeObject } from '../types';
import { StoredObject } from './store';

/*
 * A stored object's JSON is encoded once, when it is written, without apiVersion and kind:
 * built-in list items are sent without them (as the typed Go lists are), and each served version
 * prefixes its own. Lists, gets and watch events copy these bytes; nothing is serialized again.
 */

/** The object's JSON without apiVersion and kind. @public */
export function bodyJson(entry: StoredObject): Buffer {
  return entry.body;
}

/** `{"kind":…,"apiVersion":…,` — what turns a cached body into a full object. */
export function typePrefix(apiVersion: string, kind: string): Buffer {
  return Buffer.from(
    `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(
      apiVersion,
    )},`,
  );
}

/** The object's JSON at an API version as parts, kind and apiVersion first as the API server writes them. */
export function objectJsonParts(entry: StoredObject, prefix: Buffer): Buffer[] {
  // Every stored body has metadata, so it is never `{}`: its `{` is replaced by the prefix.
  return [prefix, entry.body.subarray(1)];
}

/** The object's JSON at an API version. @public */
export function objectJson(
  entry: StoredObject,
  apiVersion: string,
  kind: string,
): Buffer {
  return Buffer.concat(objectJsonParts(entry, typePrefix(apiVersion, kind)));
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
