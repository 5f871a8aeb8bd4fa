/* eslint-disable no-console */
// The benchmark fleet's Kubernetes API servers, in a process of their own so that neither the
// sandbox's CPU nor its memory counts against the backend being measured. Prints one line
// `FLEET <json>` once every object is written.
import { startSandbox } from '@k8s-kafka/kube-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchKafka } from './fleetObjects';

export const BENCH_ID = 'bench-service';

async function main() {
  const clusters = Number(process.env.BENCH_CLUSTERS ?? 20);
  const kafkas = Number(process.env.BENCH_KAFKAS ?? 50);
  const topics = Number(process.env.BENCH_TOPICS ?? 20);
  const started = Date.now();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-bench-'));
  const sandbox = await startSandbox({
    stateDir,
    clusters: Array.from({ length: clusters }, (_, i) => ({
      name: `bench-${String(i).padStart(2, '0')}`,
      crdSets: ['strimzi-1.2.0' as const],
    })),
  });
  let objects = 0;
  for (const cluster of sandbox.clusters) {
    for (let k = 0; k < kafkas; k++) {
      const namespace = `team-${k % 10}`;
      if (!cluster.api.get('v1', 'Namespace', namespace)) {
        cluster.api.create({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: namespace },
        } as any);
      }
      // One Kafka per Kubernetes cluster belongs to the service the benchmark asks about.
      const labels = {
        'backstage.io/kubernetes-id': k === 0 ? BENCH_ID : `service-${k}`,
      };
      for (const object of benchKafka({
        namespace,
        name: `kafka-${k}`,
        topics,
        labels,
      })) {
        const { status, ...rest } = object;
        const created = cluster.api.create(rest as any);
        if (status) cluster.api.updateStatus({ ...created, status } as any);
        objects += 1;
      }
    }
  }
  console.log(
    `FLEET ${JSON.stringify({
      seconds: (Date.now() - started) / 1000,
      objects,
      clusters: sandbox.clusters.map(c => ({
        name: c.name,
        url: c.url,
        caFile: c.caFile,
        token: c.token,
      })),
    })}`,
  );
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'requests') {
      process.send!({
        type: 'requests',
        counts: sandbox.clusters.map(c => c.requests()),
      });
    }
  });
  process.once(
    'SIGTERM',
    () =>
      void sandbox.stop().then(() => {
        fs.rmSync(stateDir, { recursive: true, force: true });
        process.exit(0);
      }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
