import { StoredObject } from '../store/store';
import { KubeObject } from '../types';

/** One term of a field selector. @public */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Fields every kind can be selected on. */
const COMMON = ['metadata.name', 'metadata.namespace'];

/** The extra selectable fields of built-ins the suite lists with field selectors. */
const BY_KIND: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
};

/**
 * Parses a field selector (`a=b,c!=d`) and checks its fields are selectable for the kind, as the
 * API server does. Throws an Error with the server's message otherwise.
 * @public
 */
export function parseFieldSelector(
  input: string | undefined,
  kind: string,
): FieldRequirement[] {
  const text = (input ?? '').trim();
  if (!text) {
    return [];
  }
  const allowed = new Set([...COMMON, ...(BY_KIND[kind] ?? [])]);
  return text.split(',').map(term => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!m) {
      throw new Error(
        `invalid selector: '${text}'; can't understand '${term}'`,
      );
    }
    const [, field, op, value] = m;
    if (!allowed.has(field)) {
      throw new Error(`field label not supported: ${field}`);
    }
    return { field, operator: op === '!=' ? '!=' : '=', value };
  });
}

function fieldValue(object: Readonly<KubeObject>, field: string): string {
  if (field === 'source') {
    const source = (object as { source?: { component?: string } }).source;
    return source?.component ?? '';
  }
  let value: unknown = object;
  for (const part of field.split('.')) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  return value === undefined || value === null ? '' : String(value);
}

/** Whether a stored object satisfies a parsed field selector. @public */
export function matchesFields(
  selector: FieldRequirement[],
  entry: StoredObject,
): boolean {
  for (const r of selector) {
    let value: string;
    // metadata comes from the store's index; other fields need the parsed object.
    if (r.field === 'metadata.name') value = entry.meta.name;
    else if (r.field === 'metadata.namespace')
      value = entry.meta.namespace ?? '';
    else value = fieldValue(entry.object, r.field);
    if (r.operator === '=' ? value !== r.value : value === r.value) {
      return false;
    }
  }
  return true;
}
