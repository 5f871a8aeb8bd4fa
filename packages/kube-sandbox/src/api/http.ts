import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { decodeProtobuf, PROTOBUF_KINDS } from './protobuf';
import { ApiError, errors } from './status';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** The largest request body the API server accepts (3 MiB). */
const MAX_BODY = 3 * 1024 * 1024;

/**
 * Reads a request body as JSON (or YAML, which the API server also accepts), or as protobuf for
 * the built-in kinds `protobuf.ts` describes (`protobufKind`, the kind the request addresses).
 */
export async function readBody(
  req: IncomingMessage,
  protobufKind?: string,
): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Request entity too large: limit is 3145728',
        reason: 'RequestEntityTooLarge',
        code: 413,
      });
    }
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  const type = contentType(req);
  if (
    type === PROTOBUF &&
    protobufKind &&
    PROTOBUF_KINDS.includes(protobufKind)
  ) {
    try {
      return decodeProtobuf(bytes);
    } catch (error) {
      throw errors.badRequest(
        `the body of the request could not be decoded: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
  if (type.includes('protobuf')) {
    throw errors.unsupportedMediaType(['application/json', 'application/yaml']);
  }
  const text = bytes.toString('utf8');
  if (!text.trim()) {
    throw errors.badRequest("Object 'Kind' is missing in ''");
  }
  try {
    return type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(
      `json: cannot decode request body: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/** The media type of the request, without parameters. */
export function contentType(req: IncomingMessage) {
  return String(req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/** How the client wants the response: a Table, metadata only, or the objects. */
export type Representation = 'json' | 'table' | 'metadata';

/** Reads the Accept header the way the API server's negotiation does for the forms served here. */
export function representation(req: IncomingMessage): Representation {
  const accept = String(req.headers.accept ?? '');
  for (const clause of accept.split(',')) {
    const params = clause.split(';').map(s => s.trim());
    if (!/^application\/(json|\*)$|^\*\/\*$/.test(params[0])) continue;
    const as = params.find(p => p.startsWith('as='))?.slice(3);
    if (!as) return 'json';
    if (as === 'Table') return 'table';
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList')
      return 'metadata';
  }
  if (accept && !/application\/json|\*\/\*|application\/\*/.test(accept)) {
    throw errors.notAcceptable(
      'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  }
  return 'json';
}

/** Headers every API response carries. */
function commonHeaders(warnings: string[] = []) {
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Audit-Id': crypto.randomUUID(),
  };
  if (warnings.length) {
    headers.Warning = warnings.map(w => `299 - ${JSON.stringify(w)}`);
  }
  return headers;
}

/** Sends a JSON body (a string or Buffer is sent as is). */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  warnings?: string[],
) {
  const data = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(code, {
    ...commonHeaders(warnings),
    'Content-Length': data.length,
  });
  res.end(data);
}

/**
 * Sends a body made of many buffers (a large list) without joining them: Content-Length is their
 * sum, and they are written in batches of about 1 MiB that wait for the socket to drain, so a
 * 60 MB list neither allocates 60 MB at once nor buffers it all in the TLS layer.
 */
export async function sendParts(
  res: ServerResponse,
  code: number,
  parts: Buffer[],
) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  res.writeHead(code, { ...commonHeaders(), 'Content-Length': length });
  let batch = 0;
  res.cork();
  for (const part of parts) {
    const more = res.write(part);
    batch += part.length;
    if (batch >= 1 << 20) {
      batch = 0;
      res.uncork();
      if (!more) {
        await new Promise<void>(resolve => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
        if (res.destroyed) return;
      }
      res.cork();
    }
  }
  res.uncork();
  res.end();
}

/** Sends an error as a Status object. */
export function sendError(res: ServerResponse, error: unknown) {
  const status =
    error instanceof ApiError
      ? error.status
      : errors.internal(error instanceof Error ? error.message : String(error))
          .status;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status.code, status);
}

/** Starts a streamed (watch) response. */
export function startStream(res: ServerResponse) {
  res.writeHead(200, { ...commonHeaders(), 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
}
