import { applyPatch, Operation } from 'fast-json-patch';
import { isObject, JsonObject } from '../types';

/** The patch content types, as in the Content-Type header. @public */
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/** RFC 7386 JSON merge patch; `target` is not modified. @public */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) {
    return patch;
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else {
      out[key] = mergePatch(out[key], value);
    }
  }
  return out;
}

/**
 * RFC 6902 JSON patch; `target` is not modified. Throws an Error carrying the library's reason
 * when an operation cannot apply (a failed `test`, a missing path).
 * @public
 */
export function jsonPatch(target: JsonObject, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw new Error(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  const result = applyPatch(
    structuredClone(target),
    operations as Operation[],
    true,
    true,
  );
  return result.newDocument;
}
