/* eslint-disable no-console */
// `npm run bench`: the kafka-clusters backend against the Kubernetes plugin's custom resource
// query, on the same fleet, for the same entity. Prints its figures; asserts nothing.
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../lib/portal';
import { benchApplyEnvironment } from './applyEnvironment';
import { benchCloneEnvironment } from './cloneEnvironment';
import { benchRenderEnvironment } from './renderEnvironment';
import { reservePort } from '../lib/ports';

const BENCH_ID = 'bench-service';
const TRANSFORM = require.resolve('@backstage/cli/config/nodeTransform.cjs');

interface FleetInfo {
  seconds: number;
  objects: number;
  clusters: { name: string; url: string; caFile: string; token: string }[];
}

function start(
  file: string,
  env: Record<string, string> = {},
  args: string[] = [],
): ChildProcess {
  // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of each process there, to see where time goes.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  // eslint-disable-next-line no-restricted-syntax -- the benchmark only ever runs from source
  return fork(path.join(__dirname, file), args, {
    execArgv: [
      '--expose-gc',
      '--max-old-space-size=4096',
      '--require',
      TRANSFORM,
      ...profile,
    ],
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    cwd: repoRoot,
  });
}

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise(resolve => {
    const onMessage = (message: { type: string }) => {
      if (message.type === type) {
        child.off('message', onMessage);
        resolve(message as T);
      }
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

async function startFleet(): Promise<{ child: ChildProcess; info: FleetInfo }> {
  const child = start('fleetProcess.ts');
  let output = '';
  const info = await new Promise<FleetInfo>((resolve, reject) => {
    child.stdout!.on('data', chunk => {
      output += chunk;
      const line = output.split('\n').find(l => l.startsWith('FLEET '));
      if (line) resolve(JSON.parse(line.slice(6)));
    });
    child.stderr!.on('data', chunk => process.stderr.write(chunk));
    child.once('exit', code =>
      reject(new Error(`the fleet exited with ${code}:\n${output}`)),
    );
  });
  return { child, info };
}

const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-bench-'));
process.on('exit', () =>
  fs.rmSync(configDir, { recursive: true, force: true }),
);

const COLD_REQUESTS = 200;
const coldEntityNames = () =>
  Array.from({ length: COLD_REQUESTS }, (_, i) => `${BENCH_ID}-cold-${i}`);

async function startBackend(fleet: FleetInfo, withKafkaClusters: boolean) {
  const port = await reservePort();
  const baseUrl = `http://localhost:${port}`;
  const configFile = path.join(
    configDir,
    `config-${withKafkaClusters ? 'with' : 'without'}.json`,
  );
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: fleet.clusters.map(c => ({
              name: c.name,
              url: c.url,
              caFile: c.caFile,
              authProvider: 'serviceAccount',
              serviceAccountToken: c.token,
              skipMetricsLookup: true,
            })),
          },
        ],
      },
    }),
  );
  // The measured entity, and look-alikes with the same Kafka clusters that are each asked once:
  // every one of those requests misses the entity and response caches.
  const entities = [BENCH_ID, ...coldEntityNames()].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': BENCH_ID },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  }));
  const startedAt = Date.now();
  const child = start(
    'backendProcess.ts',
    {
      BENCH_ENTITIES: JSON.stringify(entities),
      ...(withKafkaClusters ? {} : { BENCH_WITHOUT_KAFKA_CLUSTERS: '1' }),
    },
    ['--config', configFile],
  );
  child.stderr!.on('data', () => {});
  child.stdout!.on('data', () => {});
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', code =>
      reject(new Error(`the backend exited with ${code}`)),
    );
  });
  return { child, baseUrl, startedAt };
}

async function waitForCompleteStatus(
  baseUrl: string,
  clusters: number,
  kafkas: number,
) {
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/kafka-clusters/clusters`);
      if (res.ok) {
        const body = await res.json();
        const synced = body.kubernetesClusters.filter(
          (c: { state: string }) => c.state === 'synced',
        ).length;
        if (synced === clusters && body.clusters.length === kafkas) return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

interface Load {
  name: string;
  request(): Promise<Response>;
}

async function latencies(load: Load, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await load.request();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${load.name} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

async function throughput(
  load: Load,
  concurrency: number,
  seconds: number,
): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const res = await load.request();
        await res.arrayBuffer();
        done += 1;
      }
    }),
  );
  return done / seconds;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function kubernetesRequests(fleet: ChildProcess): Promise<number> {
  const { counts } = await ask<{ counts: ({ total: number } | null)[] }>(
    fleet,
    'requests',
  );
  return counts.reduce((sum, c) => sum + (c?.total ?? 0), 0);
}

async function measure(
  load: Load,
  fleet: ChildProcess,
  count: number,
  concurrency: number,
  seconds: number,
) {
  await latencies(load, Math.min(20, count));
  const bytes = (await (await load.request()).arrayBuffer()).byteLength;
  const before = await kubernetesRequests(fleet);
  const times = await latencies(load, count);
  const after = await kubernetesRequests(fleet);
  const rps = await throughput(load, concurrency, seconds);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    rps,
    apiRequestsPerRequest: (after - before) / count,
    bytes,
  };
}

async function main() {
  const clusters = Number(process.env.BENCH_CLUSTERS ?? 20);
  const kafkas = Number(process.env.BENCH_KAFKAS ?? 50);
  const topics = Number(process.env.BENCH_TOPICS ?? 20);
  console.log(
    `Fleet: ${clusters} Kubernetes clusters × ${kafkas} Kafka clusters × ${topics} topics (Strimzi 1.2, 3 nodes each)`,
  );
  const fleet = await startFleet();
  console.log(
    `  seeded ${fleet.info.objects} objects in ${fleet.info.seconds.toFixed(
      1,
    )} s, in its own process`,
  );

  const backend = await startBackend(fleet.info, true);
  await waitForCompleteStatus(backend.baseUrl, clusters, clusters * kafkas);
  const firstComplete = (Date.now() - backend.startedAt) / 1000;

  const ours: Load = {
    name: 'kafka-clusters entity route',
    request: () =>
      fetch(
        `${backend.baseUrl}/api/kafka-clusters/entities/default/component/${BENCH_ID}`,
      ),
  };
  const peer: Load = {
    name: 'kubernetes custom resource query',
    request: () =>
      fetch(`${backend.baseUrl}/api/kubernetes/resources/custom/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          entityRef: `component:default/${BENCH_ID}`,
          auth: {},
          customResources: ['kafkas', 'kafkanodepools', 'kafkatopics'].map(
            plural => ({
              group: 'kafka.strimzi.io',
              apiVersion: 'v1',
              plural,
            }),
          ),
        }),
      }),
  };
  const oursFigures = await measure(ours, fleet.child, 1000, 16, 10);
  const names = coldEntityNames();
  const cold = await latencies(
    {
      name: 'kafka-clusters entity route, first request per entity',
      request: () =>
        fetch(
          `${
            backend.baseUrl
          }/api/kafka-clusters/entities/default/component/${names.pop()}`,
        ),
    },
    COLD_REQUESTS,
  );
  const peerFigures = await measure(peer, fleet.child, 50, 16, 10);
  const { heapUsed } = await ask<{ heapUsed: number }>(backend.child, 'heap');
  backend.child.kill('SIGTERM');

  const baseline = await startBackend(fleet.info, false);
  await new Promise(resolve => setTimeout(resolve, 5000));
  const { heapUsed: baselineHeap } = await ask<{ heapUsed: number }>(
    baseline.child,
    'heap',
  );
  baseline.child.kill('SIGTERM');
  fleet.child.kill('SIGTERM');

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const row = (name: string, f: typeof oursFigures) =>
    `| ${name} | ${f.p50.toFixed(1)} ms | ${f.p95.toFixed(
      1,
    )} ms | ${f.rps.toFixed(0)} | ${f.apiRequestsPerRequest.toFixed(2)} | ${(
      f.bytes / 1024
    ).toFixed(0)} KB |`;
  console.log('');
  console.log(
    '| route (same entity, same fleet) | p50 | p95 | requests/s (16 concurrent) | Kubernetes API requests per request | response (JSON) |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(row('GET /api/kafka-clusters/entities/…', oursFigures));
  console.log(row('POST /api/kubernetes/resources/custom/query', peerFigures));
  console.log('');
  console.log(
    `kafka-clusters, first request of each of ${COLD_REQUESTS} distinct entities (no reuse): p50 ${percentile(
      cold,
      50,
    ).toFixed(1)} ms, p95 ${percentile(cold, 95).toFixed(1)} ms`,
  );
  console.log(
    `throughput ratio: ${(oursFigures.rps / peerFigures.rps).toFixed(0)}×`,
  );
  console.log(
    `backend heap after GC: ${mb(heapUsed)} (without kafka-clusters: ${mb(
      baselineHeap,
    )}; caches ≈ ${mb(heapUsed - baselineHeap)})`,
  );
  console.log(
    `time from start to the first complete status of every cluster: ${firstComplete.toFixed(
      1,
    )} s`,
  );
  console.log('');
  for (const line of await benchApplyEnvironment()) console.log(line);
  for (const line of await benchRenderEnvironment()) console.log(line);
  for (const line of await benchCloneEnvironment()) console.log(line);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
