import { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a JSON request body ({} when empty). */
export async function json(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text ? JSON.parse(text) : {};
}

/** Answers with text or pretty JSON. */
export function send(res: ServerResponse, code: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  res.writeHead(code, {
    'Content-Type':
      typeof body === 'string' ? 'text/plain' : 'application/json',
  });
  res.end(text);
}

/** One admin request, split for the route handlers. */
export interface AdminRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path segments after `/clusters/{name}/`, decoded. */
  rest: string[];
  query: URLSearchParams;
}

/** 404 naming the route. */
export function noRoute(r: AdminRequest) {
  send(r.res, 404, {
    error: `no route ${r.method} ${
      new URL(r.req.url ?? '/', 'http://admin').pathname
    }`,
  });
}
