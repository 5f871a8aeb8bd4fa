/* eslint-disable no-console */
import { Agent, request } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startSandbox, SandboxCluster } from '../sandbox';
import { KubeObject } from '../types';
import { brokerPod, runningStatus } from './objects';

/*
 * `yarn workspace @k8s-kafka/kube-sandbox bench`: how fast the sandbox is with tens of clusters and
 * tens of thousands of realistic objects in one process. Prints figures; asserts nothing.
 */

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '20' },
    objects: { type: 'string', default: '50000' },
    list: { type: 'string', default: '10000' },
    watchers: { type: 'string', default: '50' },
  },
});
const CLUSTERS = Number(values.clusters);
const OBJECTS = Number(values.objects);
const LIST = Number(values.list);
const WATCHERS = Number(values.watchers);
const SETS = ['cfk-3.3.0', 'strimzi-1.2.0', 'strimzi-0.51.0'];

const rows: Array<[string, string]> = [];
const report = (what: string, figure: string) => {
  rows.push([what, figure]);
  console.log(`${what.padEnd(58)} ${figure}`);
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/*
 * The HTTP client runs in a worker thread, as a real client would run elsewhere: the figures are the
 * server's time plus the transfer, not the client's parsing. It counts bytes and discards them.
 */
const CLIENT = `
const { parentPort } = require('node:worker_threads');
const { Agent, request } = require('node:https');
let agent;
parentPort.on('message', ({ id, url, token, ca, accept }) => {
  agent ??= new Agent({ keepAlive: true, ca });
  const started = performance.now();
  const req = request(url, { agent, headers: { Authorization: 'Bearer ' + token, Accept: accept } }, res => {
    let bytes = 0;
    let head = '';
    res.on('data', c => {
      bytes += c.length;
      if (head.length < 1000) head += c.toString('latin1', 0, 1000);
    });
    res.on('end', () => {
      const cont = /"continue":"([^"]+)"/.exec(head)?.[1];
      parentPort.postMessage({ id, status: res.statusCode, ms: performance.now() - started, bytes, cont });
    });
  });
  req.on('error', e => parentPort.postMessage({ id, status: 0, error: String(e) }));
  req.end();
});
`;
const client = new Worker(CLIENT, { eval: true });
let nextId = 0;

function get(
  cluster: SandboxCluster,
  path: string,
  accept = 'application/json',
) {
  const id = nextId++;
  return new Promise<{ ms: number; bytes: number; cont?: string }>(
    (resolve, reject) => {
      const onMessage = (m: {
        id: number;
        status: number;
        ms: number;
        bytes: number;
        cont?: string;
        error?: string;
      }) => {
        if (m.id !== id) return;
        client.off('message', onMessage);
        if (m.status !== 200)
          reject(new Error(`${path}: ${m.status} ${m.error ?? ''}`));
        else resolve(m);
      };
      client.on('message', onMessage);
      client.postMessage({
        id,
        url: new URL(path, cluster.url).toString(),
        token: cluster.token,
        ca: readFileSync(cluster.caFile, 'utf8'),
        accept,
      });
    },
  );
}

async function timed(
  runs: number,
  fn: () => Promise<{ ms: number; bytes: number }>,
) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await fn());
  return { ms: median(results.map(r => r.ms)), bytes: results[0].bytes };
}

async function main() {
  const stateDir = mkdtempSync(join(tmpdir(), 'kube-sandbox-bench-'));
  let started = performance.now();
  const sandbox = await startSandbox({
    stateDir,
    clusters: Array.from({ length: CLUSTERS }, (_, i) => ({
      name: `bench-${i}`,
      crdSets: [SETS[i % SETS.length]],
    })),
  });
  report(
    `start ${CLUSTERS} clusters with their CRDs`,
    ms(performance.now() - started),
  );

  // Seed through the write path, as the simulator will: create (controller) + status (kubelet).
  const big = sandbox.clusters[0];
  // Each batch ends its job, so the parsed objects the store keeps weakly can be collected.
  const nextJob = () => new Promise(resolve => setImmediate(resolve));
  const seed = async (
    cluster: SandboxCluster,
    namespace: string,
    count: number,
  ) => {
    if (!cluster.api.get('v1', 'Namespace', namespace)) {
      cluster.api.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      });
    }
    for (let i = 0; i < count; i++) {
      const pod = cluster.api.create(
        brokerPod(namespace, `kafka-${Math.floor(i / 6)}`, i),
        { manager: 'kube-controller-manager' },
      );
      cluster.api.updateStatus(
        { ...(structuredClone(pod) as KubeObject), status: runningStatus(i) },
        { manager: 'kubelet' },
      );
      if (i % 500 === 499) await nextJob();
    }
    await nextJob();
  };
  started = performance.now();
  await seed(big, 'big', LIST);
  const rest = Math.max(0, OBJECTS - LIST);
  const others = sandbox.clusters.slice(1);
  for (const [i, cluster] of others.entries()) {
    const share =
      Math.floor(rest / Math.max(1, others.length)) +
      (i < rest % Math.max(1, others.length) ? 1 : 0);
    for (let n = 0; n < 10; n++)
      await seed(
        cluster,
        `team-${n}`,
        Math.floor(share / 10) + (n < share % 10 ? 1 : 0),
      );
  }
  const seeded = performance.now() - started;
  const total = sandbox.clusters.reduce((n, c) => n + c.store.count('pods'), 0);
  report(
    `seed ${total} pods (create + status update each)`,
    `${ms(seeded)} (${Math.round((2 * total) / (seeded / 1000))} writes/s)`,
  );
  const sample = big.api.get('v1', 'Pod', `kafka-0-kafka-0`, 'big')!;
  report(
    'one pod as JSON (with managedFields and status)',
    `${JSON.stringify(sample).length} bytes, ${
      sample.metadata.managedFields?.length
    } managedFields entries`,
  );
  await nextJob();
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  report(
    'process memory after seeding (rss / JS heap / buffers)',
    `${Math.round(memory.rss / 2 ** 20)} / ${Math.round(
      memory.heapUsed / 2 ** 20,
    )} / ${Math.round(memory.arrayBuffers / 2 ** 20)} MiB`,
  );

  const list = `/api/v1/namespaces/big/pods`;
  await get(big, list);
  let r = await timed(5, () => get(big, list));
  report(
    `list ${LIST} pods over HTTPS (JSON, median of 5)`,
    `${ms(r.ms)}, ${(r.bytes / 2 ** 20).toFixed(1)} MiB`,
  );
  r = await timed(5, () =>
    get(
      big,
      `${list}?labelSelector=${encodeURIComponent(
        'statefulset.kubernetes.io/pod-name in (kafka-0-kafka-0,kafka-1-kafka-6)',
      )}`,
    ),
  );
  report(`list with a label selector over ${LIST} pods`, ms(r.ms));
  r = await timed(3, () =>
    get(big, list, 'application/json;as=Table;v=v1;g=meta.k8s.io'),
  );
  report(`list ${LIST} pods as a Table (kubectl get)`, ms(r.ms));
  r = await timed(3, async () => {
    let sum = 0;
    let bytes = 0;
    let cont: string | undefined = '';
    while (cont !== undefined) {
      const page = await get(
        big,
        `${list}?limit=500${
          cont ? `&continue=${encodeURIComponent(cont)}` : ''
        }`,
      );
      sum += page.ms;
      bytes += page.bytes;
      cont = page.cont;
    }
    return { ms: sum, bytes };
  });
  report(`list ${LIST} pods in pages of 500 (all pages)`, ms(r.ms));
  r = await timed(5, () => get(sandbox.clusters[1], '/api/v1/pods'));
  report(
    `list all namespaces of a ${sandbox.clusters[1].store.count(
      'pods',
    )}-pod cluster`,
    ms(r.ms),
  );

  // Watch fan-out: every watcher sees every event.
  const events = 200;
  const streams = await Promise.all(
    Array.from(
      { length: WATCHERS },
      () =>
        new Promise<{ received: () => number; close: () => void }>(
          (resolve, reject) => {
            let count = 0;
            const req = request(
              new URL(
                `${list}?watch=1&resourceVersion=${big.store.resourceVersion()}`,
                big.url,
              ),
              {
                agent: new Agent({ ca: readFileSync(big.caFile) }),
                headers: { Authorization: `Bearer ${big.token}` },
              },
              res => {
                res.on('data', (c: Buffer) => {
                  for (
                    let at = c.indexOf(10);
                    at >= 0;
                    at = c.indexOf(10, at + 1)
                  )
                    count++;
                });
                resolve({ received: () => count, close: () => req.destroy() });
              },
            );
            req.on('error', reject);
            req.end();
          },
        ),
    ),
  );
  started = performance.now();
  for (let i = 0; i < events; i++) {
    big.api.patch('v1', 'Pod', `kafka-${Math.floor(i / 6)}-kafka-${i}`, 'big', {
      metadata: { labels: { bench: String(i) } },
    });
  }
  while (streams.some(s => s.received() < events))
    await new Promise(res => setTimeout(res, 5));
  const fanout = performance.now() - started;
  report(
    `${events} writes seen by ${WATCHERS} watchers`,
    `${ms(fanout)} (${Math.round(
      (events * WATCHERS) / (fanout / 1000),
    )} events/s delivered)`,
  );
  streams.forEach(s => s.close());

  await client.terminate();
  await sandbox.stop();
  rmSync(stateDir, { recursive: true, force: true });
  console.log('\n| measure | figure |\n|---|---|');
  rows.forEach(([what, figure]) => console.log(`| ${what} | ${figure} |`));
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
