import { isObject, JsonObject, ResourceType } from '../types';
import {
  DEFINITIONS,
  gvkExtension,
  LIST_META_DESCRIPTION,
  META_V1,
  OBJECT_META_DESCRIPTION,
  typeMeta,
} from './openapiV2Builtins';

/**
 * A CRD version's schema as kube-apiserver publishes it in OpenAPI v2 (apiextensions-apiserver's
 * controller/openapi builder with `V2: true`, then `PruneDefaults`). kubectl < 1.27 validates
 * client-side with these definitions and understands neither `nullable` nor untyped-or-two-typed
 * values, so the server drops what v2 cannot say rather than let kubectl reject valid objects:
 * the price is that such nodes are not checked client-side (the server still checks them).
 */

/** What a structural schema keeps (`NewStructural` then `ToKubeOpenAPI`); `default` is pruned. */
const KEPT = new Set([
  'type',
  'format',
  'title',
  'description',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'enum',
  'maxProperties',
  'minProperties',
  'required',
  'items',
  'properties',
  'additionalProperties',
  'nullable',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);
/** Extensions published only when true. */
const FLAGS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
];

/** `ToStructuralOpenAPIV2`, then `omitempty` of Go's JSON encoding (empty lists and maps vanish). */
export function toOpenApiV2Schema(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (KEPT.has(key)) out[key] = value;
    else if (FLAGS.includes(key) && value === true) out[key] = true;
  }
  // all/one/anyOf and not are dropped as junctors v2 cannot express for kubectl.
  if (out.nullable === true) {
    // An untyped value is what v2 can say of "this type or null"; kubectl breaks on untyped
    // values with items or properties, so those go too.
    delete out.type;
    delete out.items;
    delete out.properties;
  }
  delete out.nullable;
  if (out['x-kubernetes-preserve-unknown-fields'] === true) {
    // kubectl would reject the unknown fields if the known ones were listed.
    delete out.items;
    delete out.properties;
  }
  if (out['x-kubernetes-int-or-string'] === true) delete out.type;
  if (out.type === 'array' && !isObject(out.items)) delete out.type;

  const properties = isObject(out.properties) ? out.properties : undefined;
  if (Array.isArray(out.required)) {
    // A nullable field may be sent as null, which kubectl would count as missing.
    const additional = out.additionalProperties;
    out.required =
      isObject(additional) && additional.nullable === true
        ? []
        : (out.required as string[]).filter(
            f => !(isObject(properties?.[f]) && properties?.[f].nullable),
          );
  }
  if (properties) {
    out.properties = Object.fromEntries(
      Object.keys(properties)
        .sort()
        .filter(k => isObject(properties[k]))
        .map(k => [k, toOpenApiV2Schema(properties[k] as JsonObject)]),
    );
  }
  if (isObject(out.items)) out.items = toOpenApiV2Schema(out.items);
  if (isObject(out.additionalProperties)) {
    out.additionalProperties = toOpenApiV2Schema(out.additionalProperties);
  }
  for (const key of ['properties', 'required', 'enum']) {
    const value = out[key];
    if (
      (Array.isArray(value) && !value.length) ||
      (isObject(value) && !Object.keys(value).length)
    ) {
      delete out[key];
    }
  }
  return out;
}

const objectMeta = () => ({
  $ref: `${DEFINITIONS}${META_V1}.ObjectMeta`,
  description: OBJECT_META_DESCRIPTION,
});

/**
 * Embedded resources get TypeMeta and ObjectMeta, required kind and apiVersion, unless they keep
 * unknown fields (listing these would make kubectl refuse the rest).
 */
function addEmbeddedProperties(schema: JsonObject) {
  const properties = isObject(schema.properties)
    ? schema.properties
    : undefined;
  Object.values(properties ?? {}).forEach(
    p => isObject(p) && addEmbeddedProperties(p),
  );
  if (isObject(schema.items)) addEmbeddedProperties(schema.items);
  if (isObject(schema.additionalProperties)) {
    addEmbeddedProperties(schema.additionalProperties);
  }
  if (
    schema['x-kubernetes-preserve-unknown-fields'] === true ||
    schema['x-kubernetes-embedded-resource'] !== true
  ) {
    return;
  }
  schema.properties = {
    ...properties,
    apiVersion: typeMeta.apiVersion,
    kind: typeMeta.kind,
    metadata: objectMeta(),
  };
  const required = (schema.required as string[] | undefined) ?? [];
  schema.required = [
    ...required,
    ...['kind', 'apiVersion'].filter(f => !required.includes(f)),
  ];
}

/** `io.confluent.platform.v1beta1.Kafka`: the REST-friendly name of a CRD kind. */
export function crdDefinitionName(type: ResourceType, version: string) {
  return `${type.group.split('.').reverse().join('.')}.${version}.${type.kind}`;
}

/** The definitions of one served version of a CRD kind: the kind and its list. */
export function crdDefinitions(
  type: ResourceType,
  version: string,
): Record<string, JsonObject> {
  const name = crdDefinitionName(type, version);
  const schema = type.versions.find(v => v.name === version)?.schema;
  let definition: JsonObject;
  if (!schema || schema['x-kubernetes-preserve-unknown-fields'] === true) {
    // Listing even apiVersion, kind and metadata would make kubectl reject every other field.
    definition = { type: 'object' };
  } else {
    definition = toOpenApiV2Schema(schema);
    definition.properties = {
      ...((definition.properties as JsonObject | undefined) ?? {}),
      apiVersion: typeMeta.apiVersion,
      kind: typeMeta.kind,
      metadata: objectMeta(),
    };
    addEmbeddedProperties(definition);
  }
  definition['x-kubernetes-group-version-kind'] = gvkExtension(
    type.group,
    version,
    type.kind,
  );
  return {
    [name]: definition,
    [`${name.slice(0, -type.kind.length)}${type.listKind}`]: {
      description: `${type.listKind} is a list of ${type.kind}`,
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: typeMeta.apiVersion,
        items: {
          description: `List of ${type.resource}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
          type: 'array',
          items: { $ref: DEFINITIONS + name },
        },
        kind: typeMeta.kind,
        metadata: {
          $ref: `${DEFINITIONS}${META_V1}.ListMeta`,
          description: LIST_META_DESCRIPTION,
        },
      },
      'x-kubernetes-group-version-kind': gvkExtension(
        type.group,
        version,
        type.listKind,
      ),
    },
  };
}
