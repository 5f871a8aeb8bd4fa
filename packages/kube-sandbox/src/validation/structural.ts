import { isObject, JsonObject } from '../types';
import { modelFields, TypeRef } from './builtinModels';
import { child, index } from './fieldErrors';

/** Fields of ObjectMeta: anything else under `metadata` is an unknown field. */
const OBJECT_META = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

/** What a structural pass found: unknown fields (already removed) and undecodable values. */
export interface StructuralReport {
  unknown: string[];
  /** Go-decoder-style messages for built-ins whose values have the wrong JSON type. */
  decode: string[];
}

function pruneMeta(meta: unknown, path: string, report: StructuralReport) {
  if (!isObject(meta)) return;
  for (const key of Object.keys(meta)) {
    if (!OBJECT_META.has(key)) {
      report.unknown.push(child(path, key));
      delete meta[key];
    } else if (meta[key] === null) {
      delete meta[key];
    }
  }
}

/**
 * Prunes and defaults a custom resource in place against a structural schema, as the API server
 * does on every write: unknown fields are removed (and reported), non-nullable nulls are dropped,
 * `default`s are applied; `x-kubernetes-preserve-unknown-fields` and
 * `x-kubernetes-embedded-resource` are honoured.
 * @public
 */
export function pruneCustomResource(
  object: JsonObject,
  schema: JsonObject,
): StructuralReport {
  const report: StructuralReport = { unknown: [], decode: [] };
  walkSchema(object, schema, '', report, true);
  return report;
}

function walkSchema(
  value: unknown,
  schema: JsonObject | undefined,
  path: string,
  report: StructuralReport,
  embedded: boolean,
) {
  if (!schema) return;
  if (Array.isArray(value)) {
    const items = isObject(schema.items) ? schema.items : undefined;
    value.forEach((item, i) =>
      walkSchema(
        item,
        items,
        index(path, i),
        report,
        items?.['x-kubernetes-embedded-resource'] === true,
      ),
    );
    return;
  }
  if (!isObject(value)) return;
  const properties = isObject(schema.properties)
    ? schema.properties
    : undefined;
  const additional = isObject(schema.additionalProperties)
    ? schema.additionalProperties
    : undefined;
  const preserve =
    schema['x-kubernetes-preserve-unknown-fields'] === true ||
    schema.additionalProperties === true;
  for (const key of Object.keys(value)) {
    const keyPath = child(path, key);
    if (embedded && (key === 'apiVersion' || key === 'kind')) continue;
    if (embedded && key === 'metadata') {
      pruneMeta(value.metadata, keyPath, report);
      continue;
    }
    const propSchema = properties?.[key] as JsonObject | undefined;
    const sub = propSchema ?? additional;
    if (!sub) {
      if (!preserve) {
        report.unknown.push(keyPath);
        delete value[key];
      }
      continue;
    }
    if (value[key] === null && sub.nullable !== true) {
      delete value[key];
      continue;
    }
    walkSchema(
      value[key],
      sub,
      keyPath,
      report,
      sub['x-kubernetes-embedded-resource'] === true,
    );
  }
  if (properties) {
    for (const [key, prop] of Object.entries(properties)) {
      if (
        value[key] === undefined &&
        isObject(prop) &&
        prop.default !== undefined
      ) {
        value[key] = structuredClone(prop.default);
        walkSchema(value[key], prop, child(path, key), report, false);
      }
    }
  }
}

/**
 * Prunes a built-in object in place against its Go type, as decoding into the Go struct does:
 * unknown fields disappear (and are reported), JSON values of the wrong type are decode errors.
 * @public
 */
export function pruneBuiltin(
  object: JsonObject,
  model: string,
): StructuralReport {
  const report: StructuralReport = { unknown: [], decode: [] };
  walkModel(object, { kind: 'model', name: model }, '', model, report);
  return report;
}

const GO_TYPES: Record<string, string> = {
  string: 'string',
  boolean: 'bool',
  Date: 'string',
  int32: 'int32',
  int64: 'int64',
  double: 'float64',
};

function jsonKind(value: unknown) {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

function walkModel(
  value: unknown,
  type: TypeRef,
  path: string,
  owner: string,
  report: StructuralReport,
) {
  const mismatch = (goType: string) =>
    report.decode.push(
      `json: cannot unmarshal ${jsonKind(
        value,
      )} into Go struct field ${owner.replace(
        /^(V1|CoreV1)/,
        '',
      )}.${path.replace(/\[\d+\]/g, '')} of type ${goType}`,
    );
  if (value === null || value === undefined) return;
  switch (type.kind) {
    case 'primitive': {
      const t = type.name;
      if (t === 'any' || t === 'object') return;
      if (t === 'IntOrString') {
        if (typeof value !== 'string' && typeof value !== 'number')
          mismatch('intstr.IntOrString');
        return;
      }
      if (t === 'number') {
        const goType = GO_TYPES[type.format] ?? 'int64';
        if (typeof value !== 'number') mismatch(goType);
        else if (goType !== 'float64' && !Number.isInteger(value))
          mismatch(goType);
        return;
      }
      if (t === 'string' && type.format === 'byte') {
        if (typeof value !== 'string') mismatch('[]uint8');
        return;
      }
      const expected = t === 'boolean' ? 'boolean' : 'string';
      if (typeof value !== expected) mismatch(GO_TYPES[t] ?? t);
      return;
    }
    case 'array':
      if (!Array.isArray(value)) {
        mismatch('[]interface {}');
        return;
      }
      value.forEach((item, i) =>
        walkModel(item, type.of, index(path, i), owner, report),
      );
      return;
    case 'map':
      if (!isObject(value)) {
        mismatch('map[string]string');
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        walkModel(v, type.of, child(path, k), owner, report);
      }
      return;
    case 'model': {
      if (!isObject(value)) {
        mismatch(type.name.replace(/^(V1|CoreV1)/, 'v1.'));
        return;
      }
      const fields = modelFields(type.name);
      if (!fields) return;
      for (const key of Object.keys(value)) {
        const fieldType = fields.get(key);
        const keyPath = child(path, key);
        if (!fieldType) {
          report.unknown.push(keyPath);
          delete value[key];
        } else if (value[key] === null) {
          delete value[key];
        } else {
          walkModel(value[key], fieldType, keyPath, type.name, report);
        }
      }
      return;
    }
    default:
      return;
  }
}
