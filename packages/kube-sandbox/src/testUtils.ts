import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as clientNode from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { Clock, createClock } from './clock';
import { ObjectApi } from './cluster/objectApi';
import { CrdSetName } from './resources/crdSets';
import { Sandbox, SandboxCluster, startSandbox } from './sandbox';

/** Helpers shared by the test files. */

export type ClientNode = typeof clientNode;

/** @kubernetes/client-node (kept behind a function so test files share one way to get it). */
export async function loadClientNode(): Promise<ClientNode> {
  return clientNode;
}

/** A fresh state folder. */
export function tempStateDir(prefix = 'kube-sandbox-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Removed when the test file is done, after its sandboxes stopped (src/__testUtils__/testEnvironment.js).
  (
    globalThis as { __kubeSandboxTempDirs?: string[] }
  ).__kubeSandboxTempDirs?.push(dir);
  return dir;
}

/** A KubeConfig from the cluster's written kubeconfig, optionally with another token. */
export async function kubeConfig(
  cluster: SandboxCluster,
  token?: string,
): Promise<KubeConfig> {
  const kc = new clientNode.KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  if (token !== undefined) {
    kc.users = kc.users.map(u => ({ ...u, token }));
  }
  return kc;
}

/** The HTTP status and parsed Status body of a rejected client-node call. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: number; body: any }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: number; body?: unknown };
    if (typeof e.code !== 'number') throw error;
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, body };
  }
  throw new Error('expected the call to fail');
}

/** A raw HTTPS request to a cluster (trusting its CA), for what no client method covers. */
export function raw(
  cluster: SandboxCluster,
  method: string,
  path: string,
  options: {
    token?: string | null;
    body?: unknown;
    /** A body sent as it is (with its own Content-Type header), e.g. YAML. */
    text?: string;
    /** An undefined value leaves that header out (e.g. no Accept at all). */
    headers?: Record<string, string | undefined>;
  } = {},
): Promise<{
  status: number;
  headers: Record<string, unknown>;
  body: string;
  bytes: Buffer;
  json(): any;
}> {
  const url = new URL(path, cluster.url);
  const token = options.token === undefined ? cluster.token : options.token;
  const body =
    options.text ??
    (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: readFileSync(cluster.caFile),
        headers: Object.fromEntries(
          Object.entries({
            Accept: 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(body ? { 'Content-Type': 'application/json' } : {}),
            ...options.headers,
          }).filter(([, value]) => value !== undefined),
        ) as Record<string, string>,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            bytes,
            json: () => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Polls until `check` returns without throwing (or the deadline passes, then rethrows). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 25));
    }
  }
}

/** A sandbox whose clock stands still (it moves only by `advance`), with the simulator on. */
export async function startSimulated(
  clusters: Array<{ name: string; crdSets: CrdSetName[] }>,
): Promise<{ sandbox: Sandbox; clock: Clock }> {
  const clock = createClock({ speed: 0 });
  const sandbox = await startSandbox({
    stateDir: tempStateDir('kube-sandbox-sim-'),
    clock,
    simulator: {},
    clusters,
  });
  return { sandbox, clock };
}

/** Moves the clock on by `ms` in steps of `step`, as time passes for a watcher polling the cluster. */
export function elapse(clock: Clock, ms: number, step = 5_000) {
  for (let done = 0; done < ms; done += step)
    clock.advance(Math.min(step, ms - done));
}

/** Creates a namespace (and returns its name). */
export function ensureNamespace(api: ObjectApi, name: string): string {
  if (!api.get('v1', 'Namespace', name)) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  return name;
}

/** What {@link podStates} reports of a pod. */
export interface PodState {
  phase?: string;
  ready: boolean;
  restarts: number;
  waiting?: string;
  lastTerminated?: string;
}

/** The pods of a namespace by name: phase, readiness, restarts, waiting reason, last termination. */
export function podStates(
  api: ObjectApi,
  namespace: string,
  labelSelector?: string,
): Record<string, PodState> {
  return Object.fromEntries(
    api.list('v1', 'Pod', namespace, { labelSelector }).map(p => {
      const status = (p.status ?? {}) as any;
      const main = status.containerStatuses?.[0];
      return [
        p.metadata.name,
        {
          phase: status.phase,
          ready:
            status.conditions?.find((c: any) => c.type === 'Ready')?.status ===
            'True',
          restarts: main?.restartCount ?? 0,
          waiting: main?.state?.waiting?.reason,
          lastTerminated: main?.lastState?.terminated?.reason,
        },
      ];
    }),
  );
}

/** Warning events of a namespace as `reason object count`. */
export function warnings(api: ObjectApi, namespace: string) {
  return api
    .list('v1', 'Event', namespace)
    .filter(e => e.type === 'Warning')
    .map(e => ({
      reason: String(e.reason),
      object: String((e.involvedObject as any).name),
      count: Number(e.count),
      message: String(e.message),
    }));
}
