import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  createClock,
  DEFAULT_FLEET,
  Sandbox,
  seedFleet,
  startSandbox,
} from '@k8s-kafka/kube-sandbox';
import {
  createKubernetesClusterAccess,
  KubernetesClusterAccess,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import type { JsonObject } from '@backstage/types';
import YAML from 'yaml';
import { strictlyValidate } from '../__testUtils__/targetClusters';
import { readEnvironmentsConfig } from '../environments/config';
import { createKafkaEnvironmentCloneAction } from './cloneEnvironment';

jest.setTimeout(120_000);

const NOW = Date.parse('2026-12-07T09:00:00Z');

/**
 * The demo fleet (CFK 3.3, Strimzi 1.2 and 0.51, and the empty dev cluster), seeded and
 * reconciled by the simulator up to NOW, then held still: the live sources of the clones.
 */
describe('kafka:environment:clone', () => {
  let sandbox: Sandbox;
  let clusters: KubernetesClusterAccess;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    const clock = createClock({ speed: 0, start: NOW - 3 * 24 * 3600_000 });
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-clone-')),
      clusters: DEFAULT_FLEET.map(c => ({
        name: c.name,
        crdSets: [...c.crdSets],
      })),
      clock,
      simulator: {},
    });
    seedFleet(sandbox, { now: NOW, speed: 0 }).cancel();
    const config = mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: sandbox.clusters.map(c => ({
                name: c.name,
                url: c.url,
                caFile: c.caFile,
                authProvider: 'serviceAccount',
                serviceAccountToken: c.token,
              })),
            },
          ],
        },
      },
    });
    clusters = createKubernetesClusterAccess({
      config,
      logger: mockServices.logger.mock(),
      auth: mockServices.auth(),
      catalog: catalogServiceMock(),
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });
  beforeEach(() => workspace.clear());

  function action(limits: JsonObject = {}) {
    return createKafkaEnvironmentCloneAction({
      clusters,
      environments: readEnvironmentsConfig(
        mockServices.rootConfig({
          data: { kafkaClusters: { environments: { limits } } },
        }),
      ),
      now: () => new Date(NOW),
    });
  }

  async function run(input: Record<string, unknown>, dryRun = false) {
    const lines: string[] = [];
    const logger = {
      ...mockServices.logger.mock(),
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(`warn: ${m}`),
    };
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
      isDryRun: dryRun,
      logger: logger as any,
    });
    await action().handler(ctx);
    const outputs: Record<string, any> = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return { outputs, lines };
  }

  function written(folder: string) {
    const dir = path.join(workspace.path, folder);
    return Object.fromEntries(
      fs
        .readdirSync(dir)
        .sort()
        .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
    );
  }

  const sources = [
    // [Kubernetes cluster, namespace, Kafka, where the clone goes, topics to mirror]
    ['prod-us', 'orders', 'orders-kafka', 'staging', ['orders-created']],
    ['staging', 'shipping', 'shipping-kafka', 'staging', ['shipping-*']],
    ['prod-eu', 'kafka-platform', 'shared', 'prod-eu', ['payments.authorized']],
    ['prod-eu', 'payments', 'payments-kafka', 'prod-eu', ['payments.ledger']],
  ] as const;

  it.each(sources)(
    'clones %s %s/%s to resources that validate strictly on %s, without secret data',
    async (
      sourceCluster,
      sourceNamespace,
      sourceName,
      targetCluster,
      topics,
    ) => {
      const { outputs } = await run({
        sourceCluster,
        sourceNamespace,
        sourceName,
        targetCluster,
        namespace: `${sourceNamespace}-repro`,
        data: { topics: [...topics] },
      });
      const files = written(outputs.path);
      const objects = Object.entries(files)
        .filter(([f]) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
        .map(([, text]) => YAML.parse(text));
      expect(objects.length).toBe(outputs.resources.length);
      expect(strictlyValidate(sandbox, targetCluster, objects)).toEqual([]);
      // Every object is the clone's, owned by it and expiring in 72 hours.
      for (const o of objects) {
        expect(o.metadata.namespace).toBe(`${sourceNamespace}-repro`);
        expect(o.metadata.annotations['k8s-kafka.io/environment-id']).toBe(
          `${targetCluster}/${sourceNamespace}-repro/${sourceName}`,
        );
        expect(o.metadata.annotations['k8s-kafka.io/expires-at']).toBe(
          '2026-12-10T09:00:00Z',
        );
        expect(o.status).toBeUndefined();
        expect(o.metadata.uid).toBeUndefined();
      }
      // No Secret, no key material, no credential of the source's namespace.
      const all = Object.values(files).join('\n');
      expect(objects.map(o => o.kind)).not.toContain('Secret');
      expect(all).not.toMatch(/-----BEGIN|LS0tLS1CRUdJTi/);
      const secrets = sandbox
        .cluster(sourceCluster)
        .api.list('v1', 'Secret', sourceNamespace) as any[];
      for (const secret of secrets) {
        for (const value of Object.values(secret.data ?? {})) {
          expect(all).not.toContain(value as string);
        }
      }
      const record = JSON.parse(files['clone-record.json']);
      expect(record.source).toEqual({
        kubernetesCluster: sourceCluster,
        namespace: sourceNamespace,
        name: sourceName,
        live: true,
      });
      expect(record.delivery).toBe('pull-request');
      expect(record.data.topics.length).toBeGreaterThan(0);
    },
  );

  it('reads the live source: the Strimzi 1.2 cluster reports its listeners, and its generation is recorded', async () => {
    const { outputs, lines } = await run({
      sourceCluster: 'prod-us',
      sourceNamespace: 'orders',
      sourceName: 'orders-kafka',
      targetCluster: 'prod-us',
      namespace: 'orders-repro',
      name: 'orders-repro',
      data: { topics: ['orders-*'], groups: ['orders-api'] },
    });
    const files = written(outputs.path);
    const kafka = YAML.parse(files['kafka-orders-repro.yaml']);
    const generation = (
      sandbox
        .cluster('prod-us')
        .api.get(
          'kafka.strimzi.io/v1',
          'Kafka',
          'orders-kafka',
          'orders',
        ) as any
    ).metadata.generation;
    expect(kafka.metadata.annotations['k8s-kafka.io/cloned-from']).toBe(
      `prod-us/orders/Kafka/orders-kafka@${generation}`,
    );
    const mm2 = YAML.parse(files['kafkamirrormaker2-orders-repro-mirror.yaml']);
    expect(mm2.spec.mirrors[0].source.bootstrapServers).toBe(
      'orders-kafka-kafka-bootstrap.orders.svc:9093',
    );
    expect(mm2.spec.mirrors[0].topicsPattern).toBe(
      'orders-audit|orders-cancelled|orders-created|orders-fulfilled',
    );
    expect(outputs.path).toBe('clusters/prod-us/orders-repro/orders-repro');
    expect(outputs.files).toContain(
      'clusters/prod-us/orders-repro/orders-repro/clone-record.json',
    );
    expect(outputs.diff).toContain(
      '~ Kafka orders-kafka\n    renamed: metadata.name: "orders-kafka" -> "orders-repro"',
    );
    expect(lines[0]).toMatch(
      /^Read \d+ CFK and Strimzi resources of namespace orders on prod-us$/,
    );
    expect(lines).toContain(
      `Wrote the clone prod-us/orders-repro/orders-repro: ${outputs.resources.length} resources (0 of the source left out, 2 added for data) into clusters/prod-us/orders-repro/orders-repro`,
    );
  });

  it('clones from files in the workspace, as fetch:plain leaves them', async () => {
    // The files of the orders environment as a GitOps repository holds them.
    const source = sandbox
      .cluster('prod-us')
      .api.list('kafka.strimzi.io/v1', 'KafkaTopic', 'orders') as any[];
    workspace.setContent({
      source: {
        'kafka.yaml': YAML.stringify({
          apiVersion: 'kafka.strimzi.io/v1',
          kind: 'Kafka',
          metadata: { name: 'orders-kafka' },
          spec: {
            kafka: {
              listeners: [
                { name: 'tls', port: 9093, type: 'internal', tls: true },
              ],
            },
          },
        }),
        'topics.yaml': source
          .map(t =>
            YAML.stringify({
              apiVersion: t.apiVersion,
              kind: t.kind,
              metadata: { name: t.metadata.name, labels: t.metadata.labels },
              spec: t.spec,
            }),
          )
          .join('---\n'),
        'kustomization.yaml': YAML.stringify({
          namespace: 'orders',
          resources: ['kafka.yaml', 'topics.yaml'],
        }),
      },
    });
    const { outputs } = await run({
      sourcePath: 'source',
      sourceRepoUrl: 'github.com?owner=acme&repo=gitops',
      sourceNamespace: 'orders',
      sourceName: 'orders-kafka',
      targetCluster: 'staging',
      namespace: 'orders-repro',
    });
    const record = JSON.parse(written(outputs.path)['clone-record.json']);
    expect(record.source).toEqual({
      namespace: 'orders',
      name: 'orders-kafka',
      repoUrl: 'github.com?owner=acme&repo=gitops',
      path: 'source',
      live: false,
    });
    expect(
      outputs.resources.map((r: any) => `${r.kind}/${r.name}`).sort(),
    ).toEqual(
      [
        'Kafka/orders-kafka',
        ...source.map(t => `KafkaTopic/${t.metadata.name}`),
      ].sort(),
    );
  });

  it('writes its files in a dry run too', async () => {
    const { outputs } = await run(
      {
        sourceCluster: 'staging',
        sourceNamespace: 'shipping',
        sourceName: 'shipping-kafka',
        targetCluster: 'staging',
        namespace: 'shipping-preview',
      },
      true,
    );
    expect(Object.keys(written(outputs.path))).toContain(
      'kafka-shipping-kafka.yaml',
    );
  });

  it('with delivery by apply, stops before anything is applied when a Secret is missing, naming it', async () => {
    const input = {
      sourceCluster: 'prod-eu',
      sourceNamespace: 'payments',
      sourceName: 'payments-kafka',
      targetCluster: 'prod-eu',
      namespace: 'payments-apply',
      delivery: 'apply',
      data: { topics: ['payments.ledger'] },
    };
    await expect(run(input)).rejects.toThrow(
      "The clone needs Secrets that namespace 'payments-apply' of 'prod-eu' does not have (a clone never copies Secrets): ca-pair-sslcerts (tls.crt, tls.key)",
    );
    // Nothing was written for a clone that cannot run.
    expect(
      fs.existsSync(
        path.join(workspace.path, 'clusters/prod-eu/payments-apply'),
      ),
    ).toBe(false);

    // A platform team provides them; the check reads their names only.
    const api = sandbox.cluster('prod-eu').api;
    api.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments-apply' },
    } as any);
    for (const name of [
      'ca-pair-sslcerts',
      'clusterlink-source-creds',
      'clusterlink-source-tls',
      'credential',
      'password-encoder-secret',
    ]) {
      api.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: 'payments-apply' },
        data: { 'x.txt': Buffer.from(`secret-${name}`).toString('base64') },
      } as any);
    }
    const { outputs, lines } = await run(input);
    expect(outputs.requiredSecrets.map((s: any) => s.name)).toEqual([
      'ca-pair-sslcerts',
      'clusterlink-source-creds',
      'clusterlink-source-tls',
      'credential',
      'password-encoder-secret',
    ]);
    expect(lines).toContain(
      'The 5 Secrets the clone needs exist in payments-apply (checked by name only)',
    );
  });

  it.each([
    [{ sourceCluster: undefined }, 'Name the source: sourceCluster'],
    [
      { sourceCluster: 'nowhere' },
      "sourceCluster 'nowhere' is not a configured Kubernetes cluster",
    ],
    [
      { sourceName: 'nope' },
      "The source has no Kafka 'nope' in namespace 'shipping'",
    ],
    [
      { targetCluster: 'prod-us' },
      "The source is kafka.strimzi.io/v1beta2; a clone keeps its source's API version, and v1beta2 is not served by Kubernetes cluster 'prod-us' (it serves v1)",
    ],
    [
      { namespace: 'shipping', targetCluster: 'staging' },
      'The clone must go to another namespace',
    ],
    [{ name: 'Bad_Name' }, 'Invalid input: name:'],
    [
      { data: { topics: ['nothing-*'] } },
      "data.topics: 'nothing-*' matches no topic of the source",
    ],
    [
      { connectors: ['nope'] },
      "connectors: 'nope' is not a KafkaConnector of the source",
    ],
    [
      { targetPath: '../outside' },
      "targetPath '../outside' is not a folder inside the workspace",
    ],
    [{ profile: 'huge' }, 'Invalid input: profile:'],
  ])(
    'refuses bad input before writing anything: %j',
    async (change, message) => {
      const input = {
        sourceCluster: 'staging',
        sourceNamespace: 'shipping',
        sourceName: 'shipping-kafka',
        targetCluster: 'staging',
        namespace: 'shipping-repro',
        ...change,
      };
      const error = await run(input).then(
        () => undefined,
        e => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(message);
      expect(fs.readdirSync(workspace.path)).toEqual([]);
    },
  );

  it('keeps to the platform limits', async () => {
    const limited = createKafkaEnvironmentCloneAction({
      clusters,
      environments: readEnvironmentsConfig(
        mockServices.rootConfig({
          data: {
            kafkaClusters: {
              environments: { limits: { allowedOperators: ['strimzi'] } },
            },
          },
        }),
      ),
    });
    await expect(
      limited.handler(
        createMockActionContext({
          input: {
            sourceCluster: 'prod-eu',
            sourceNamespace: 'payments',
            sourceName: 'payments-kafka',
            targetCluster: 'prod-eu',
            namespace: 'payments-repro',
          } as any,
          workspacePath: workspace.path,
        }),
      ),
    ).rejects.toThrow(
      'The source runs on Confluent for Kubernetes, which the platform does not allow (limit allowedOperators: strimzi)',
    );
  });
});
