import { createServer, Server } from 'node:https';
import { Socket } from 'node:net';
import { createOpenApiCache } from '../api/openapi';
import { Clock } from '../clock';
import { ApiContext, createRequestHandler } from '../api/server';
import { createWatchHub, OpenWatch } from '../api/watch';
import { BUILTIN_TYPES } from '../resources/builtinTypes';
import { crdToType } from '../resources/crds';
import { createObject } from '../resources/writes';
import { createRegistry } from '../resources/registry';
import { createStore, Store } from '../store/store';
import { KubeObject } from '../types';
import { ADMIN_RULES, TokenSpec } from './auth';
import { createFaultState, FaultSettings, Faults } from './faults';
import { createObjectApi, ObjectApi } from './objectApi';
import { counterOf, createRequestTally, RequestCounter } from './requests';

const CRD_RESOURCE = 'customresourcedefinitions.apiextensions.k8s.io';

/** Everything needed to run one cluster's API server. */
export interface ClusterSetup {
  name: string;
  host: string;
  port: number;
  tls: { cert: string; key: string };
  tokens: TokenSpec[];
  crds: KubeObject[];
  bookmarkIntervalMs: number;
  historyMs: number;
  clock: Clock;
}

/** A running cluster, before state files are attached. */
export interface RunningCluster {
  name: string;
  url: string;
  port: number;
  store: Store;
  api: ObjectApi;
  faults: Faults;
  /** The sandbox's clock: the time this cluster stamps on objects. */
  clock: Clock;
  /** What the API server served, by verb: `requests()` for the counts, `requests.reset()`. */
  requests: RequestCounter;
  /** The served versions and the storage version of a kind, or undefined when it is not served. */
  servedVersions(
    group: string,
    kind: string,
  ): { versions: string[]; storage: string } | undefined;
  stop(): Promise<void>;
}

/**
 * Starts one cluster: an HTTPS API server over its own store, serving the built-in kinds, the
 * default namespaces and the given CRDs.
 */
export async function startCluster(
  setup: ClusterSetup,
): Promise<RunningCluster> {
  const store = createStore({ historyMs: setup.historyMs });
  const registry = createRegistry();
  BUILTIN_TYPES.forEach(t => registry.register(t));
  const openapi = createOpenApiCache(registry);
  let nextIp = 10;
  const watches = new Set<OpenWatch>();
  const faultState = createFaultState();
  const requests = createRequestTally(() => setup.clock.now());
  let port = setup.port;
  const ctx: ApiContext = {
    now: () => setup.clock.now(),
    requests,
    store,
    registry,
    hub: createWatchHub(store),
    watches,
    bookmarkIntervalMs: setup.bookmarkIntervalMs,
    tokens: new Map(setup.tokens.map(t => [t.token, t])),
    faults: faultState,
    openapi,
    serverAddress: () => `${setup.host}:${port}`,
    allocateClusterIP: () =>
      `10.96.${Math.floor(nextIp / 256) % 256}.${nextIp++ % 256}`,
  };

  // The CRD controller's job: a stored CRD makes its kind served; deleting it stops serving it.
  store.subscribe(event => {
    if (event.resource !== CRD_RESOURCE) return;
    const type = crdToType(event.object.object);
    if (event.type === 'DELETED')
      registry.unregister(type.group, type.resource);
    else registry.register(type);
    openapi.invalidate();
  });

  const system = { manager: 'kube-apiserver' };
  for (const ns of [
    'default',
    'kube-system',
    'kube-public',
    'kube-node-lease',
  ]) {
    createObject(
      ctx,
      { type: registry.get('', 'namespaces')! },
      { metadata: { name: ns } },
      system,
    );
  }
  const crdType = registry.get(
    'apiextensions.k8s.io',
    'customresourcedefinitions',
  )!;
  for (const crd of setup.crds) {
    createObject(ctx, { type: crdType }, crd, { manager: 'kube-sandbox' });
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer(
    { cert: setup.tls.cert, key: setup.tls.key },
    createRequestHandler(ctx),
  );
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let listening = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, setup.host, () => {
        server.off('error', reject);
        port = (server.address() as { port: number }).port;
        listening = true;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>(resolve => {
      if (!listening) {
        resolve();
        return;
      }
      listening = false;
      watches.forEach(w => w.close(true));
      server.close(() => resolve());
      sockets.forEach(s => s.destroy());
    });
  await listen();

  const apply = async (settings: FaultSettings) => {
    faultState.replace(settings);
    if (settings.refuseConnections) await close();
    else if (!listening) await listen();
  };
  const faults: Faults = {
    get: () => faultState.get(),
    set: settings => apply({ ...faultState.get(), ...settings }),
    clear: () => apply({}),
    dropWatches({ abrupt = false } = {}) {
      const open = [...watches];
      open.forEach(w => w.close(abrupt));
      return open.length;
    },
    expireWatchHistory: () => store.compact(),
  };

  return {
    name: setup.name,
    get url() {
      return `https://${setup.host}:${port}`;
    },
    get port() {
      return port;
    },
    store,
    api: createObjectApi(ctx),
    faults,
    clock: setup.clock,
    requests: counterOf(requests),
    servedVersions(group, kind) {
      const type = registry.byKind(group, kind);
      return type
        ? {
            versions: type.versions.map(v => v.name),
            storage: type.storageVersion,
          }
        : undefined;
    },
    stop: close,
  };
}

/** The admin token of a cluster, with full access. */
export function adminToken(token: string): TokenSpec {
  return { token, user: 'kube-sandbox:admin', rules: ADMIN_RULES };
}
