import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { FaultSettings } from '../cluster/faults';
import { SandboxCluster } from '../sandbox';

/** A running admin endpoint. @public */
export interface AdminServer {
  url: string;
  port: number;
  /** Marks the sandbox ready: /healthz answers 200 from then on. */
  setReady(clusters: SandboxCluster[]): void;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

async function json(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text ? JSON.parse(text) : {};
}

function send(res: ServerResponse, code: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  res.writeHead(code, {
    'Content-Type':
      typeof body === 'string' ? 'text/plain' : 'application/json',
  });
  res.end(text);
}

function describe(c: SandboxCluster) {
  return {
    name: c.name,
    url: c.url,
    caFile: c.caFile,
    tokenFile: c.tokenFile,
    kubeconfig: c.kubeconfig,
    validationOff: c.validationOff,
    faults: c.faults.get(),
  };
}

/**
 * The loopback-only admin endpoint of a sandbox process, for scripts, browser tests and people:
 *
 * - `GET /healthz`: 200 once every cluster listens, 503 before
 * - `GET /clusters`: the clusters, their URLs, state files and faults
 * - `GET|PUT|PATCH|DELETE /clusters/{name}/faults`: read, replace, merge or clear a cluster's
 *   {@link FaultSettings} (`latencyMs`, `latencyPath`, `errors`, `refuseConnections`)
 * - `POST /clusters/{name}/faults/drop-watches[?abrupt=true]`: end the open watches
 * - `POST /clusters/{name}/faults/expire-watch-history`: watches from older versions get 410 Gone
 * @public
 */
export async function startAdminServer(options: {
  port: number;
  host?: string;
}): Promise<AdminServer> {
  let clusters: SandboxCluster[] | undefined;
  const server = createServer((req, res) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      send(res, 403, 'the admin endpoint only answers loopback clients\n');
      return;
    }
    route(req, res).catch(error =>
      send(res, 400, {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://admin');
    const parts = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz' && method === 'GET') {
      send(res, clusters ? 200 : 503, clusters ? 'ok\n' : 'starting\n');
      return;
    }
    if (!clusters) {
      send(res, 503, 'starting\n');
      return;
    }
    if (parts[0] !== 'clusters') {
      send(res, 404, 'not found\n');
      return;
    }
    if (parts.length === 1 && method === 'GET') {
      send(res, 200, clusters.map(describe));
      return;
    }
    const cluster = clusters.find(c => c.name === parts[1]);
    if (!cluster || parts[2] !== 'faults') {
      send(res, 404, { error: `no route ${method} ${url.pathname}` });
      return;
    }
    const action = parts[3];
    if (!action) {
      if (method === 'GET') {
        send(res, 200, cluster.faults.get());
      } else if (method === 'PUT') {
        await cluster.faults.clear();
        await cluster.faults.set((await json(req)) as FaultSettings);
        send(res, 200, cluster.faults.get());
      } else if (method === 'PATCH') {
        await cluster.faults.set((await json(req)) as FaultSettings);
        send(res, 200, cluster.faults.get());
      } else if (method === 'DELETE') {
        await cluster.faults.clear();
        send(res, 200, cluster.faults.get());
      } else {
        send(res, 405, { error: `${method} not allowed` });
      }
      return;
    }
    if (method === 'POST' && action === 'drop-watches') {
      const abrupt = url.searchParams.get('abrupt') === 'true';
      send(res, 200, { dropped: cluster.faults.dropWatches({ abrupt }) });
    } else if (method === 'POST' && action === 'expire-watch-history') {
      cluster.faults.expireWatchHistory();
      send(res, 200, { expired: true });
    } else {
      send(res, 404, { error: `no route ${method} ${url.pathname}` });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    setReady(ready) {
      clusters = ready;
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
