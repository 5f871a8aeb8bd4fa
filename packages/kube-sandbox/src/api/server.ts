import { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, authorize, TokenSpec } from '../cluster/auth';
import { createFaultState } from '../cluster/faults';
import { listObjects } from '../resources/list';
import { managerName } from '../resources/managedFields';
import {
  ClusterCore,
  createObject,
  deleteObject,
  DeleteOptions,
  FieldValidation,
  getObject,
  patchObject,
  strategyOf,
  Target,
  updateObject,
  WriteOptions,
} from '../resources/operations';
import {
  bodyJson,
  objectJson,
  objectJsonParts,
  typePrefix,
} from '../store/serialize';
import { apiVersionOf, isObject, KubeObject, ResourceType } from '../types';
import {
  apiGroup,
  coreVersions,
  groupList,
  resourceList,
  versionInfo,
} from './discovery';
import {
  contentType,
  readBody,
  Representation,
  representation,
  sendError,
  sendJson,
  sendParts,
} from './http';
import { createOpenApiCache } from './openapi';
import { errors } from './status';
import { partialObjectMetadata, toTable } from './table';
import { serveWatch, WatchContext, WatchQuery } from './watch';

/** Everything the API needs of one cluster. */
export interface ApiContext extends ClusterCore, WatchContext {
  tokens: Map<string, TokenSpec>;
  faults: ReturnType<typeof createFaultState>;
  openapi: ReturnType<typeof createOpenApiCache>;
  /** host:port, for /api's serverAddressByClientCIDRs. */
  serverAddress(): string;
}

interface ResourceRequest extends Target {
  version: string;
  verb: string;
}

const COMMA = Buffer.from(',');
const PUBLIC = new Set(['/version', '/healthz', '/livez', '/readyz']);

/** Creates the request listener of a cluster's HTTPS server. @public */
export function createRequestHandler(ctx: ApiContext) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(ctx, req, res).catch(error => sendError(res, error));
  };
}

async function handle(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'https://sandbox');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const fault = ctx.faults.decide(method, path);
  if (fault.delayMs) await new Promise(r => setTimeout(r, fault.delayMs));
  if (fault.error) throw errors.injected(fault.error.code, fault.error.message);

  if (PUBLIC.has(path) && method === 'GET') {
    if (path === '/version') return sendJson(res, 200, versionInfo());
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('ok');
  }
  const token = authenticate(ctx.tokens, req.headers.authorization);
  if (!token) throw errors.unauthorized();

  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === 'openapi')
    return serveOpenApi(ctx, res, method, segments);
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (segments[0] === 'api') {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
    if (!version)
      return getOnly(res, method, coreVersions(ctx.serverAddress()));
  } else if (segments[0] === 'apis') {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
    if (!group) return getOnly(res, method, groupList(ctx.registry));
    if (!version) {
      const g = apiGroup(ctx.registry, group);
      if (!g) throw errors.pathNotFound();
      return getOnly(res, method, g);
    }
  } else {
    throw errors.pathNotFound();
  }
  if (!rest.length) {
    const list = resourceList(ctx.registry, group, version);
    if (!list) throw errors.pathNotFound();
    return getOnly(res, method, list);
  }
  const request = resourceRequest(
    ctx,
    group,
    version,
    rest,
    method,
    url.searchParams,
  );
  if (
    !authorize(token, {
      verb: request.verb,
      group,
      resource: request.type.resource,
      subresource: request.subresource,
      namespace: request.namespace,
    })
  ) {
    throw errors.forbidden(
      token.user,
      request.verb,
      request.type,
      request.namespace,
      request.name,
      request.subresource,
    );
  }
  return serveResource(ctx, req, res, request, url.searchParams);
}

function getOnly(res: ServerResponse, method: string, body: unknown) {
  if (method !== 'GET') throw errors.methodNotAllowed();
  sendJson(res, 200, body);
}

function serveOpenApi(
  ctx: ApiContext,
  res: ServerResponse,
  method: string,
  segments: string[],
) {
  if (method !== 'GET') throw errors.methodNotAllowed();
  if (segments[1] !== 'v3') throw errors.pathNotFound();
  if (segments.length === 2) return sendJson(res, 200, ctx.openapi.root());
  const group = segments[2] === 'api' ? '' : segments[3];
  const version = segments[2] === 'api' ? segments[3] : segments[4];
  const doc = version ? ctx.openapi.document(group ?? '', version) : undefined;
  if (!doc) throw errors.pathNotFound();
  res.setHeader('Cache-Control', 'public, immutable');
  return sendJson(res, 200, doc);
}

function resourceRequest(
  ctx: ApiContext,
  group: string,
  version: string,
  rest: string[],
  method: string,
  query: URLSearchParams,
): ResourceRequest {
  const served = (resource: string) => {
    const type = ctx.registry.get(group, resource);
    return type && type.versions.some(v => v.name === version)
      ? type
      : undefined;
  };
  let namespace: string | undefined;
  let parts = rest;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    served(rest[2])?.namespaced
  ) {
    namespace = rest[1];
    parts = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = parts;
  const type = served(resource);
  if (
    !type ||
    extra.length ||
    (subresource && (subresource !== 'status' || !type.statusSubresource))
  ) {
    throw errors.pathNotFound();
  }
  if (type.namespaced && name !== undefined && namespace === undefined) {
    throw errors.pathNotFound();
  }
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  const collectionGet = watch ? 'watch' : 'list';
  const verbs: Record<string, string | undefined> = {
    GET: name ? 'get' : collectionGet,
    POST: name ? undefined : 'create',
    PUT: name ? 'update' : undefined,
    PATCH: name ? 'patch' : undefined,
    DELETE: name ? 'delete' : 'deletecollection',
  };
  const verb = verbs[method];
  if (!verb || (subresource && !['get', 'update', 'patch'].includes(verb))) {
    throw errors.methodNotAllowed();
  }
  return {
    type,
    version,
    namespace,
    name,
    subresource: subresource as 'status' | undefined,
    verb,
  };
}

function writeOptions(
  req: IncomingMessage,
  query: URLSearchParams,
): WriteOptions & { warnings: string[] } {
  const validation = query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(validation)) {
    throw errors.badRequest(
      `fieldValidation parameter unsupported: ${validation}`,
    );
  }
  const dryRun = query.getAll('dryRun');
  if (dryRun.some(d => d !== 'All')) {
    throw errors.badRequest(
      `Invalid dry run value: dryRun: Unsupported value: "${dryRun[0]}": supported values: "All"`,
    );
  }
  return {
    manager: managerName(
      query.get('fieldManager') ?? undefined,
      req.headers['user-agent'],
    ),
    fieldValidation: validation as FieldValidation,
    dryRun: dryRun.length > 0,
    warnings: [],
  };
}

function renderObject(
  type: ResourceType,
  version: string,
  object: Readonly<KubeObject>,
  format: Representation,
) {
  const at = { ...object, apiVersion: apiVersionOf(type.group, version) };
  if (format === 'table')
    return toTable(type, version, [at], {
      resourceVersion: at.metadata.resourceVersion,
    });
  if (format === 'metadata') return partialObjectMetadata(at);
  return at;
}

function listQuery(query: URLSearchParams): WatchQuery {
  const number = (key: string) =>
    query.has(key) ? Number(query.get(key)) : undefined;
  const flag = (key: string) =>
    query.get(key) === 'true' || query.get(key) === '1';
  return {
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
    limit: number('limit'),
    continue: query.get('continue') ?? undefined,
    resourceVersion: query.get('resourceVersion') ?? undefined,
    resourceVersionMatch: query.get('resourceVersionMatch') ?? undefined,
    timeoutSeconds: number('timeoutSeconds'),
    allowWatchBookmarks: flag('allowWatchBookmarks'),
    sendInitialEvents: flag('sendInitialEvents'),
    includeObject: query.get('includeObject') ?? undefined,
  };
}

async function serveResource(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  request: ResourceRequest,
  query: URLSearchParams,
) {
  const { type, version } = request;
  const apiVersion = apiVersionOf(type.group, version);
  switch (request.verb) {
    case 'get': {
      const format = representation(req);
      const entry = getObject(ctx, request);
      if (format === 'json')
        return sendJson(res, 200, objectJson(entry, apiVersion, type.kind));
      return sendJson(
        res,
        200,
        renderObject(type, version, entry.object, format),
      );
    }
    case 'list':
      return serveList(ctx, req, res, request, listQuery(query));
    case 'watch':
      return serveWatch(
        ctx,
        req,
        res,
        type,
        version,
        request.namespace,
        listQuery(query),
      );
    case 'create': {
      const options = writeOptions(req, query);
      const created = createObject(ctx, request, await readBody(req), options);
      return sendJson(
        res,
        201,
        renderObject(type, version, created, 'json'),
        options.warnings,
      );
    }
    case 'update': {
      const options = writeOptions(req, query);
      const updated = updateObject(ctx, request, await readBody(req), options);
      return sendJson(
        res,
        200,
        renderObject(type, version, updated, 'json'),
        options.warnings,
      );
    }
    case 'patch': {
      const options = writeOptions(req, query);
      const patched = patchObject(
        ctx,
        request,
        contentType(req),
        await readBody(req),
        options,
      );
      return sendJson(
        res,
        200,
        renderObject(type, version, patched, 'json'),
        options.warnings,
      );
    }
    case 'delete': {
      const result = deleteObject(
        ctx,
        request,
        await deleteOptions(req, query),
      );
      if (result.deleted && !strategyOf(type).returnsDeletedObject) {
        return sendJson(res, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: {
            name: request.name,
            ...(type.group ? { group: type.group } : {}),
            kind: type.resource,
            uid: result.object.metadata.uid,
          },
        });
      }
      return sendJson(
        res,
        200,
        renderObject(type, version, result.object, 'json'),
      );
    }
    case 'deletecollection': {
      const options = await deleteOptions(req, query);
      const { items } = listObjects(
        ctx,
        type,
        request.namespace,
        listQuery(query),
      );
      const deleted = items.flatMap(entry => {
        try {
          const target = {
            ...request,
            namespace: entry.meta.namespace,
            name: entry.meta.name,
          };
          return [deleteObject(ctx, target, options).object];
        } catch {
          return [];
        }
      });
      return sendJson(res, 200, {
        kind: type.listKind,
        apiVersion,
        metadata: { resourceVersion: String(ctx.store.resourceVersion()) },
        items: deleted.map(o => ({ ...o, apiVersion })),
      });
    }
    default:
      throw errors.methodNotAllowed();
  }
}

async function deleteOptions(
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<DeleteOptions> {
  let body: unknown = {};
  if (
    Number(req.headers['content-length'] ?? 0) > 0 ||
    req.headers['transfer-encoding']
  ) {
    try {
      body = await readBody(req);
    } catch {
      body = {};
    }
  }
  const options = isObject(body)
    ? (body as DeleteOptions & { dryRun?: unknown })
    : {};
  const policy = query.get('propagationPolicy') ?? options.propagationPolicy;
  if (policy && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw errors.badRequest(
      `propagationPolicy: Unsupported value: "${policy}"`,
    );
  }
  return {
    propagationPolicy: policy as DeleteOptions['propagationPolicy'],
    preconditions: options.preconditions,
    dryRun:
      query.get('dryRun') === 'All' ||
      (Array.isArray(options.dryRun) && options.dryRun.includes('All')),
  };
}

function serveList(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  request: ResourceRequest,
  query: WatchQuery,
) {
  const { type, version } = request;
  const apiVersion = apiVersionOf(type.group, version);
  const format = representation(req);
  const page = listObjects(ctx, type, request.namespace, query);
  const metadata = {
    resourceVersion: String(page.resourceVersion),
    ...(page.continue ? { continue: page.continue } : {}),
    ...(page.remainingItemCount !== undefined
      ? { remainingItemCount: page.remainingItemCount }
      : {}),
  };
  if (format === 'table') {
    const objects = page.items.map(e => ({ ...e.object, apiVersion }));
    return sendJson(
      res,
      200,
      toTable(type, version, objects, metadata, query.includeObject),
    );
  }
  if (format === 'metadata') {
    return sendJson(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata,
      items: page.items.map(e => partialObjectMetadata(e.object)),
    });
  }
  // Typed (built-in) lists carry no apiVersion/kind on their items; unstructured (CR) lists do.
  // Each item's cached bytes are copied once into the response: no string is built.
  const head = JSON.stringify({ kind: type.listKind, apiVersion, metadata });
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -1)},"items":[`)];
  const prefix = typePrefix(apiVersion, type.kind);
  page.items.forEach((e, i) => {
    if (i) parts.push(COMMA);
    if (type.builtin) parts.push(bodyJson(e));
    else parts.push(...objectJsonParts(e, prefix));
  });
  parts.push(Buffer.from(']}'));
  return sendParts(res, 200, parts);
}
