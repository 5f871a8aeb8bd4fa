// The time kafka:environment:apply takes to apply a 1,000-topic environment to the sandbox:
// the action as the scaffolder runs it (cluster access, checks, one server-side apply per
// resource), against one in-process sandbox cluster. Prints; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createKubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { createKafkaEnvironmentApplyAction } from '@k8s-kafka/plugin-scaffolder-backend-module-kafka-environments';
import { ANNOTATION_ENVIRONMENT_ID } from '@k8s-kafka/plugin-kafka-clusters-common';
import { startSandbox } from '@k8s-kafka/kube-sandbox';
import YAML from 'yaml';

const TOPICS = 1000;

/**
 * A development Strimzi environment (`kafka.strimzi.io/v1`: one dual-role node, its topics) as
 * kafka:environment:create writes one, every object with the environment id (a copy of the
 * apply action tests' fixture).
 */
function strimziEnvironment(
  namespace: string,
  name: string,
  options: { id?: string; topics?: string[] } = {},
): Record<string, any>[] {
  const apiVersion = 'kafka.strimzi.io/v1';
  const labels = {
    'app.kubernetes.io/part-of': name,
    'app.kubernetes.io/managed-by': 'backstage',
  };
  const metadata = (
    objectName: string,
    extra: Record<string, string> = {},
  ) => ({
    name: objectName,
    namespace,
    labels: { ...labels, ...extra },
    annotations: { [ANNOTATION_ENVIRONMENT_ID]: options.id ?? `env-${name}` },
  });
  const cluster = { 'strimzi.io/cluster': name };
  return [
    {
      apiVersion,
      kind: 'KafkaNodePool',
      metadata: metadata(`${name}-dual-role`, cluster),
      spec: {
        replicas: 1,
        roles: ['controller', 'broker'],
        storage: {
          type: 'jbod',
          volumes: [
            {
              id: 0,
              type: 'persistent-claim',
              size: '10Gi',
              deleteClaim: false,
              kraftMetadata: 'shared',
            },
          ],
        },
      },
    },
    {
      apiVersion,
      kind: 'Kafka',
      metadata: metadata(name),
      spec: {
        kafka: {
          listeners: [
            {
              name: 'tls',
              port: 9093,
              type: 'internal',
              tls: true,
              authentication: { type: 'tls' },
            },
          ],
          authorization: { type: 'simple' },
          config: {
            'offsets.topic.replication.factor': 1,
            'transaction.state.log.replication.factor': 1,
            'transaction.state.log.min.isr': 1,
            'default.replication.factor': 1,
            'min.insync.replicas': 1,
          },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
    },
    ...(options.topics ?? [`${name}-events`]).map(topic => ({
      apiVersion,
      kind: 'KafkaTopic',
      metadata: metadata(topic, cluster),
      spec: { partitions: 3, replicas: 1 },
    })),
  ];
}

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

    const objects = strimziEnvironment('bench', 'bench-kafka', {
      id: 'bench-environment',
      topics: Array.from({ length: TOPICS }, (_, i) => `bench-topic-${i}`),
    });
    const workspace = path.join(dir, 'workspace');
    const folder = path.join(workspace, 'kafka', 'bench-kafka');
    fs.mkdirSync(folder, { recursive: true });
    for (const object of objects) {
      fs.writeFileSync(
        path.join(folder, `${object.kind}-${object.metadata.name}.yaml`),
        YAML.stringify(object),
      );
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
