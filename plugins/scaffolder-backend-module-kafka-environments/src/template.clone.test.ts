import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { githubDouble } from './__testUtils__/githubDouble';
import {
  filesUnder,
  MOCK_USER,
  runTemplateTask,
  templateEntity,
} from './__testUtils__/templates';
import {
  startTargetClusters,
  TargetClusters,
} from './__testUtils__/targetClusters';
import { scaffolderModuleKafkaEnvironments } from './module';

jest.setTimeout(120_000);

/** What a reviewer expects in the pull request, written by hand (expires-at left open). */
const EXPECTED = path.resolve(__dirname, '__fixtures__/pull-request/clone');
const TOKEN = 'ghp_the-integration-token-of-the-test';
const FOLDER = 'clusters/prod-us/orders-repro/orders-kafka';

const API = 'kafka.strimzi.io/v1';
const cluster = { 'strimzi.io/cluster': 'orders-kafka' };

/** A small production environment of the orders service on prod-us (Strimzi 1.2). */
const SOURCE = [
  {
    apiVersion: API,
    kind: 'Kafka',
    metadata: {
      name: 'orders-kafka',
      namespace: 'orders',
      labels: { 'backstage.io/kubernetes-id': 'orders' },
      annotations: { 'k8s-kafka.io/owner': 'group:default/checkout' },
    },
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
          'offsets.topic.replication.factor': 3,
          'default.replication.factor': 3,
          'min.insync.replicas': 2,
        },
      },
      entityOperator: { topicOperator: {}, userOperator: {} },
    },
  },
  {
    apiVersion: API,
    kind: 'KafkaNodePool',
    metadata: { name: 'dual', namespace: 'orders', labels: cluster },
    spec: {
      replicas: 3,
      roles: ['controller', 'broker'],
      storage: {
        type: 'jbod',
        volumes: [
          {
            id: 0,
            type: 'persistent-claim',
            size: '100Gi',
            kraftMetadata: 'shared',
          },
        ],
      },
    },
  },
  {
    apiVersion: API,
    kind: 'KafkaTopic',
    metadata: { name: 'orders-created', namespace: 'orders', labels: cluster },
    spec: { partitions: 6, replicas: 3 },
  },
  {
    apiVersion: API,
    kind: 'KafkaUser',
    metadata: { name: 'orders-api', namespace: 'orders', labels: cluster },
    spec: { authentication: { type: 'tls' } },
  },
];

const VALUES = {
  service: 'component:default/orders',
  source: { cluster: 'prod-us', namespace: 'orders', name: 'orders-kafka' },
  namespace: 'orders-repro',
  expiresInHours: 48,
  mirror: true,
  topics: ['orders-*'],
  groups: ['orders-api'],
  delivery: 'pull-request',
  targetCluster: 'prod-us',
  repoUrl: 'github.com?owner=acme&repo=gitops',
};

describe('the kafka-environment-clone template', () => {
  const github = githubDouble({ owner: 'acme', repo: 'gitops' });
  const msw = setupServer(...github.handlers);
  let targets: TargetClusters;

  beforeAll(async () => {
    targets = await startTargetClusters();
    const api = targets.sandbox.cluster('prod-us').api;
    for (const ns of ['orders', 'orders-preview']) {
      api.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      } as any);
    }
    for (const object of SOURCE) api.create(structuredClone(object) as any);
    // What a platform team provides where clones of orders-kafka may go.
    for (const name of ['orders-kafka-source-ca', 'orders-kafka-source-user']) {
      api.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: 'orders-preview' },
        data: { value: Buffer.from(`not-a-real-${name}`).toString('base64') },
      } as any);
    }
    msw.listen({
      onUnhandledRequest(req, print) {
        if (/(^|\.)github\.com$/.test(new URL(req.url).hostname)) print.error();
      },
    });
  });
  afterAll(async () => {
    msw.close();
    await targets?.stop();
  });

  async function backend(extra: Record<string, unknown> = {}) {
    return startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleKafkaEnvironments,
        githubModule,
        catalogServiceMock.factory({
          entities: [MOCK_USER, templateEntity('kafka-environment-clone')],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost' },
            kubernetes: targets.kubernetesConfig,
            integrations: { github: [{ host: 'github.com', token: TOKEN }] },
            ...extra,
          },
        }),
      ],
    });
  }

  it('clones the live environment into a pull request that carries exactly the expected files', async () => {
    const started = Date.now();
    const test = await backend();
    try {
      const { created, status, events } = await runTemplateTask(
        test.server,
        'template:default/kafka-environment-clone',
        VALUES,
      );
      expect(created).toBe(201);
      expect({
        status,
        log: status === 'completed' ? [] : events.map(e => e.body.message),
      }).toEqual({ status: 'completed', log: [] });
      const ended = Date.now();

      const files = github.committedFiles();
      // The expiry is counted from when the task ran: 48 hours after a moment of this test.
      const expiresAt = /k8s-kafka\.io\/expires-at: (\S+)/.exec(
        files[`${FOLDER}/kafka-orders-kafka.yaml`] ?? '',
      )?.[1];
      expect(expiresAt).toBeDefined();
      const at = Date.parse(expiresAt!);
      expect(at).toBeGreaterThanOrEqual(
        Math.floor(started / 1000) * 1000 + 48 * 3600_000,
      );
      expect(at).toBeLessThanOrEqual(ended + 48 * 3600_000);

      const record = JSON.parse(files[`${FOLDER}/clone-record.json`]);
      const yamlFiles = Object.fromEntries(
        Object.entries(files)
          .filter(([name]) => !name.endsWith('clone-record.json'))
          .map(([name, text]) => [
            name,
            text.split(expiresAt!).join('EXPIRES_AT'),
          ]),
      );
      expect(yamlFiles).toEqual(filesUnder(EXPECTED));

      expect({
        source: record.source,
        target: record.target,
        profile: record.profile,
        delivery: record.delivery,
        expiresAt: record.expiresAt,
        data: record.data,
        dropped: record.dropped,
        added: record.added,
      }).toEqual({
        source: {
          kubernetesCluster: 'prod-us',
          namespace: 'orders',
          name: 'orders-kafka',
          live: true,
        },
        target: {
          kubernetesCluster: 'prod-us',
          namespace: 'orders-repro',
          name: 'orders-kafka',
        },
        profile: 'ephemeral',
        delivery: 'pull-request',
        expiresAt,
        data: {
          topics: ['orders-created'],
          groups: ['orders-api'],
          source: {
            bootstrap: 'orders-kafka-kafka-bootstrap.orders.svc:9093',
            listener: 'tls',
            tls: true,
            authentication: 'tls',
          },
        },
        dropped: [],
        added: [
          {
            kind: 'KafkaUser',
            name: 'orders-kafka-mirror',
            reason: 'replicates orders-created from the source',
          },
          {
            kind: 'KafkaMirrorMaker2',
            name: 'orders-kafka-mirror',
            reason: 'replicates orders-created from the source',
          },
        ],
      });
      // The source's replication figures, as they were, for promote.
      expect(record.transforms).toContainEqual({
        step: 'ephemeral-size',
        kind: 'KafkaNodePool',
        name: 'dual',
        changes: [
          { path: 'spec.replicas', from: 3, to: 1 },
          { path: 'spec.storage.volumes[0].size', from: '100Gi', to: '10Gi' },
        ],
      });

      const branch = 'kafka-clone-prod-us-orders-repro-orders-kafka';
      expect(github.record.refs).toEqual([
        { ref: `refs/heads/${branch}`, sha: github.record.commits[0].sha },
      ]);
      const [pull] = github.record.pulls;
      expect(pull.title).toBe(
        'Kafka clone prod-us/orders-repro/orders-kafka of prod-us/orders/orders-kafka',
      );
      expect(pull.body).toContain(
        `A clone of the Kafka environment prod-us/orders/orders-kafka, expiring ${expiresAt}.`,
      );
      expect(pull.body).toContain(
        'Secrets the namespace needs (names and keys only): orders-kafka-source-ca (ca.crt)',
      );
      expect(pull.body).toContain('~ KafkaNodePool dual');
      const completion = events.find(e => e.type === 'completion');
      expect(completion?.body.output.links).toEqual([
        { title: 'Pull request', url: 'https://github.com/acme/gitops/pull/1' },
        {
          title: 'Kafka tab of the service',
          url: '/catalog/default/component/orders/kafka',
        },
      ]);
    } finally {
      await test.stop();
    }
  });

  it('dry-runs with delivery by apply: the files, the Secrets checked, every resource checked by the API server, nothing stored', async () => {
    const test = await backend({
      kafkaClusters: {
        kubernetesClusters: {
          'prod-us': { apply: { enabled: true, namespaces: ['orders-*'] } },
        },
      },
    });
    try {
      const res = await request(test.server)
        .post('/api/scaffolder/v2/dry-run')
        .send({
          template: templateEntity('kafka-environment-clone'),
          values: {
            ...VALUES,
            namespace: 'orders-preview',
            delivery: 'apply',
            applyCluster: 'prod-us',
          },
          directoryContents: [],
        });
      expect({
        status: res.status,
        body: res.status === 200 ? undefined : res.body,
      }).toEqual({ status: 200, body: undefined });
      const folder = 'clusters/prod-us/orders-preview/orders-kafka';
      expect(
        (res.body.directoryContents as { path: string }[])
          .map(f => f.path)
          .sort(),
      ).toEqual(
        [
          'clone-record.json',
          'kafka-orders-kafka.yaml',
          'kafkamirrormaker2-orders-kafka-mirror.yaml',
          'kafkanodepool-dual.yaml',
          'kafkatopic-orders-created.yaml',
          'kafkauser-orders-api.yaml',
          'kafkauser-orders-kafka-mirror.yaml',
          'kustomization.yaml',
        ].map(f => `${folder}/${f}`),
      );
      const logOf = (stepId: string) =>
        (res.body.log as { body: { stepId?: string; message: string } }[])
          .filter(l => l.body.stepId === stepId)
          // The task logger colours the level.
          .map(l =>
            l.body.message
              // eslint-disable-next-line no-control-regex
              .replace(/\u001b\[\d+m/g, '')
              .replace(/^(info|warn): /, ''),
          );
      // The Secrets the mirror needs are there (by name); nothing of the pull request ran.
      expect(logOf('clone')).toContain(
        'The 2 Secrets the clone needs exist in orders-preview (checked by name only)',
      );
      expect(logOf('publish')).toContain(
        'Skipping step publish because its if condition was false',
      );
      expect(logOf('apply').join('\n')).toContain('(dry run)');
      const api = targets.sandbox.cluster('prod-us').api;
      expect(api.list(API, 'Kafka', 'orders-preview')).toEqual([]);
    } finally {
      await test.stop();
    }
  });
});
