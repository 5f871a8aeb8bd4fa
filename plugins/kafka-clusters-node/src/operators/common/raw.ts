// Objects arrive from the API server as untyped JSON. These readers take what is there and
// never throw, so one odd object (a field of an unexpected type, an older CRD) cannot stop the
// projection of the others.

/** A JSON object as received. */
export type Raw = Record<string, unknown>;

export function asObject(value: unknown): Raw | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Raw)
    : undefined;
}

/** Reads a nested value, `undefined` as soon as a step is missing. */
export function get(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    const object = asObject(current);
    if (!object) {
      return undefined;
    }
    current = object[key];
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Integers the CRDs declare as numbers; int-or-string values such as `"3"` are read too. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

/** Keeps messages bounded: some operators put whole stack traces in them. */
export function truncate(
  value: string | undefined,
  max = 500,
): string | undefined {
  if (value === undefined || value.length <= max) {
    return value;
  }
  return `${value.slice(0, max - 1)}…`;
}

/** A `{ name, namespace? }` reference as CRDs spell it (`kafkaClusterRef`, `clusterRef`, …). */
export interface NameRef {
  name: string;
  namespace?: string;
}

export function nameRef(value: unknown): NameRef | undefined {
  const name = str(get(value, 'name'));
  if (!name) {
    return undefined;
  }
  const namespace = str(get(value, 'namespace'));
  return namespace ? { name, namespace } : { name };
}

/** Drops `undefined` members so projections stay small in memory and in JSON. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) {
      delete value[key];
    }
  }
  return value;
}
