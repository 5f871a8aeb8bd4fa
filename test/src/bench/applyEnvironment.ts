// The time kafka:environment:apply takes to apply a 1,000-topic environment to the sandbox:
// the action as the scaffolder runs it (cluster access, checks, one server-side apply per
// resource), against one in-process sandbox cluster. Prints; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  createKubernetesClusterAccess,
  renderKafkaEnvironment,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { createKafkaEnvironmentApplyAction } from '@k8s-kafka/plugin-scaffolder-backend-module-kafka-environments';
import { startSandbox } from '@k8s-kafka/kube-sandbox';

const TOPICS = 1000;

/** Runs the apply three times (create, no change, dry run) and answers the lines to print. */
export async function benchApplyEnvironment(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-bench-apply-'));
  const sandbox = await startSandbox({
    stateDir: path.join(dir, 'state'),
    clusters: [{ name: 'dev', crdSets: ['strimzi-1.2.0'] }],
  });
  try {
    const cluster = sandbox.cluster('dev');
    const config = mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'dev',
                  url: cluster.url,
                  caFile: cluster.caFile,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: cluster.token,
                },
              ],
            },
          ],
        },
        kafkaClusters: {
          kubernetesClusters: {
            dev: {
              apply: {
                enabled: true,
                namespaces: ['bench'],
                createNamespaces: true,
              },
            },
          },
        },
      },
    });
    const logger: any = {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child: () => logger,
    };
    const auth = mockServices.auth();
    const clusters = createKubernetesClusterAccess({
      config,
      logger,
      auth,
      catalog: {} as any, // no catalog locator: never asked
    });
    const action = createKafkaEnvironmentApplyAction({
      clusters,
      config,
      auth,
      permissions: mockServices.permissions(),
      auditor: {
        createEvent: async () => ({
          success: async () => {},
          fail: async () => {},
        }),
      },
      discovery: mockServices.discovery(),
    });

    // What kafka:environment:create writes for a dev environment of 1,000 topics.
    const { files, objects } = renderKafkaEnvironment(
      {
        name: 'bench-kafka',
        namespace: 'bench',
        profile: 'dev',
        service: 'bench-service',
        owner: 'group:default/bench',
        environmentId: 'bench-environment',
        topics: Array.from({ length: TOPICS }, (_, i) => ({
          name: `bench-topic-${i}`,
          partitions: 3,
        })),
        components: {},
        security: {
          tls: true,
          authentication: true,
          authorization: 'simple',
        },
      },
      { operator: 'strimzi', strimziApiVersion: 'v1' },
    );
    const workspace = path.join(dir, 'workspace');
    const folder = path.join(workspace, 'kafka', 'bench-kafka');
    fs.mkdirSync(folder, { recursive: true });
    for (const file of files) {
      fs.writeFileSync(path.join(folder, file.path), file.content);
    }

    const run = async (input: Record<string, unknown>) => {
      const results: string[] = [];
      const started = performance.now();
      await action.handler({
        input: { cluster: 'dev', path: 'kafka/bench-kafka', ...input },
        workspacePath: workspace,
        logger,
        output: (name: string, value: any) => {
          if (name === 'resources') {
            results.push(...value.map((r: { result: string }) => r.result));
          }
        },
        checkpoint: async ({ fn }: { fn: () => Promise<any> }) => fn(),
        getInitiatorCredentials: async () => mockCredentials.user(),
        createTemporaryDirectory: async () => dir,
        task: { id: 'bench' },
      } as any);
      const seconds = (performance.now() - started) / 1000;
      const counts: Record<string, number> = {};
      for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
      return `${seconds.toFixed(2)} s (${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')})`;
    };

    const lines = [
      `kafka:environment:apply of a ${TOPICS}-topic Strimzi environment (${objects.length} resources) to the sandbox:`,
    ];
    lines.push(`  first apply (namespace created): ${await run({})}`);
    lines.push(`  again, nothing changed:          ${await run({})}`);
    lines.push(
      `  dry run (dryRun=All):            ${await run({ dryRun: true })}`,
    );
    return lines;
  } finally {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
