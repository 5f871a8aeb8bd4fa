import { InputError } from '@backstage/errors';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

/** A parsed Kubernetes label selector: every requirement must hold. */
export type LabelSelector = Requirement[];

// Splits on commas outside parentheses: `a in (x,y),b` has two requirements.
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

/**
 * Parses the label selectors the Kubernetes plugin's `backstage.io/kubernetes-label-selector`
 * annotation holds: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`.
 *
 * @throws InputError naming the requirement it cannot read.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  return splitRequirements(selector).map(requirement => {
    let match = requirement.match(/^([^\s!=]+)\s*(==|=|!=)\s*([^\s,]*)$/);
    if (match) {
      const [, key, op, value] = match;
      return { key, op: op === '!=' ? 'notin' : 'in', values: [value] };
    }
    match = requirement.match(/^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (match) {
      const [, key, op, values] = match;
      return {
        key,
        op: op as 'in' | 'notin',
        values: values
          .split(',')
          .map(v => v.trim())
          .filter(v => v.length > 0),
      };
    }
    match = requirement.match(/^(!?)([^\s!=(),]+)$/);
    if (match) {
      return { key: match[2], op: match[1] ? '!exists' : 'exists' };
    }
    throw new InputError(
      `Cannot read the label selector requirement '${requirement}'`,
    );
  });
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  return selector.every(requirement => {
    const value = labels[requirement.key];
    switch (requirement.op) {
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notin':
        return value === undefined || !requirement.values.includes(value);
      case 'exists':
        return value !== undefined;
      default:
        return value === undefined;
    }
  });
}
