import { createHash, randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Registry } from '../resources/registry';
import { JsonObject, ResourceType } from '../types';
import { KUBERNETES_VERSION } from './discovery';
import { encodeOpenApiV2 } from './gnostic';
import {
  builtinDefinitions,
  definitionName,
  DEFINITIONS,
  META_V1,
} from './openapiV2Builtins';
import { crdDefinitionName, crdDefinitions } from './openapiV2Crds';
import { KIND_MODELS } from '../validation/builtinModels';

/**
 * `/openapi/v2`, the Swagger 2.0 document of every served kind, in JSON or as gnostic protobuf.
 * kubectl before 1.27 reads it (protobuf) for `apply`: 1.20 to validate client-side and to compute
 * strategic merge patches, 1.25 and 1.26 to find `fieldValidation` on a kind's PATCH operation before
 * leaving validation to the server. Served as kube-openapi's handler serves it.
 */

const PROTOBUF = 'com.github.proto-openapi.spec.v2.v1.0+protobuf';
/** What clients (kubectl ≤ 1.26) ask for; answered with the current name of the same type. */
const PROTOBUF_DEPRECATED = 'com.github.proto-openapi.spec.v2@v1.0+protobuf';

const META = `${DEFINITIONS}${META_V1}`;

const query = (name: string, type: string, description: string) => ({
  description,
  in: 'query',
  name,
  type,
  uniqueItems: true,
});
const PRETTY = query(
  'pretty',
  'string',
  "If 'true', then the output is pretty printed.",
);
const DRY_RUN = query(
  'dryRun',
  'string',
  'When present, indicates that modifications should not be persisted.',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'string',
  'fieldManager is a name associated with the actor or entity that is making these changes.',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'string',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.',
);
const LIST_PARAMS = [
  query(
    'allowWatchBookmarks',
    'boolean',
    'allowWatchBookmarks requests watch events with type "BOOKMARK".',
  ),
  query(
    'continue',
    'string',
    'The continue option should be set when retrieving more results from the server.',
  ),
  query(
    'fieldSelector',
    'string',
    'A selector to restrict the list of returned objects by their fields.',
  ),
  query(
    'labelSelector',
    'string',
    'A selector to restrict the list of returned objects by their labels.',
  ),
  query(
    'limit',
    'integer',
    'limit is a maximum number of responses to return for a list call.',
  ),
  query(
    'resourceVersion',
    'string',
    'resourceVersion sets a constraint on what resource versions a request may be served from.',
  ),
  query(
    'resourceVersionMatch',
    'string',
    'resourceVersionMatch determines how resourceVersion is applied to list calls.',
  ),
  query(
    'sendInitialEvents',
    'boolean',
    'sendInitialEvents=true may be set together with watch=true.',
  ),
  query('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  query(
    'watch',
    'boolean',
    'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.',
  ),
];
const DELETE_PARAMS = [
  {
    in: 'body',
    name: 'body',
    schema: { $ref: `${META}.DeleteOptions` },
  },
  DRY_RUN,
  query(
    'gracePeriodSeconds',
    'integer',
    'The duration in seconds before the object should be deleted.',
  ),
  query(
    'propagationPolicy',
    'string',
    "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Foreground' and 'Background'.",
  ),
];
const pathParam = (name: string, description: string) => ({
  description,
  in: 'path',
  name,
  required: true,
  type: 'string',
  uniqueItems: true,
});
const NAMESPACE = pathParam(
  'namespace',
  'object name and auth scope, such as for teams and projects',
);

const RESPONSES: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
};

/** `platform.confluent.io` → `PlatformConfluentIo`, as operation IDs spell groups. */
function camel(text: string, upperFirst = true) {
  const out = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(p => p[0].toUpperCase() + p.slice(1))
    .join('');
  return upperFirst ? out : out[0].toLowerCase() + out.slice(1);
}

function paths(type: ResourceType, version: string, definition: string) {
  const group = type.group ? type.group.replace(/\.k8s\.io$/, '') : 'core';
  const gv = `${camel(group)}${camel(version)}`;
  const gvk = { group: type.group, kind: type.kind, version };
  const ref = (name: string) => ({ $ref: DEFINITIONS + name });
  const one = ref(definition);
  const list = ref(`${definition.slice(0, -type.kind.length)}${type.listKind}`);
  const status = ref(`${META_V1}.Status`);
  const scope = type.namespaced ? 'Namespaced' : '';
  const op = (
    verb: string,
    action: string,
    subject: string,
    responses: Record<string, JsonObject>,
    parameters: JsonObject[],
    consumes: string[] = ['*/*'],
  ) => ({
    consumes,
    description: `${verb} ${type.kind}`,
    operationId: `${verb}${gv}${subject}`,
    parameters,
    produces: ['application/json'],
    responses: {
      ...Object.fromEntries(
        Object.entries(responses).map(([code, schema]) => [
          code,
          { description: RESPONSES[code], schema },
        ]),
      ),
      '401': { description: 'Unauthorized' },
    },
    schemes: ['https'],
    tags: [`${camel(group, false)}_${version}`],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  });
  const body = (schema: JsonObject) => ({
    in: 'body',
    name: 'body',
    required: true,
    schema,
  });
  const writes = (schema: JsonObject) => [
    body(schema),
    DRY_RUN,
    FIELD_MANAGER,
    FIELD_VALIDATION,
  ];
  const patchTypes = [
    'application/json-patch+json',
    'application/merge-patch+json',
    ...(type.builtin ? ['application/strategic-merge-patch+json'] : []),
  ];
  const item = (subresource = '') => ({
    get: op(
      'read',
      'get',
      `${scope}${type.kind}${subresource}`,
      { '200': one },
      [],
    ),
    put: op(
      'replace',
      'put',
      `${scope}${type.kind}${subresource}`,
      { '200': one, '201': one },
      writes(one),
    ),
    patch: op(
      'patch',
      'patch',
      `${scope}${type.kind}${subresource}`,
      { '200': one, '201': one },
      writes({ $ref: `${META}.Patch` }),
      patchTypes,
    ),
  });
  const base = type.group
    ? `/apis/${type.group}/${version}`
    : `/api/${version}`;
  const collection = type.namespaced
    ? `${base}/namespaces/{namespace}/${type.resource}`
    : `${base}/${type.resource}`;
  const scopeParams = type.namespaced ? [NAMESPACE] : [];
  const itemParams = [
    pathParam('name', `name of the ${type.kind}`),
    ...scopeParams,
    PRETTY,
  ];
  const result: JsonObject = {
    [collection]: {
      get: op(
        'list',
        'list',
        `${scope}${type.kind}`,
        { '200': list },
        LIST_PARAMS,
      ),
      post: op(
        'create',
        'post',
        `${scope}${type.kind}`,
        { '200': one, '201': one, '202': one },
        writes(one),
      ),
      delete: op(
        'delete',
        'deletecollection',
        `Collection${scope}${type.kind}`,
        { '200': status },
        [...DELETE_PARAMS, ...LIST_PARAMS],
      ),
      parameters: [...scopeParams, PRETTY],
    },
    [`${collection}/{name}`]: {
      ...item(),
      delete: op(
        'delete',
        'delete',
        `${scope}${type.kind}`,
        {
          '200': type.builtin ? one : status,
          '202': type.builtin ? one : status,
        },
        DELETE_PARAMS,
      ),
      parameters: itemParams,
    },
  };
  if (type.statusSubresource) {
    result[`${collection}/{name}/status`] = {
      ...item('Status'),
      parameters: itemParams,
    };
  }
  if (type.namespaced) {
    result[`${base}/${type.resource}`] = {
      get: op(
        'list',
        'list',
        `${type.kind}ForAllNamespaces`,
        { '200': list },
        [],
      ),
      parameters: [...LIST_PARAMS, PRETTY],
    };
  }
  return result;
}

const sorted = (object: JsonObject) =>
  Object.fromEntries(
    Object.keys(object)
      .sort()
      .map(k => [k, object[k]]),
  );

/** The whole document for the kinds the registry serves now. */
export function openApiV2Document(registry: Registry): JsonObject {
  const types = registry.all();
  const builtins = types.filter(t => t.builtin && KIND_MODELS[t.kind]);
  const definitions: JsonObject = builtinDefinitions(
    builtins.flatMap(t =>
      t.versions.map(v => ({ group: t.group, version: v.name, kind: t.kind })),
    ),
  );
  const allPaths: JsonObject = {};
  for (const type of types) {
    for (const { name: version } of type.versions) {
      let definition: string;
      if (type.builtin) {
        if (!KIND_MODELS[type.kind]) continue;
        definition = definitionName(KIND_MODELS[type.kind]);
      } else {
        Object.assign(definitions, crdDefinitions(type, version));
        definition = crdDefinitionName(type, version);
      }
      Object.assign(allPaths, paths(type, version, definition));
    }
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths: sorted(allPaths),
    definitions: sorted(definitions),
    securityDefinitions: {
      BearerToken: {
        description: 'Bearer Token authentication',
        type: 'apiKey',
        name: 'authorization',
        in: 'header',
      },
    },
    security: [{ BearerToken: [] }],
  };
}

export interface Encoded {
  body: Buffer;
  gzipped?: Buffer;
}

export interface Cached {
  json: Encoded;
  proto?: Encoded;
  /** Shared by both encodings (as kube-openapi does, the Vary header telling them apart). */
  etag: string;
  lastModified: string;
}

/** Caches the document and its encodings until the registry changes. */
export function createOpenApiV2Cache(registry: Registry) {
  let cached: Cached | undefined;
  return {
    invalidate() {
      cached = undefined;
    },
    /** The requested encoding, made on first use. */
    encoding(protobuf: boolean) {
      if (!cached) {
        const body = Buffer.from(JSON.stringify(openApiV2Document(registry)));
        cached = {
          json: { body },
          etag: `"${createHash('sha512')
            .update(body)
            .digest('hex')
            .toUpperCase()}"`,
          lastModified: new Date().toUTCString(),
        };
      }
      if (!protobuf) return { ...cached, encoded: cached.json };
      // From the JSON, as kube-openapi does, so the two encodings cannot say different things.
      cached.proto ??= {
        body: Buffer.from(
          encodeOpenApiV2(JSON.parse(cached.json.body.toString())),
        ),
      };
      return { ...cached, encoded: cached.proto };
    },
  };
}

interface AcceptClause {
  type: string;
  subtype: string;
  q: number;
}

/** goautoneg's reading of Accept: by quality, then the more specific first. */
function acceptClauses(header: string): AcceptClause[] {
  const clauses = header
    .split(',')
    .map(clause => {
      const [range, ...params] = clause.split(';').map(s => s.trim());
      const [type, subtype = '*'] = range.split('/');
      const q = Number(params.find(p => p.startsWith('q='))?.slice(2) ?? '1');
      return { type, subtype, q: Number.isNaN(q) ? 0 : q };
    })
    // q=0 means "not acceptable" (RFC 9110), as goautoneg skips it.
    .filter(c => c.type && c.q > 0);
  const rank = (c: AcceptClause) =>
    (c.type === '*' ? 0 : 1) + (c.subtype === '*' ? 0 : 1);
  return clauses.sort((a, b) => b.q - a.q || rank(b) - rank(a));
}

const OFFERED: Array<[subtype: string, contentType: string]> = [
  ['json', 'application/json'],
  [PROTOBUF_DEPRECATED, `application/${PROTOBUF}`],
  [PROTOBUF, `application/${PROTOBUF}`],
];

/** Compression as the API server's gzip handler does it (bodies of 1400 bytes and more). */
const GZIP_MIN = 1400;

/**
 * Serves the document: the first acceptable form in the client's order of preference (406 with
 * no body when none is), the ETag and Last-Modified with 304 on revalidation (kubectl keeps it in
 * its HTTP cache), gzip when accepted.
 */
export function serveOpenApiV2(
  cache: ReturnType<typeof createOpenApiV2Cache>,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const headers: Record<string, string | string[]> = {
    'Audit-Id': randomUUID(),
    'Cache-Control': 'no-cache, private',
    Vary: ['Accept-Encoding', 'Accept'],
  };
  let chosen: (typeof OFFERED)[number] | undefined;
  for (const clause of acceptClauses(String(req.headers.accept || '*/*'))) {
    chosen = OFFERED.find(
      ([subtype]) =>
        (clause.type === 'application' || clause.type === '*') &&
        (clause.subtype === subtype || clause.subtype === '*'),
    );
    if (chosen) break;
  }
  if (!chosen) {
    res.writeHead(406, headers);
    res.end();
    return;
  }
  const { encoded, etag, lastModified } = cache.encoding(chosen[0] !== 'json');
  headers['Content-Type'] = chosen[1];
  headers.Etag = etag;
  headers['Last-Modified'] = lastModified;
  if (notModified(req, etag, lastModified)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let body = encoded.body;
  if (
    body.length >= GZIP_MIN &&
    /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  ) {
    encoded.gzipped ??= gzipSync(body);
    body = encoded.gzipped;
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(body);
}

/** Go's `http.ServeContent` preconditions: If-None-Match, else If-Modified-Since. */
function notModified(req: IncomingMessage, etag: string, lastModified: string) {
  const match = req.headers['if-none-match'];
  if (match) {
    return match
      .split(',')
      .map(t => t.trim().replace(/^W\//, ''))
      .some(t => t === '*' || t === etag);
  }
  const since = req.headers['if-modified-since'];
  return !!since && Date.parse(lastModified) <= Date.parse(since);
}
