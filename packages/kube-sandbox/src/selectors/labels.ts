/** One requirement of a label selector. @public */
export interface LabelRequirement {
  key: string;
  operator: 'exists' | '!exists' | '=' | '!=' | 'in' | 'notin' | '>' | '<';
  values: string[];
}

/** A parsed label selector: all requirements must hold. Empty matches everything. @public */
export type LabelSelector = LabelRequirement[];

/**
 * Parses the label selector syntax of `labels.Parse` (equality- and set-based, `!key`, `key`,
 * `>`/`<`). Throws an Error with the reason on bad input.
 * @public
 */
export function parseLabelSelector(input: string | undefined): LabelSelector {
  const text = (input ?? '').trim();
  if (!text) {
    return [];
  }
  const out: LabelSelector = [];
  let pos = 0;
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const readToken = () => {
    skipSpace();
    const start = pos;
    while (pos < text.length && !/[\s,()=!<>]/.test(text[pos])) pos++;
    return text.slice(start, pos);
  };
  while (pos < text.length) {
    skipSpace();
    let negated = false;
    if (text[pos] === '!') {
      negated = true;
      pos++;
    }
    const key = readToken();
    checkKey(key);
    skipSpace();
    if (negated) {
      out.push({ key, operator: '!exists', values: [] });
    } else if (pos >= text.length || text[pos] === ',') {
      out.push({ key, operator: 'exists', values: [] });
    } else if (text.startsWith('==', pos) || text.startsWith('!=', pos)) {
      const operator = text[pos] === '!' ? '!=' : '=';
      pos += 2;
      out.push({ key, operator, values: [checkValue(readToken())] });
    } else if (text[pos] === '=' || text[pos] === '>' || text[pos] === '<') {
      const operator = text[pos] as '=' | '>' | '<';
      pos++;
      const value = checkValue(readToken());
      if (operator !== '=' && !/^-?\d+$/.test(value)) {
        throw new Error(
          `for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      out.push({ key, operator, values: [value] });
    } else {
      const word = readToken();
      if (word !== 'in' && word !== 'notin') {
        throw new Error(
          `found '${word}', expected: '=', '!=', '==', 'in', notin'`,
        );
      }
      skipSpace();
      if (text[pos] !== '(') {
        throw new Error(`found '${text[pos] ?? ''}', expected: '('`);
      }
      pos++;
      const values: string[] = [];
      for (;;) {
        const value = readToken();
        values.push(checkValue(value));
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ')') {
          pos++;
          break;
        }
        throw new Error(`found '${text[pos] ?? ''}', expected: ',' or ')'`);
      }
      out.push({ key, operator: word, values });
    }
    skipSpace();
    if (pos < text.length) {
      if (text[pos] !== ',') {
        throw new Error(
          `found '${text[pos]}', expected: ',' or 'end of string'`,
        );
      }
      pos++;
    }
  }
  return out;
}

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkKey(key: string) {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (
    !name ||
    name.length > 63 ||
    !NAME.test(name) ||
    (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix)))
  ) {
    throw new Error(`invalid label key "${key}"`);
  }
}

function checkValue(value: string) {
  if (value.length > 63 || (value !== '' && !NAME.test(value))) {
    throw new Error(`invalid label value: "${value}"`);
  }
  return value;
}

/** Whether labels satisfy a selector. @public */
export function matchesLabels(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  for (const r of selector) {
    const value = labels?.[r.key];
    const has = value !== undefined;
    switch (r.operator) {
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (!has || !r.values.includes(value)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(value)) return false;
        break;
      case '>':
      case '<': {
        if (!has || !/^-?\d+$/.test(value)) return false;
        const n = Number(value);
        const bound = Number(r.values[0]);
        if (r.operator === '>' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}
