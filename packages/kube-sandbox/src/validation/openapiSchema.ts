import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { isObject, JsonObject } from '../types';
import { child, FieldError, fieldError, index } from './fieldErrors';

/**
 * Value validation of a CRD's structural schema with ajv. OpenAPI v3.0 is not JSON Schema, so the
 * schema is translated first: `nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`,
 * `x-kubernetes-int-or-string`, and only the formats the API server checks; pruning, defaulting
 * and unknown fields are handled by structural.ts before this runs.
 */

const INT32 = 2 ** 31;

let ajv: Ajv | undefined;

function instance() {
  if (!ajv) {
    ajv = new Ajv({
      strict: false,
      allErrors: true,
      logger: false,
      validateSchema: false,
      // CRD patterns are Go RE2 syntax, which allows escapes (e.g. `\_`) that unicode JS regexps reject.
      unicodeRegExp: false,
      formats: {
        int32: {
          type: 'number',
          validate: n => Number.isInteger(n) && n >= -INT32 && n < INT32,
        },
        int64: {
          type: 'number',
          validate: n => Number.isInteger(n),
        },
        'date-time':
          /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
        date: /^\d{4}-\d{2}-\d{2}$/,
        byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
      },
    });
    ajv.addKeyword({
      keyword: 'x-sandbox-unsupported-pattern',
      schemaType: 'string',
      errors: true,
      validate: function unsupported(pattern: string, data: unknown) {
        (unsupported as unknown as { errors: object[] }).errors = [
          {
            keyword: 'x-sandbox-unsupported-pattern',
            params: { pattern },
            message: '',
          },
        ];
        return typeof data !== 'string';
      },
    });
  }
  return ajv;
}

function compiles(pattern: string) {
  try {
    RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const CHECKED_FORMATS = new Set([
  'int32',
  'int64',
  'date-time',
  'date',
  'byte',
]);
const SUBSCHEMA_MAPS = ['properties', 'patternProperties'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/** Translates an OpenAPI v3.0 structural schema into the JSON Schema ajv validates. */
export function toJsonSchema(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  for (const [key, value] of Object.entries(schema)) {
    if (
      key.startsWith('x-') ||
      key === 'default' ||
      key === 'description' ||
      key === 'example' ||
      key === 'nullable'
    ) {
      continue;
    }
    if (key === 'pattern' && typeof value === 'string' && !compiles(value)) {
      // An RE2 pattern JavaScript cannot run is reported on every value, never passed.
      out['x-sandbox-unsupported-pattern'] = value;
    } else if (key === 'format') {
      if (typeof value === 'string' && CHECKED_FORMATS.has(value))
        out.format = value;
    } else if (SUBSCHEMA_MAPS.includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          isObject(v) ? toJsonSchema(v) : v,
        ]),
      );
    } else if (SUBSCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      // int-or-string fields repeat their type as anyOf branches; the type check covers them.
      if (
        intOrString &&
        value.every(v => isObject(v) && Object.keys(v).every(k => k === 'type'))
      ) {
        continue;
      }
      out[key] = value.map(v => (isObject(v) ? toJsonSchema(v) : v));
    } else if ((key === 'items' || key === 'not') && isObject(value)) {
      out[key] = toJsonSchema(value);
    } else if (key === 'additionalProperties') {
      if (isObject(value)) out[key] = toJsonSchema(value);
    } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
      const bound =
        key === 'exclusiveMinimum' ? schema.minimum : schema.maximum;
      if (value === true && typeof bound === 'number') out[key] = bound;
    } else {
      out[key] = value;
    }
  }
  if (out.exclusiveMinimum !== undefined) delete out.minimum;
  if (out.exclusiveMaximum !== undefined) delete out.maximum;
  if (intOrString) {
    out.type = ['integer', 'string'];
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = [...out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null))
      out.enum = [...out.enum, null];
  }
  return out;
}

/** Compiles a structural schema; ajv's generated code is reused for every object of the kind. */
export function compileSchema(schema: JsonObject): ValidateFunction {
  return instance().compile(toJsonSchema(schema));
}

function jsonType(value: unknown) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Turns an ajv instance path (`/spec/listeners/0/port`) into a field path (`spec.listeners[0].port`). */
function fieldPath(root: unknown, instancePath: string) {
  let path = '';
  let value: unknown = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      path = index(path, segment);
      value = value[Number(segment)];
    } else {
      path = child(path, segment);
      value = isObject(value) ? value[segment] : undefined;
    }
  }
  return { path, value };
}

/**
 * Maps ajv's errors to the field errors kube-openapi's validator produces, with its wording
 * (`spec.replicas in body must be of type integer: "string"`). Errors inside anyOf/oneOf/not
 * branches are summarised by the combinator's own error, as the API server does.
 * @public
 */
export function toFieldErrors(
  root: unknown,
  errs: ErrorObject[],
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errs) {
    if (
      /\/(anyOf|oneOf|not)\/\d*/.test(
        e.schemaPath.replace(/\/(anyOf|oneOf|not)$/, ''),
      )
    ) {
      continue;
    }
    const { path, value } = fieldPath(root, e.instancePath);
    const p = e.params as Record<string, unknown>;
    const at = path || '<root>';
    let err: FieldError;
    switch (e.keyword) {
      case 'required': {
        const missing = String(p.missingProperty);
        err = fieldError.required(child(path, missing));
        break;
      }
      case 'type': {
        const expected = Array.isArray(p.type)
          ? p.type.join(',')
          : String(p.type);
        err = fieldError.typeInvalid(
          path,
          value,
          `${at} in body must be of type ${expected}: "${jsonType(value)}"`,
        );
        break;
      }
      case 'enum':
        err = fieldError.notSupported(
          path,
          value,
          (p.allowedValues as unknown[]).map(v =>
            typeof v === 'string' ? v : JSON.stringify(v),
          ),
        );
        break;
      case 'maxLength':
        err = fieldError.tooLong(path, Number(p.limit));
        break;
      case 'maxItems':
        err = fieldError.tooMany(
          path,
          Array.isArray(value) ? value.length : 0,
          Number(p.limit),
        );
        break;
      case 'uniqueItems':
        err = fieldError.duplicate(
          index(path, Number(p.i)),
          Array.isArray(value) ? value[Number(p.i)] : value,
        );
        break;
      default:
        err = fieldError.invalid(path, value, `${at} in body ${describe(e)}`);
    }
    const id = `${err.field}|${err.body}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(err);
    }
  }
  return out;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'minimum':
      return `should be greater than or equal to ${p.limit}`;
    case 'exclusiveMinimum':
      return `should be greater than ${p.limit}`;
    case 'maximum':
      return `should be less than or equal to ${p.limit}`;
    case 'exclusiveMaximum':
      return `should be less than ${p.limit}`;
    case 'minLength':
      return `should be at least ${p.limit} chars long`;
    case 'minItems':
      return `should have at least ${p.limit} items`;
    case 'minProperties':
      return `should have at least ${p.limit} properties`;
    case 'maxProperties':
      return `should have at most ${p.limit} properties`;
    case 'pattern':
      return `should match '${p.pattern}'`;
    case 'multipleOf':
      return `should be a multiple of ${p.multipleOf}`;
    case 'format':
      return `must be of type ${p.format}`;
    case 'oneOf':
      return 'must validate one and only one schema (oneOf)';
    case 'anyOf':
      return 'must validate at least one schema (anyOf)';
    case 'not':
      return 'must not validate the schema (not)';
    case 'x-sandbox-unsupported-pattern':
      return `should match '${p.pattern}' (kube-sandbox cannot evaluate this RE2 pattern)`;
    default:
      return e.message ?? `fails ${e.keyword}`;
  }
}
