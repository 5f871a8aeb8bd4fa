/**
 * One validation error, shaped like Kubernetes' `field.Error`: `type` becomes the cause's reason,
 * `body` its message (`ErrorBody()`), `field` the dotted path.
 * @public
 */
export interface FieldError {
  type: string;
  field: string;
  body: string;
}

/** Formats a bad value the way Go's `%v`/`%q` does in field errors. */
function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  ) {
    return String(value);
  }
  if (value === null || value === undefined) {
    return 'null';
  }
  return JSON.stringify(value);
}

const withDetail = (s: string, detail?: string) =>
  detail ? `${s}: ${detail}` : s;

/** Constructors mirroring k8s.io/apimachinery/pkg/util/validation/field. */
export const fieldError = {
  required: (field: string, detail?: string): FieldError => ({
    type: 'FieldValueRequired',
    field,
    body: withDetail('Required value', detail),
  }),
  invalid: (field: string, value: unknown, detail?: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    body: withDetail(`Invalid value: ${show(value)}`, detail),
  }),
  typeInvalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueTypeInvalid',
    field,
    body: withDetail(`Invalid value: ${show(value)}`, detail),
  }),
  notSupported: (
    field: string,
    value: unknown,
    supported: string[],
  ): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    body: `Unsupported value: ${show(value)}${
      supported.length
        ? `: supported values: ${supported
            .map(s => JSON.stringify(s))
            .join(', ')}`
        : ''
    }`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    type: 'FieldValueForbidden',
    field,
    body: withDetail('Forbidden', detail),
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueDuplicate',
    field,
    body: `Duplicate value: ${show(value)}`,
  }),
  tooLong: (field: string, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    body: `Too long: may not be more than ${max} bytes`,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    body: `Too many: ${actual}: must have at most ${max} items`,
  }),
  internal: (field: string, detail: string): FieldError => ({
    type: 'InternalError',
    field,
    body: withDetail('Internal error', detail),
  }),
  /** A CEL rule failure: the value is shown as its schema type, as the API server does. */
  rule: (
    field: string,
    schemaType: string,
    message: string,
    reason = 'FieldValueInvalid',
  ): FieldError => {
    const prefix: Record<string, string> = {
      FieldValueInvalid: `Invalid value: ${JSON.stringify(schemaType)}`,
      FieldValueForbidden: 'Forbidden',
      FieldValueRequired: 'Required value',
      FieldValueDuplicate: `Duplicate value: ${JSON.stringify(schemaType)}`,
    };
    return {
      type: reason,
      field,
      body: `${prefix[reason] ?? prefix.FieldValueInvalid}: ${message}`,
    };
  },
};

/** Appends a property to a dotted field path. */
export function child(path: string, key: string) {
  return path ? `${path}.${key}` : key;
}

/** Appends an index to a field path. */
export function index(path: string, i: number | string) {
  return `${path}[${i}]`;
}
