import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as clientNode from '@kubernetes/client-node';
import { JsonObject } from '../types';
import {
  KIND_MODELS,
  modelFields,
  patchMeta,
  TypeRef,
} from '../validation/builtinModels';

/**
 * The OpenAPI v2 definitions of the built-in kinds, made from the same client-node model metadata
 * that prunes and patches them server-side, so a client validating with these definitions (kubectl
 * before 1.27) accepts and rejects the fields the server does. They carry what kubectl reads from a
 * real server's: definition names (its error messages name them), `required`, descriptions (for
 * `kubectl explain`) and the strategic-merge tags (kubectl computes apply patches from them when it
 * finds a kind here, instead of from its compiled-in types).
 */

export const DEFINITIONS = '#/definitions/';
export const META_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** meta/v1 types among the models reachable from the served kinds (the rest are core/v1 unless named otherwise). */
const META_TYPES = new Set([
  'Condition',
  'DeleteOptions',
  'LabelSelector',
  'LabelSelectorRequirement',
  'ListMeta',
  'ManagedFieldsEntry',
  'ObjectMeta',
  'OwnerReference',
  'Preconditions',
  'Status',
  'StatusCause',
  'StatusDetails',
]);
const APPS_TYPES = /^(StatefulSet|RollingUpdateStatefulSetStrategy)/;
const APIEXTENSIONS_TYPES =
  /^(CustomResource|JSONSchemaProps|ExternalDocumentation$|SelectableField$|ValidationRule$|WebhookConversion$)/;
const GROUP_PACKAGES: Record<string, string> = {
  Core: 'io.k8s.api.core',
  Apps: 'io.k8s.api.apps',
  Apiextensions: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
};

/**
 * The Go-package definition name of a client-node model (`V1Container` →
 * `io.k8s.api.core.v1.Container`): the generator dropped the package, keeping a group prefix only
 * where two groups have a type of the same name (`CoreV1Event`).
 */
export function definitionName(model: string): string {
  const m = /^(Core|Apps|Apiextensions)?(V\d+(?:alpha\d+|beta\d+)?)(\w+)$/.exec(
    model,
  );
  if (!m) throw new Error(`unexpected model name ${model}`);
  const [, prefix, v, name] = m;
  const version = v.toLowerCase();
  if (prefix) return `${GROUP_PACKAGES[prefix]}.${version}.${name}`;
  if (META_TYPES.has(name)) return `${META_V1}.${name}`;
  if (APPS_TYPES.test(name)) return `io.k8s.api.apps.${version}.${name}`;
  if (APIEXTENSIONS_TYPES.test(name)) {
    return `${GROUP_PACKAGES.Apiextensions}.${version}.${name}`;
  }
  return `io.k8s.api.core.${version}.${name}`;
}

interface Attribute {
  name: string;
  baseName: string;
}
interface ModelDoc {
  description?: string;
  fields: Map<string, { required: boolean; description?: string }>;
}

const models = clientNode as unknown as Record<
  string,
  { getAttributeTypeMap?(): Attribute[] } | undefined
>;
let modelsDir: string | undefined | null;

/**
 * Which fields are required and what they mean, read from the model's generated `.d.ts` (the
 * generator writes the spec's `required` as non-optional properties and its descriptions as doc
 * comments); the runtime metadata has neither. Without the file, nothing is required.
 */
function modelDoc(model: string): ModelDoc {
  const doc: ModelDoc = { fields: new Map() };
  if (modelsDir === undefined) {
    try {
      modelsDir = join(
        dirname(require.resolve('@kubernetes/client-node')),
        'gen',
        'models',
      );
    } catch {
      modelsDir = null;
    }
  }
  let text: string;
  try {
    text = readFileSync(join(modelsDir ?? '', `${model}.d.ts`), 'utf8');
  } catch {
    return doc;
  }
  const baseNames = new Map(
    (models[model]?.getAttributeTypeMap?.() ?? []).map(a => [
      a.name,
      a.baseName,
    ]),
  );
  let comment: string[] | undefined;
  let inComment = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      inComment = true;
      comment = [];
      continue;
    }
    if (inComment) {
      if (trimmed.startsWith('*/')) inComment = false;
      else
        comment?.push(
          trimmed.replace(/^\* ?/, '').replace(/\\(["'\\])/g, '$1'),
        );
      continue;
    }
    const description = comment?.join('\n').trim() || undefined;
    comment = undefined;
    if (trimmed.startsWith('export declare class')) {
      doc.description = description;
      continue;
    }
    const field = /^'([^']+)'(\?)?: /.exec(trimmed);
    if (field) {
      doc.fields.set(baseNames.get(field[1]) ?? field[1], {
        required: !field[2],
        description,
      });
    }
  }
  return doc;
}

/** TypeMeta's fields as a real server describes them. */
export const typeMeta = {
  apiVersion: {
    description:
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
    type: 'string',
  },
  kind: {
    description:
      'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
    type: 'string',
  },
};

export const OBJECT_META_DESCRIPTION =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
export const LIST_META_DESCRIPTION =
  'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

const GO_FORMATS: Record<string, JsonObject> = {
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
};

/** The schema of a field of the given type; models it meets are added to `queue`. */
function typeSchema(type: TypeRef, queue: string[]): JsonObject {
  switch (type.kind) {
    case 'model':
      queue.push(type.name);
      return { $ref: DEFINITIONS + definitionName(type.name) };
    case 'array':
      return { type: 'array', items: typeSchema(type.of, queue) };
    case 'map':
      return {
        type: 'object',
        additionalProperties: typeSchema(type.of, queue),
      };
    default:
      break;
  }
  switch (type.name) {
    case 'string':
      return type.format
        ? { type: 'string', format: type.format }
        : { type: 'string' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { ...(GO_FORMATS[type.format] ?? { type: 'number' }) };
    case 'IntOrString':
      return { $ref: DEFINITIONS + INT_OR_STRING };
    case 'object':
      return { type: 'object' };
    default:
      // `any` (RawExtension, JSON, FieldsV1…): no type, which clients take as any value.
      return {};
  }
}

function modelDefinition(model: string, queue: string[]): JsonObject {
  const fields = modelFields(model);
  if (!fields) throw new Error(`no client-node model ${model}`);
  const doc = modelDoc(model);
  const properties: JsonObject = {};
  for (const [field, type] of [...fields].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const schema = typeSchema(type, queue);
    const description = doc.fields.get(field)?.description;
    if (description) schema.description = description;
    const patch = patchMeta(model, field);
    if (patch.strategy === 'merge') {
      if (patch.mergeKey)
        schema['x-kubernetes-patch-merge-key'] = patch.mergeKey;
      schema['x-kubernetes-patch-strategy'] = patch.retainKeys
        ? 'merge,retainKeys'
        : 'merge';
    }
    properties[field] = schema;
  }
  const required = [...fields.keys()].filter(f => doc.fields.get(f)?.required);
  return {
    ...(doc.description ? { description: doc.description } : {}),
    type: 'object',
    ...(required.length ? { required } : {}),
    properties,
  };
}

/** A kind's group-version-kind extension, as kubectl looks kinds up by. */
export const gvkExtension = (group: string, version: string, kind: string) => [
  { group, kind, version },
];

/**
 * The definitions of the given built-in kinds (and their lists), every type they reach, and the
 * meta/v1 types the paths refer to. Each kind's definition carries its group-version-kind.
 */
export function builtinDefinitions(
  kinds: Array<{ group: string; version: string; kind: string }>,
): Record<string, JsonObject> {
  const definitions: Record<string, JsonObject> = {
    [INT_OR_STRING]: {
      description:
        'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
      type: 'string',
      format: 'int-or-string',
    },
    [`${META_V1}.Patch`]: {
      description:
        'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
      type: 'object',
    },
  };
  const queue = ['V1ListMeta', 'V1Status', 'V1DeleteOptions'];
  for (const { group, version, kind } of kinds) {
    const model = KIND_MODELS[kind];
    const name = definitionName(model);
    queue.push(model);
    definitions[`${name}List`] = {
      description: `${kind}List is a list of ${kind} objects.`,
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: typeMeta.apiVersion,
        items: { type: 'array', items: { $ref: DEFINITIONS + name } },
        kind: typeMeta.kind,
        metadata: {
          $ref: `${DEFINITIONS}${META_V1}.ListMeta`,
          description: LIST_META_DESCRIPTION,
        },
      },
      'x-kubernetes-group-version-kind': gvkExtension(
        group,
        version,
        `${kind}List`,
      ),
    };
  }
  const kindOf = new Map(
    kinds.map(k => [definitionName(KIND_MODELS[k.kind]), k]),
  );
  for (let model = queue.pop(); model; model = queue.pop()) {
    const name = definitionName(model);
    if (definitions[name]) continue;
    const definition = modelDefinition(model, queue);
    const gvk = kindOf.get(name);
    if (gvk) {
      definition['x-kubernetes-group-version-kind'] = gvkExtension(
        gvk.group,
        gvk.version,
        gvk.kind,
      );
    }
    definitions[name] = definition;
  }
  return definitions;
}
