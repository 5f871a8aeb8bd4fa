import { FaultSettings } from '../cluster/faults';
import { SandboxCluster } from '../sandbox';
import { parseFault } from '../simulator/faults';
import { AdminRequest, json, noRoute, send } from './http';

/** `GET|PUT|PATCH|DELETE /clusters/{name}/faults[/drop-watches|/expire-watch-history]`: the API server's faults. */
async function apiFaults(cluster: SandboxCluster, r: AdminRequest) {
  const { method, res, rest, req } = r;
  const action = rest[1];
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
    const abrupt = r.query.get('abrupt') === 'true';
    send(res, 200, { dropped: cluster.faults.dropWatches({ abrupt }) });
  } else if (method === 'POST' && action === 'expire-watch-history') {
    cluster.faults.expireWatchHistory();
    send(res, 200, { expired: true });
  } else {
    noRoute(r);
  }
}

/** `GET|DELETE /clusters/{name}/metrics`: the request counters, and their reset. */
function metrics(cluster: SandboxCluster, r: AdminRequest) {
  if (r.rest.length !== 1) return noRoute(r);
  if (r.method === 'DELETE') cluster.requests.reset();
  else if (r.method !== 'GET')
    return send(r.res, 405, { error: `${r.method} not allowed` });
  return send(r.res, 200, cluster.requests());
}

/** `/clusters/{name}/simulator[/faults[/{id}]|/roll]`: the operator simulator's faults and rolls. */
async function simulator(cluster: SandboxCluster, r: AdminRequest) {
  const sim = cluster.simulator;
  const { method, res, rest, req } = r;
  if (!sim) {
    send(res, 409, {
      error: `the simulator is off on cluster ${cluster.name}`,
    });
    return;
  }
  const [, what, ...id] = rest;
  if (!what && method === 'GET') {
    send(res, 200, {
      timings: sim.timings,
      faults: sim.faults(),
      errors: sim.errors(),
    });
  } else if (what === 'faults' && !id.length && method === 'GET') {
    send(res, 200, sim.faults());
  } else if (what === 'faults' && !id.length && method === 'POST') {
    send(res, 201, sim.inject(parseFault(await json(req))));
  } else if (what === 'faults' && method === 'DELETE') {
    const cleared = sim.clear(id.length ? id.join('/') : undefined);
    if (id.length && !cleared.length)
      send(res, 404, { error: `no fault ${id.join('/')}` });
    else send(res, 200, cleared);
  } else if (what === 'roll' && !id.length && method === 'POST') {
    const body = (await json(req)) as {
      namespace?: string;
      name?: string;
      kind?: string;
    };
    if (!body.namespace || !body.name)
      throw new Error('a roll needs "namespace" and "name"');
    const rolled = sim.roll({
      namespace: body.namespace,
      name: body.name,
      kind: body.kind,
    });
    send(res, 200, {
      kind: rolled.kind,
      namespace: rolled.metadata.namespace,
      name: rolled.metadata.name,
      generation: rolled.metadata.generation,
    });
  } else {
    noRoute(r);
  }
}

/** Routes `/clusters/{name}/…` for one cluster. */
export async function clusterRoute(cluster: SandboxCluster, r: AdminRequest) {
  switch (r.rest[0]) {
    case 'faults':
      return apiFaults(cluster, r);
    case 'metrics':
      return metrics(cluster, r);
    case 'simulator':
      return simulator(cluster, r);
    default:
      return noRoute(r);
  }
}
