import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Clock, createClock } from './clock';
import { AccessRule } from './cluster/auth';
import { adminToken, RunningCluster, startCluster } from './cluster/cluster';
import {
  CrdSetName,
  crdsDir as defaultCrdsDir,
  loadCrdSet,
} from '@k8s-kafka/operator-crds';
import { fallbackCrdSet, REPO_ROOT } from './resources/crdSets';
import { issueServingCert, loadOrCreateCa } from './state/certs';
import {
  clusterFiles,
  kubeconfig,
  loadOrCreateToken,
  writeClusterFiles,
} from './state/files';
import { KubeObject } from './types';
import {
  FleetNetwork,
  listenerAddresses,
  networkView,
} from './simulator/network';
import {
  createSimulator,
  Simulator,
  SimulatorOptions,
} from './simulator/simulator';

/** An extra bearer token of a cluster, limited by its rules (403 for anything else). @public */
export interface TokenOptions {
  /** Key of the token in {@link SandboxCluster.tokens}. */
  name: string;
  /** User name shown in 403 messages; default `system:serviceaccount:default:<name>`. */
  user?: string;
  rules: AccessRule[];
}

/** One cluster of a sandbox. @public */
export interface ClusterOptions {
  name: string;
  /** HTTPS port; 0 (the default) picks a free one. */
  port?: number;
  /** CRD sets (folders of the CRDs directory) whose CRDs the cluster serves. */
  crdSets?: CrdSetName[];
  tokens?: TokenOptions[];
  /** Interval of watch BOOKMARK events (when clients allow them). Default 60 s, as the API server. */
  bookmarkIntervalMs?: number;
  /** How long watch events stay available for resumption. Default 10 min. */
  historyMs?: number;
  /**
   * Runs the operator simulator on this cluster (default: the sandbox's `simulator` option; off
   * when neither is set, so hand-written objects and status are served untouched). `false`
   * keeps it off whatever the sandbox option says.
   */
  simulator?: SimulatorOptions | false;
}

/** Options of {@link startSandbox}. @public */
export interface SandboxOptions {
  clusters: ClusterOptions[];
  /** The state folder (CA, tokens, kubeconfigs). Default `<repo>/.sandbox`. */
  stateDir?: string;
  /** The CRDs folder. Default `KUBE_SANDBOX_CRDS_DIR`, else the sets bundled in `@k8s-kafka/operator-crds`. */
  crdsDir?: string;
  /**
   * When the CRDs folder is missing: `fail` (default) throws an Error naming the folder;
   * `schemaless` serves the suite's kinds without schemas (validation off), as the CLI does.
   */
  missingCrds?: 'fail' | 'schemaless';
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /**
   * The sandbox's time: what the API servers stamp on objects and what the simulators wait on.
   * Default a real-time clock; `createClock({ speed: 0 })` makes one that moves only when advanced.
   */
  clock?: Clock;
  /** Runs the operator simulator on every cluster (each cluster's `simulator` option wins). Default off. */
  simulator?: SimulatorOptions;
}

/** A running cluster with its state files and credentials. @public */
export interface SandboxCluster extends RunningCluster {
  /** The admin token (full access), also in `tokenFile` and `kubeconfig`. */
  token: string;
  /** Extra tokens by name. */
  tokens: Record<string, string>;
  caFile: string;
  tokenFile: string;
  kubeconfig: string;
  /** True when the cluster's CRDs were registered schema-less because the CRDs folder is missing. */
  validationOff: boolean;
  /** The cluster's operator simulator, when it runs (see {@link ClusterOptions.simulator}). */
  simulator?: Simulator;
  /**
   * The sandbox's clusters as this cluster's simulator reaches them: the addresses their Kafkas'
   * external listeners report, which a ClusterLink or MirrorMaker 2 here can connect to.
   */
  fleet: FleetNetwork;
}

/** A running sandbox. @public */
export interface Sandbox {
  clusters: SandboxCluster[];
  /** The cluster of that name; throws for an unknown name. */
  cluster(name: string): SandboxCluster;
  stateDir: string;
  /** A kubeconfig with a context per cluster. */
  kubeconfig: string;
  /** The CA certificate (PEM) all clusters' serving certificates are signed with. */
  caCert: string;
  /** The sandbox's clock, shared by its clusters. */
  clock: Clock;
  stop(): Promise<void>;
}

/** The default state folder, `<repo>/.sandbox`. @public */
export const DEFAULT_STATE_DIR = join(REPO_ROOT, '.sandbox');

/**
 * Starts clusters: one CA per state folder (generated once, then reused), a serving certificate,
 * an admin token and a kubeconfig per cluster, written before this resolves.
 * @public
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const stateDir = resolve(options.stateDir ?? DEFAULT_STATE_DIR);
  const crdsDir = resolve(options.crdsDir ?? defaultCrdsDir());
  const host = options.host ?? '127.0.0.1';
  const ownClock = !options.clock;
  const clock = options.clock ?? createClock();
  // CRDs first: a missing folder fails before any state is written.
  const crdsOf = options.clusters.map(spec => {
    let validationOff = false;
    const crds: KubeObject[] = [];
    for (const set of spec.crdSets ?? []) {
      try {
        crds.push(...(loadCrdSet(set, crdsDir) as KubeObject[]));
      } catch (error) {
        if (options.missingCrds !== 'schemaless') throw error;
        validationOff = true;
        crds.push(...fallbackCrdSet(set));
      }
    }
    return { crds, validationOff };
  });
  mkdirSync(stateDir, { recursive: true });
  const ca = loadOrCreateCa(stateDir);
  const tls = issueServingCert(ca);

  const clusters: SandboxCluster[] = [];
  const fleet: FleetNetwork = {
    externalListeners: () =>
      clusters.flatMap(c =>
        listenerAddresses(networkView(c)).filter(l => l.external),
      ),
  };
  try {
    for (const [i, spec] of options.clusters.entries()) {
      const { crds, validationOff } = crdsOf[i];
      const files = clusterFiles(stateDir, spec.name);
      const token = loadOrCreateToken(files);
      const extra = (spec.tokens ?? []).map(t => ({
        name: t.name,
        token: randomBytes(24).toString('hex'),
        user: t.user ?? `system:serviceaccount:default:${t.name}`,
        rules: t.rules,
      }));
      const running = await startCluster({
        name: spec.name,
        host,
        port: spec.port ?? 0,
        tls,
        tokens: [adminToken(token), ...extra],
        crds,
        bookmarkIntervalMs: spec.bookmarkIntervalMs ?? 60_000,
        historyMs: spec.historyMs ?? 10 * 60_000,
        clock,
      });
      writeClusterFiles(files, ca.cert, {
        name: spec.name,
        server: running.url,
        caFile: files.caFile,
        token,
      });
      clusters.push(
        Object.assign(running, {
          token,
          tokens: Object.fromEntries(extra.map(t => [t.name, t.token])),
          caFile: files.caFile,
          tokenFile: files.tokenFile,
          kubeconfig: files.kubeconfig,
          validationOff,
          fleet,
        }),
      );
      const simulator = spec.simulator ?? options.simulator;
      if (simulator) startSimulator(clusters[clusters.length - 1], simulator);
    }
  } catch (error) {
    await stopAll(clusters);
    throw error;
  }
  const combined = join(stateDir, 'kubeconfig');
  writeFileSync(
    combined,
    kubeconfig(
      clusters.map(c => ({
        name: c.name,
        server: c.url,
        caFile: c.caFile,
        token: c.token,
      })),
    ),
    { mode: 0o600 },
  );
  return {
    clusters,
    cluster(name) {
      const found = clusters.find(c => c.name === name);
      if (!found) throw new Error(`kube-sandbox: no cluster named ${name}`);
      return found;
    },
    stateDir,
    kubeconfig: combined,
    caCert: ca.cert,
    clock,
    stop: async () => {
      await stopAll(clusters);
      if (ownClock) clock.stop();
    },
  };
}

async function stopAll(clusters: SandboxCluster[]) {
  clusters.forEach(c => c.simulator?.stop());
  await Promise.all(clusters.map(c => c.stop()));
}

/**
 * Starts the operator simulator on a running cluster (or returns the one already running): from
 * then on its operators, controllers and kubelets act on its objects.
 * @public
 */
export function startSimulator(
  cluster: SandboxCluster,
  options: SimulatorOptions = {},
): Simulator {
  cluster.simulator ??= createSimulator(cluster, options);
  return cluster.simulator;
}
