import { IncomingMessage, ServerResponse } from 'node:http';
import { PATCH_TYPES } from '../patch/patches';
import { applyObject } from '../resources/apply';
import { deleteObject } from '../resources/deletion';
import { listObjects } from '../resources/list';
import { managerName } from '../resources/managedFields';
import {
  DeleteOptions,
  FieldValidation,
  getObject,
  strategyOf,
  WriteOptions,
} from '../resources/target';
import { createObject, patchObject, updateObject } from '../resources/writes';
import {
  bodyJson,
  objectJson,
  objectJsonParts,
  typePrefix,
} from '../store/serialize';
import { apiVersionOf, isObject, KubeObject, ResourceType } from '../types';
import { ApiContext, ResourceRequest } from './context';
import {
  contentType,
  readBody,
  Representation,
  representation,
  sendJson,
  sendParts,
} from './http';
import { errors } from './status';
import { partialObjectMetadata, toTable } from './table';
import { serveWatch, WatchQuery } from './watch';

const COMMA = Buffer.from(',');

/** The kind whose protobuf body may be decoded: built-ins only (custom resources have none). */
const builtinKind = (type: ResourceType) =>
  type.builtin ? type.kind : undefined;

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
  now = Date.now(),
) {
  const at = { ...object, apiVersion: apiVersionOf(type.group, version) };
  if (format === 'table')
    return toTable(
      type,
      version,
      [at],
      { resourceVersion: at.metadata.resourceVersion },
      'Metadata',
      true,
      now,
    );
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

/** Serves a request on a resource (collection or object) once routed and authorized. */
export async function serveResource(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  request: ResourceRequest,
  query: URLSearchParams,
) {
  const { type, version } = request;
  const apiVersion = apiVersionOf(type.group, version);
  const sendWritten = (
    status: number,
    object: Parameters<typeof renderObject>[2],
    options: { warnings: string[] },
  ) =>
    sendJson(
      res,
      status,
      renderObject(type, version, object, 'json'),
      options.warnings,
    );
  switch (request.verb) {
    case 'get': {
      const format = representation(req);
      const entry = getObject(ctx, request);
      if (format === 'json')
        return sendJson(res, 200, objectJson(entry, apiVersion, type.kind));
      return sendJson(
        res,
        200,
        renderObject(type, version, entry.object, format, ctx.now()),
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
      const created = createObject(
        ctx,
        request,
        await readBody(req, builtinKind(type)),
        options,
      );
      return sendWritten(201, created, options);
    }
    case 'update': {
      const options = writeOptions(req, query);
      const updated = updateObject(
        ctx,
        request,
        await readBody(req, builtinKind(type)),
        options,
      );
      return sendWritten(200, updated, options);
    }
    case 'patch': {
      const options = writeOptions(req, query);
      if (contentType(req) === PATCH_TYPES.apply) {
        const { object, created } = applyObject(
          ctx,
          request,
          await readBody(req),
          {
            ...options,
            manager: query.get('fieldManager') ?? undefined,
            force: query.get('force') === 'true',
          },
        );
        return sendWritten(created ? 201 : 200, object, options);
      }
      const patched = patchObject(
        ctx,
        request,
        contentType(req),
        await readBody(req),
        options,
      );
      return sendWritten(200, patched, options);
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
      toTable(
        type,
        version,
        objects,
        metadata,
        query.includeObject,
        true,
        ctx.now(),
      ),
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
