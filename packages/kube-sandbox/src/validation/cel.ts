import {
  celEnv,
  CelInput,
  CelResult,
  isCelError,
  parse,
  plan,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { isObject, JsonObject } from '../types';
import { child, FieldError, fieldError, index } from './fieldErrors';

/**
 * `x-kubernetes-validations` evaluated with @bufbuild/cel, with the API server's semantics: rules
 * run on every value present at their schema node, transition rules (those using `oldSelf`) only
 * where an old value correlates (object properties, map values, items of map-type lists), and
 * `x-kubernetes-list-type: set|map` uniqueness is checked. What the engine cannot evaluate (a
 * Kubernetes CEL library function, optional syntax) is reported as an error, never passed.
 */

type Program = (bindings: Record<string, CelInput>) => CelResult;

const env = celEnv({ funcs: strings });
const programs = new Map<string, Program | Error>();

function program(expression: string): Program | Error {
  let p = programs.get(expression);
  if (!p) {
    try {
      p = plan(env, parse(expression)) as Program;
    } catch (error) {
      p = error instanceof Error ? error : new Error(String(error));
    }
    programs.set(expression, p);
  }
  return p;
}

interface Rule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/** Converts a JSON value to CEL input typed by its schema: integers are CEL ints, objects maps. */
export function toCel(
  value: unknown,
  schema: JsonObject | undefined,
): CelInput {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const items = isObject(schema?.items) ? schema!.items : undefined;
    return value.map(v => toCel(v, items));
  }
  if (isObject(value)) {
    const properties = isObject(schema?.properties) ? schema!.properties : {};
    const additional = isObject(schema?.additionalProperties)
      ? schema!.additionalProperties
      : undefined;
    const map = new Map<string, CelInput>();
    for (const [k, v] of Object.entries(value)) {
      map.set(
        k,
        toCel(v, (properties[k] as JsonObject | undefined) ?? additional),
      );
    }
    return map;
  }
  if (typeof value === 'number') {
    const type = schema?.type;
    if (type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  return value as CelInput;
}

/** Why a rule failed to evaluate: an engine limit is reported apart from a real runtime error. */
function evaluationError(
  error: Error,
  rule: Rule,
  path: string,
  type: string,
): FieldError {
  const message = error.message;
  if (
    /unbound function|unresolved|expecting|Expected|syntax|parse/i.test(message)
  ) {
    return fieldError.internal(
      path,
      `kube-sandbox cannot evaluate rule ${JSON.stringify(
        rule.rule,
      )}: ${message}`,
    );
  }
  if (/no matching overload|no such overload/.test(message)) {
    return fieldError.invalid(
      path,
      type,
      `'no such overload': call arguments did not match a supported operator, function or macro signature for rule: ${rule.rule}`,
    );
  }
  return fieldError.invalid(
    path,
    type,
    `${message} evaluating rule: ${rule.rule}`,
  );
}

function evaluate(
  rules: Rule[],
  value: unknown,
  old: unknown,
  schema: JsonObject,
  path: string,
  errors: FieldError[],
) {
  const type = typeof schema.type === 'string' ? schema.type : '';
  for (const rule of rules) {
    const transition = /\boldSelf\b/.test(rule.rule);
    if (transition && old === undefined && !rule.optionalOldSelf) continue;
    const field = rule.fieldPath
      ? `${path}${
          rule.fieldPath.startsWith('.') || rule.fieldPath.startsWith('[')
            ? ''
            : '.'
        }${rule.fieldPath}`
      : path;
    const compiled = program(rule.rule);
    if (compiled instanceof Error) {
      errors.push(evaluationError(compiled, rule, field, type));
      continue;
    }
    const bindings: Record<string, CelInput> = { self: toCel(value, schema) };
    if (transition) bindings.oldSelf = toCel(old, schema);
    let result: CelResult;
    try {
      result = compiled(bindings);
    } catch (error) {
      result = error instanceof Error ? (error as CelResult) : String(error);
    }
    if (isCelError(result) || result instanceof Error) {
      errors.push(evaluationError(result as Error, rule, field, type));
      continue;
    }
    if (result === true) continue;
    if (result !== false) {
      errors.push(
        fieldError.internal(
          field,
          `rule ${JSON.stringify(rule.rule)} did not evaluate to a bool`,
        ),
      );
      continue;
    }
    let message = rule.message ?? `failed rule: ${rule.rule.trim()}`;
    if (rule.messageExpression) {
      const m = program(rule.messageExpression);
      const text = m instanceof Error ? undefined : m(bindings);
      if (typeof text === 'string' && text.trim()) message = text;
    }
    errors.push(fieldError.rule(field, type, message, rule.reason));
  }
}

function listKey(item: unknown, keys: string[]) {
  return isObject(item)
    ? JSON.stringify(keys.map(k => item[k] ?? null))
    : undefined;
}

/**
 * Runs every CEL rule and list-type check of a schema over a value. `old` is the stored object on
 * updates (undefined on create).
 * @public
 */
export function validateRules(
  value: unknown,
  old: unknown,
  schema: JsonObject,
  path = '',
): FieldError[] {
  const errors: FieldError[] = [];
  walk(value, old, schema, path, errors);
  return errors;
}

function walk(
  value: unknown,
  old: unknown,
  schema: JsonObject,
  path: string,
  errors: FieldError[],
) {
  if (value === undefined || value === null) return;
  const rules = schema['x-kubernetes-validations'];
  if (Array.isArray(rules) && rules.length) {
    evaluate(rules as Rule[], value, old, schema, path, errors);
  }
  if (Array.isArray(value)) {
    const items = isObject(schema.items) ? schema.items : undefined;
    const listType = schema['x-kubernetes-list-type'];
    const mapKeys = Array.isArray(schema['x-kubernetes-list-map-keys'])
      ? (schema['x-kubernetes-list-map-keys'] as string[])
      : [];
    const oldByKey = new Map<string, unknown>();
    if (listType === 'map' && Array.isArray(old)) {
      for (const o of old) {
        const k = listKey(o, mapKeys);
        if (k !== undefined) oldByKey.set(k, o);
      }
    }
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key =
        listType === 'map' ? listKey(item, mapKeys) : JSON.stringify(item);
      if ((listType === 'map' || listType === 'set') && key !== undefined) {
        if (seen.has(key)) {
          errors.push(
            fieldError.duplicate(
              index(path, i),
              listType === 'map' && isObject(item)
                ? Object.fromEntries(mapKeys.map(k => [k, item[k]]))
                : item,
            ),
          );
        }
        seen.add(key);
      }
      if (items) {
        const oldItem =
          listType === 'map' && key !== undefined
            ? oldByKey.get(key)
            : undefined;
        walk(item, oldItem, items, index(path, i), errors);
      }
    });
    return;
  }
  if (!isObject(value)) return;
  const properties = isObject(schema.properties)
    ? schema.properties
    : undefined;
  const additional = isObject(schema.additionalProperties)
    ? schema.additionalProperties
    : undefined;
  for (const [key, v] of Object.entries(value)) {
    const sub = (properties?.[key] as JsonObject | undefined) ?? additional;
    if (sub) {
      walk(
        v,
        isObject(old) ? old[key] : undefined,
        sub,
        child(path, key),
        errors,
      );
    }
  }
}
