import { createHash } from 'node:crypto';
import { Registry } from '../resources/registry';
import { apiVersionOf, JsonObject, ResourceType } from '../types';
import { KUBERNETES_VERSION } from './discovery';
import { createOpenApiV2Cache } from './openapiV2';

/**
 * The OpenAPI v3 documents kubectl reads (`/openapi/v3` and one document per group-version).
 * kubectl ≥ 1.27 looks for a PATCH operation of the kind that declares the `fieldValidation`
 * query parameter; finding it, it leaves validation to the server (sending
 * `fieldValidation=Strict`) instead of validating client-side. Custom resources get their CRD
 * schema; built-ins a stub schema: kubectl computes their strategic merge patches from its
 * compiled-in types, since these documents do not offer that patch type for them.
 */

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** `/apis/g/v` path prefix, or `/api/v1`. */
function prefix(group: string, version: string) {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** `io.confluent.platform.v1beta1.Kafka`: the reversed-group naming of CRD schemas. */
function schemaName(type: ResourceType, version: string) {
  if (!type.builtin) {
    return `${type.group.split('.').reverse().join('.')}.${version}.${
      type.kind
    }`;
  }
  if (type.group === 'apiextensions.k8s.io') {
    return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${type.kind}`;
  }
  return `io.k8s.api.${type.group || 'core'}.${version}.${type.kind}`;
}

const param = (
  name: string,
  location: 'query' | 'path',
  description: string,
) => ({
  name,
  in: location,
  description,
  ...(location === 'path' ? { required: true } : {}),
  schema: { type: 'string', uniqueItems: true },
});

const WRITE_PARAMS = [
  param(
    'dryRun',
    'query',
    'When present, indicates that modifications should not be persisted.',
  ),
  param(
    'fieldManager',
    'query',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  param(
    'fieldValidation',
    'query',
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.',
  ),
];

function operations(type: ResourceType, version: string) {
  const gvk = { group: type.group, kind: type.kind, version };
  const ref = { $ref: `#/components/schemas/${schemaName(type, version)}` };
  const json = { 'application/json': { schema: ref } };
  const op = (action: string, extra: JsonObject = {}) => ({
    operationId: `${action}${type.kind}`,
    responses: { '200': { description: 'OK', content: json } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  const patchTypes = [
    'application/json-patch+json',
    'application/merge-patch+json',
  ];
  const patchBody = {
    content: Object.fromEntries(
      patchTypes.map(t => [
        t,
        { schema: { $ref: `#/components/schemas/${META}.Patch` } },
      ]),
    ),
    required: true,
  };
  const base = prefix(type.group, version);
  const scoped = type.namespaced
    ? `${base}/namespaces/{namespace}/${type.resource}`
    : `${base}/${type.resource}`;
  const scopeParams = type.namespaced
    ? [
        param(
          'namespace',
          'path',
          'object name and auth scope, such as for teams and projects',
        ),
      ]
    : [];
  const nameParams = [
    param('name', 'path', `name of the ${type.kind}`),
    ...scopeParams,
  ];
  const item = {
    get: op('get'),
    put: op('put', {
      parameters: WRITE_PARAMS,
      requestBody: { content: json, required: true },
    }),
    patch: op('patch', { parameters: WRITE_PARAMS, requestBody: patchBody }),
    delete: op('delete'),
    parameters: nameParams,
  };
  const paths: JsonObject = {
    [scoped]: {
      get: op('list'),
      post: op('post', {
        parameters: WRITE_PARAMS,
        requestBody: { content: json, required: true },
      }),
      delete: op('deletecollection'),
      parameters: scopeParams,
    },
    [`${scoped}/{name}`]: item,
  };
  if (type.statusSubresource) {
    const { delete: _delete, ...status } = item;
    paths[`${scoped}/{name}/status`] = status;
  }
  if (type.namespaced) {
    paths[`${base}/${type.resource}`] = { get: op('list') };
  }
  return paths;
}

function componentSchema(type: ResourceType, version: string): JsonObject {
  const schema = type.versions.find(v => v.name === version)?.schema;
  const gvk = [{ group: type.group, kind: type.kind, version }];
  if (!schema) {
    return { type: 'object', 'x-kubernetes-group-version-kind': gvk };
  }
  const properties = {
    ...((schema.properties as JsonObject | undefined) ?? {}),
  };
  properties.metadata = {
    allOf: [{ $ref: `#/components/schemas/${META}.ObjectMeta` }],
    default: {},
  };
  return { ...schema, properties, 'x-kubernetes-group-version-kind': gvk };
}

/** One group-version document. */
export function groupVersionDocument(
  registry: Registry,
  group: string,
  version: string,
) {
  const types = registry
    .all()
    .filter(t => t.group === group && t.versions.some(v => v.name === version));
  if (!types.length) return undefined;
  const paths: JsonObject = {};
  const schemas: JsonObject = {
    [`${META}.ObjectMeta`]: {
      type: 'object',
      'x-kubernetes-map-type': 'granular',
    },
    [`${META}.Patch`]: { type: 'object' },
  };
  for (const type of types) {
    Object.assign(paths, operations(type, version));
    schemas[schemaName(type, version)] = componentSchema(type, version);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths,
    components: { schemas },
  };
}

/** `/openapi/v3`: where each group-version document is, with a content hash as the API server gives. */
export function openApiRoot(
  registry: Registry,
  docHash: (group: string, version: string) => string,
) {
  const paths: JsonObject = {};
  for (const g of registry.groups()) {
    for (const version of g.versions) {
      const key = g.name ? `apis/${g.name}/${version}` : `api/${version}`;
      paths[key] = {
        serverRelativeURL: `/openapi/v3/${key}?hash=${docHash(
          g.name,
          version,
        )}`,
      };
    }
  }
  return { paths };
}

/** Caches the serialized documents of a registry (v3 and v2) until it changes. */
export function createOpenApiCache(registry: Registry) {
  let docs = new Map<string, { json: string; hash: string }>();
  const v2 = createOpenApiV2Cache(registry);
  const doc = (group: string, version: string) => {
    const key = apiVersionOf(group, version);
    let cached = docs.get(key);
    if (!cached) {
      const document = groupVersionDocument(registry, group, version);
      if (!document) return undefined;
      const json = JSON.stringify(document);
      cached = {
        json,
        hash: createHash('sha512')
          .update(json)
          .digest('hex')
          .slice(0, 32)
          .toUpperCase(),
      };
      docs.set(key, cached);
    }
    return cached;
  };
  return {
    invalidate() {
      docs = new Map();
      v2.invalidate();
    },
    v2,
    root: () =>
      JSON.stringify(openApiRoot(registry, (g, v) => doc(g, v)?.hash ?? '')),
    document: (group: string, version: string) => doc(group, version)?.json,
  };
}
