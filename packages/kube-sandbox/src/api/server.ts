import { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, authorize } from '../cluster/auth';
import { ApiContext, ResourceRequest } from './context';
import {
  apiGroup,
  coreVersions,
  groupList,
  resourceList,
  versionInfo,
} from './discovery';
import { sendError, sendJson } from './http';
import { serveOpenApiV2 } from './openapiV2';
import { serveResource } from './resources';
import { errors } from './status';
import { groupResource } from '../types';

export type { ApiContext } from './context';

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
  ctx.requests.request();
  const fault = ctx.faults.decide(method, path);
  if (fault.delayMs) await new Promise(r => setTimeout(r, fault.delayMs));
  if (fault.error) throw errors.injected(fault.error.code, fault.error.message);

  if (PUBLIC.has(path) && method === 'GET') {
    ctx.requests.nonResource();
    if (path === '/version') return sendJson(res, 200, versionInfo());
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('ok');
  }
  const token = authenticate(ctx.tokens, req.headers.authorization);
  if (!token) throw errors.unauthorized();

  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === 'openapi') {
    ctx.requests.nonResource();
    return serveOpenApi(ctx, req, res, method, segments);
  }
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (segments[0] === 'api') {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
    if (!version) {
      ctx.requests.nonResource();
      return getOnly(res, method, coreVersions(ctx.serverAddress()));
    }
  } else if (segments[0] === 'apis') {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
    if (!group || !version) ctx.requests.nonResource();
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
    ctx.requests.nonResource();
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
  ctx.requests.resource(groupResource(request.type), request.verb);
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
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  segments: string[],
) {
  if (method !== 'GET') throw errors.methodNotAllowed();
  if (segments[1] === 'v2' && segments.length === 2) {
    return serveOpenApiV2(ctx.openapi.v2, req, res);
  }
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
