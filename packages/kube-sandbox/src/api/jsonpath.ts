import { isObject } from '../types';

/**
 * The JSONPath subset of CRD printer columns: `.a.b`, escaped dots (`.metadata.labels.strimzi\.io/cluster`),
 * `[n]`, `[*]` and `[?(@.key=="value")]`. Returns every match.
 * @public
 */
export function evaluateJsonPath(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  let i = 0;
  const text = path.trim().replace(/^\{(.*)\}$/, '$1');
  while (i < text.length) {
    if (text[i] === '.') {
      i++;
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '\\' && i + 1 < text.length) {
          name += text[i + 1];
          i += 2;
        } else {
          name += text[i++];
        }
      }
      if (!name) continue;
      current = current.flatMap(v =>
        isObject(v) && v[name] !== undefined ? [v[name]] : [],
      );
    } else if (text[i] === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) return [];
      const inner = text.slice(i + 1, end);
      i = end + 1;
      const filter = /^\?\(@\.([\w.-]+)\s*==\s*["']?([^"']*)["']?\)$/.exec(
        inner,
      );
      if (inner === '*') {
        current = current.flatMap(v => {
          if (Array.isArray(v)) return v;
          return isObject(v) ? Object.values(v) : [];
        });
      } else if (/^-?\d+$/.test(inner)) {
        const n = Number(inner);
        current = current.flatMap(v => {
          if (!Array.isArray(v)) return [];
          const item = v[n < 0 ? v.length + n : n];
          return item === undefined ? [] : [item];
        });
      } else if (filter) {
        const [, key, value] = filter;
        current = current.flatMap(v =>
          Array.isArray(v)
            ? v.filter(item => {
                let field: unknown = item;
                for (const part of key.split('.'))
                  field = isObject(field) ? field[part] : undefined;
                return field !== undefined && String(field) === value;
              })
            : [],
        );
      } else {
        return [];
      }
    } else {
      i++;
    }
  }
  return current;
}
