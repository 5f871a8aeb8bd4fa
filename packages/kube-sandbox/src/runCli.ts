import { parseArgs } from 'node:util';
import { AdminServer, startAdminServer } from './admin/server';
import { createClock } from './clock';
import { DEFAULT_TIMELINE, SeededFleet, seedFleet } from './demo/seed';
import { DEFAULT_ADMIN_PORT, DEFAULT_FLEET } from './fleet';
import { crdsDir as defaultCrdsDir } from '@k8s-kafka/operator-crds';
import { DEFAULT_STATE_DIR, Sandbox, startSandbox } from './sandbox';

export const USAGE = `Usage: yarn workspace @k8s-kafka/kube-sandbox start [options]

Starts the demo fleet's Kubernetes API servers and a loopback admin endpoint.

Options (each also settable by environment):
  --port <cluster>=<port>  a cluster's HTTPS port (repeatable)    KUBE_SANDBOX_PORT_<CLUSTER>, e.g. KUBE_SANDBOX_PORT_PROD_EU
  --admin-port <port>      the admin endpoint's port (${DEFAULT_ADMIN_PORT})        KUBE_SANDBOX_ADMIN_PORT
  --state-dir <dir>        CA, tokens, kubeconfigs (<repo>/.sandbox)  KUBE_SANDBOX_STATE_DIR
  --crds-dir <dir>         the CRD sets (bundled: operator-crds)      KUBE_SANDBOX_CRDS_DIR
  --speed <n>              sandbox time per real time (1)             KUBE_SANDBOX_SPEED
  --no-seed                empty clusters (the simulator still runs)  KUBE_SANDBOX_NO_SEED=true
  --help                   this text
Port 0 picks a free port.`;

/** Where the CLI writes what it reports. */
export interface CliOutput {
  log(line: string): void;
  warn(line: string): void;
}

/** A started CLI run. */
export interface CliRun {
  sandbox: Sandbox;
  admin: AdminServer;
  stop(): Promise<void>;
}

const envName = (cluster: string) =>
  `KUBE_SANDBOX_PORT_${cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

function port(value: string, what: string) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(
      `kube-sandbox: ${what} must be a port number, got "${value}"`,
    );
  }
  return n;
}

/**
 * Runs the CLI: parses flags and environment, starts the admin endpoint (503 until ready), the
 * fleet's clusters and their state files, then reports each cluster and turns /healthz to 200.
 */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: CliOutput,
): Promise<CliRun | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', multiple: true },
      'admin-port': { type: 'string' },
      'state-dir': { type: 'string' },
      'crds-dir': { type: 'string' },
      speed: { type: 'string' },
      'no-seed': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    out.log(USAGE);
    return undefined;
  }
  const overrides = new Map<string, number>();
  for (const entry of values.port ?? []) {
    const [name, value] = entry.split('=');
    if (!DEFAULT_FLEET.some(c => c.name === name) || value === undefined) {
      throw new Error(
        `kube-sandbox: --port wants <cluster>=<port> with a cluster of ${DEFAULT_FLEET.map(
          c => c.name,
        ).join(', ')}`,
      );
    }
    overrides.set(name, port(value, `--port ${name}`));
  }
  const clusters = DEFAULT_FLEET.map(({ shows: _shows, ...c }) => ({
    ...c,
    crdSets: [...c.crdSets],
    port:
      overrides.get(c.name) ??
      (env[envName(c.name)]
        ? port(env[envName(c.name)]!, envName(c.name))
        : c.port),
  }));
  const adminPort = values['admin-port'] ?? env.KUBE_SANDBOX_ADMIN_PORT;
  const admin = await startAdminServer({
    port: adminPort ? port(adminPort, 'admin port') : DEFAULT_ADMIN_PORT,
  });
  const crdsDir = values['crds-dir'] ?? defaultCrdsDir(env);
  const speedText = values.speed ?? env.KUBE_SANDBOX_SPEED ?? '1';
  const speed = Number(speedText);
  if (!Number.isFinite(speed) || speed <= 0) {
    await admin.stop();
    throw new Error(
      `kube-sandbox: --speed must be a number above 0, got "${speedText}"`,
    );
  }
  const seed = !(values['no-seed'] || env.KUBE_SANDBOX_NO_SEED === 'true');
  // The fleet is applied in the past and provisioned on a stopped clock, then time runs.
  const now = Date.now();
  const clock = createClock({
    start: seed ? now - DEFAULT_TIMELINE.historyMs : now,
    speed: seed ? 0 : speed,
  });
  let sandbox: Sandbox;
  let seeded: SeededFleet | undefined;
  try {
    sandbox = await startSandbox({
      clusters,
      stateDir:
        values['state-dir'] ?? env.KUBE_SANDBOX_STATE_DIR ?? DEFAULT_STATE_DIR,
      crdsDir,
      missingCrds: 'schemaless',
      clock,
      simulator: {
        onError: e =>
          out.warn(`kube-sandbox: simulator: ${e.key}: ${e.message}`),
      },
    });
    if (seed) seeded = seedFleet(sandbox, { now, speed });
    // Count what clients ask from the start, not the seeding.
    sandbox.clusters.forEach(c => c.requests.reset());
  } catch (error) {
    await admin.stop();
    clock.stop();
    throw error;
  }
  if (sandbox.clusters.some(c => c.validationOff)) {
    const banner = '!'.repeat(100);
    out.warn(banner);
    out.warn(`!! VALIDATION IS OFF: the CRD folder ${crdsDir} is missing.`);
    out.warn(
      "!! The operators' kinds are served WITHOUT schemas: invalid custom resources are accepted.",
    );
    out.warn(
      '!! Set KUBE_SANDBOX_CRDS_DIR (or --crds-dir) to the folder holding cfk-3.3.0/, strimzi-0.51.0/ and strimzi-1.2.0/.',
    );
    out.warn(banner);
  }
  const validated = [
    ...new Set(
      sandbox.clusters
        .filter(c => !c.validationOff)
        .flatMap(c => clusters.find(x => x.name === c.name)!.crdSets),
    ),
  ];
  if (validated.length > 0) {
    out.log(
      `kube-sandbox: validating custom resources with the CRD sets ${validated.join(
        ', ',
      )} from ${crdsDir}`,
    );
  }
  for (const c of sandbox.clusters) {
    const spec = clusters.find(x => x.name === c.name)!;
    out.log(
      `kube-sandbox: cluster ${c.name} (${spec.crdSets.join(', ')}${
        c.validationOff ? ', validation OFF' : ''
      })`,
    );
    if (seed)
      out.log(
        `  shows       ${DEFAULT_FLEET.find(f => f.name === c.name)?.shows}`,
      );
    out.log(`  url         ${c.url}`);
    out.log(`  kubeconfig  ${c.kubeconfig}`);
    out.log(`  ca file     ${c.caFile}`);
    out.log(`  token file  ${c.tokenFile}`);
  }
  out.log(`kube-sandbox: all clusters   KUBECONFIG=${sandbox.kubeconfig}`);
  out.log(
    `kube-sandbox: admin endpoint ${admin.url} (GET /healthz, /clusters, /clock; /clusters/{name}/faults, /metrics, /simulator)`,
  );
  if (seed) {
    out.log(
      `kube-sandbox: roll staging again: curl -X POST ${admin.url}/clusters/staging/simulator/roll -d '{"namespace":"shipping","name":"shipping-kafka"}'`,
    );
  }
  admin.setReady(sandbox.clusters);
  out.log('kube-sandbox: ready');
  return {
    sandbox,
    admin,
    stop: async () => {
      seeded?.cancel();
      await Promise.all([sandbox.stop(), admin.stop()]);
      clock.stop();
    },
  };
}
