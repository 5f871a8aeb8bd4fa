import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Clock } from '../clock';
import { SandboxCluster } from '../sandbox';
import { clusterRoute } from './clusterRoutes';
import { json, send } from './http';

/** A running admin endpoint. @public */
export interface AdminServer {
  url: string;
  port: number;
  /** Marks the sandbox ready: /healthz answers 200 from then on. */
  setReady(clusters: SandboxCluster[]): void;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function describe(c: SandboxCluster) {
  return {
    name: c.name,
    url: c.url,
    caFile: c.caFile,
    tokenFile: c.tokenFile,
    kubeconfig: c.kubeconfig,
    validationOff: c.validationOff,
    faults: c.faults.get(),
    simulator: c.simulator
      ? {
          running: true,
          faults: c.simulator.faults(),
          errors: c.simulator.errors().length,
        }
      : { running: false },
    requests: c.requests(),
  };
}

function clockState(clock: Clock) {
  return { now: new Date(clock.now()).toISOString(), speed: clock.speed() };
}

/** `GET|POST /clock`: the sandbox time; POST `{ speed?, advanceMs? }` changes its pace or moves it on. */
async function clockRoute(
  clock: Clock,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (req.method === 'POST') {
    const body = (await json(req)) as { speed?: unknown; advanceMs?: unknown };
    if (body.speed !== undefined) {
      if (typeof body.speed !== 'number' || body.speed < 0)
        throw new Error('speed is a number ≥ 0');
      clock.setSpeed(body.speed);
    }
    if (body.advanceMs !== undefined) {
      if (typeof body.advanceMs !== 'number' || body.advanceMs < 0)
        throw new Error('advanceMs is a number ≥ 0');
      clock.advance(body.advanceMs);
    }
  } else if (req.method !== 'GET') {
    send(res, 405, { error: `${req.method} not allowed` });
    return;
  }
  send(res, 200, clockState(clock));
}

/**
 * The loopback-only admin endpoint of a sandbox process, for scripts, browser tests and people:
 *
 * - `GET /healthz`: 200 once every cluster listens, 503 before
 * - `GET /clusters`: the clusters, their URLs, state files, faults, simulator and request counts
 * - `GET|PUT|PATCH|DELETE /clusters/{name}/faults`: read, replace, merge or clear a cluster's
 *   {@link FaultSettings} (`latencyMs`, `latencyPath`, `errors`, `refuseConnections`)
 * - `POST /clusters/{name}/faults/drop-watches[?abrupt=true]`: end the open watches
 * - `POST /clusters/{name}/faults/expire-watch-history`: watches from older versions get 410 Gone
 * - `GET|DELETE /clusters/{name}/metrics`: the requests the cluster served (DELETE resets them)
 * - `GET /clusters/{name}/simulator`, `GET|POST|DELETE /clusters/{name}/simulator/faults[/{id}]`:
 *   the simulator's faults ({@link SimulatorFault}); `POST /clusters/{name}/simulator/roll`
 * - `GET|POST /clock`: the sandbox time, its speed, and moving it on
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
    const parts = url.pathname
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz' && method === 'GET') {
      send(res, clusters ? 200 : 503, clusters ? 'ok\n' : 'starting\n');
      return;
    }
    if (!clusters) {
      send(res, 503, 'starting\n');
      return;
    }
    if (parts[0] === 'clock' && parts.length === 1 && clusters[0]) {
      await clockRoute(clusters[0].clock, req, res);
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
    if (!cluster) {
      send(res, 404, { error: `no cluster ${parts[1]}` });
      return;
    }
    await clusterRoute(cluster, {
      req,
      res,
      method,
      rest: parts.slice(2),
      query: url.searchParams,
    });
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
