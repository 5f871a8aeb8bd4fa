import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  RunningBackend,
  RunningSandbox,
  startBackend,
  startSandboxProcess,
  waitFor,
  writeSuiteConfig,
} from './lib/portal';
import { BackendApi, backendApi, runTemplateTask } from './lib/tasks';

/*
 * kafka:environment:apply in the running portal: a template's task applies a Strimzi environment
 * to the demo fleet's dev cluster with the backend's own credentials, waits on the kafka-clusters
 * backend's verdict (service to service) while the simulator provisions it, and ends healthy.
 */

const NAMESPACE = 'team-b';
const NAME = 'suite-apply-kafka';

/** A development Strimzi environment, as kafka:environment:create writes one, with its id. */
function environmentFiles(): Record<string, string> {
  const apiVersion = 'kafka.strimzi.io/v1';
  const metadata = (name: string, labels: Record<string, string> = {}) => ({
    name,
    namespace: NAMESPACE,
    labels: { 'app.kubernetes.io/part-of': NAME, ...labels },
    annotations: { 'k8s-kafka.io/environment-id': `suite-${NAME}` },
  });
  const cluster = { 'strimzi.io/cluster': NAME };
  const objects = [
    {
      apiVersion,
      kind: 'KafkaNodePool',
      metadata: metadata(`${NAME}-dual-role`, cluster),
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
      metadata: metadata(NAME),
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
    {
      apiVersion,
      kind: 'KafkaTopic',
      metadata: metadata(`${NAME}-events`, cluster),
      spec: { partitions: 3, replicas: 1 },
    },
  ];
  return Object.fromEntries(
    objects.map(o => [
      `${o.kind.toLowerCase()}-${o.metadata.name}.yaml`,
      YAML.stringify(o),
    ]),
  );
}

describe('kafka:environment:apply in the portal', () => {
  let sandbox: RunningSandbox;
  let backend: RunningBackend;
  let config: Awaited<ReturnType<typeof writeSuiteConfig>>;
  /** Requests as a guest, once the backend is up. */
  let api: BackendApi;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-apply-suite-'));

  beforeAll(async () => {
    const skeleton = path.join(dir, 'skeleton');
    fs.mkdirSync(skeleton, { recursive: true });
    for (const [file, content] of Object.entries(environmentFiles())) {
      fs.writeFileSync(path.join(skeleton, file), content);
    }
    const template = path.join(dir, 'template.yaml');
    fs.writeFileSync(
      template,
      YAML.stringify({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'suite-apply', title: 'Apply (suite)' },
        spec: {
          owner: 'platform',
          type: 'kafka-environment',
          parameters: [{ properties: {} }],
          steps: [
            {
              id: 'fetch',
              action: 'fetch:plain',
              input: { url: './skeleton', targetPath: 'kafka/env' },
            },
            {
              id: 'apply',
              action: 'kafka:environment:apply',
              input: {
                cluster: 'dev',
                path: 'kafka/env',
                waitUntilHealthy: true,
                timeoutSeconds: 240,
              },
            },
          ],
          output: { health: '${{ steps.apply.output.health }}' },
        },
      }),
    );
    sandbox = await startSandboxProcess();
    const locations = (
      sandbox.appConfig() as { catalog: { locations: unknown[] } }
    ).catalog.locations;
    config = await writeSuiteConfig(sandbox, {
      catalog: {
        locations: [...locations, { type: 'file', target: template }],
      },
    });
    backend = await startBackend(sandbox, config);
    api = backendApi(backend, await backend.guestToken());
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
    config?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies to dev, reports progress from the kafka-clusters verdict to healthy, and the Kafka is healthy there', async () => {
    await waitFor(
      'the suite template in the catalog',
      async () =>
        (
          await api(
            'GET',
            '/api/catalog/entities/by-name/template/default/suite-apply',
          )
        ).status === 200 || undefined,
      60_000,
    );
    const { log } = await runTemplateTask(api, backend, {
      templateRef: 'template:default/suite-apply',
      values: {},
      timeoutMs: 240_000,
    });
    const ref = `dev/${NAMESPACE}/${NAME}`;
    const progress = log.filter(l => l.includes(`Kafka ${ref}:`));
    expect(progress.some(l => /0\/1 brokers ready|not seen/.test(l))).toBe(
      true,
    );
    expect(progress.at(-1)).toContain('healthy: 1/1 brokers ready');
    expect(log.join('\n')).toContain(`Kafka ${NAMESPACE}/${NAME} created`);

    const { status, body } = await api(
      'GET',
      `/api/kafka-clusters/clusters/dev/namespaces/${NAMESPACE}/kafkas/${NAME}`,
    );
    expect(status).toBe(200);
    expect(body.status.health).toBe('healthy');
  }, 300_000);
});
