/**
 * Returns `next`, reusing every part of `previous` that is deeply equal to its counterpart
 * (arrays by index, plain objects by key). A refresh that changes one topic then changes the
 * identity of that topic and its parents only, so memoized views of the rest (thousands of
 * topics, the broker grid) skip re-rendering.
 */
export function shareUnchanged<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return previous as T;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let same = previous.length === next.length;
    const shared = next.map((item, index) => {
      const value = shareUnchanged(previous[index], item);
      if (value !== previous[index]) same = false;
      return value;
    });
    return (same ? previous : shared) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const shared: Record<string, unknown> = {};
    for (const key of keys) {
      shared[key] = shareUnchanged(previous[key], next[key]);
      if (shared[key] !== previous[key] || !(key in previous)) same = false;
    }
    return (same ? previous : shared) as T;
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}
