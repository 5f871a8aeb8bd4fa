import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import Ajv from 'ajv';
import request from 'supertest';
import YAML from 'yaml';
import {
  startTargetClusters,
  TargetClusters,
} from './__testUtils__/targetClusters';
import { MOCK_USER } from './__testUtils__/templates';
import { scaffolderModuleKafkaEnvironments } from './module';

jest.setTimeout(120_000);

const TEMPLATE = path.resolve(
  __dirname,
  '../../../templates/kafka-environment-create/template.yaml',
);
const template = YAML.parse(fs.readFileSync(TEMPLATE, 'utf8'));

const VALUES = {
  service: 'component:default/payments',
  owner: 'group:default/team-checkout',
  name: 'payments-kafka',
  namespace: 'payments',
  targetCluster: 'prod-us',
  operator: 'strimzi',
  profile: 'staging',
  topics: ['payments.authorized', 'payments.refunded'],
  partitions: 6,
  components: { connect: true },
  delivery: 'pull-request',
  repoUrl: 'github.com?owner=acme&repo=gitops',
};

describe('the kafka-environment template', () => {
  describe("its form's schema refuses what the action refuses", () => {
    // Every page's schema in one, as the form checks the pages in turn.
    const validate = new Ajv({ strict: false, allErrors: true }).compile({
      type: 'object',
      required: template.spec.parameters.flatMap((p: any) => p.required ?? []),
      properties: Object.assign(
        {},
        ...template.spec.parameters.map((p: any) => p.properties),
      ),
    });
    it('accepts the example values', () => {
      expect(validate(VALUES)).toBe(true);
    });
    it.each([
      ['1e9 partitions', { partitions: 1e9 }],
      [
        '10,000 topics',
        { topics: Array.from({ length: 10_000 }, (_, i) => `t${i}`) },
      ],
      ['a duplicate topic', { topics: ['a', 'a'] }],
      ['an upper-case topic', { topics: ['Orders'] }],
      ['a long name', { name: 'a'.repeat(41) }],
      ['an unknown cluster', { targetCluster: 'nowhere' }],
      ['an unknown component', { components: { zookeeper: true } }],
      ['a bad storage quantity', { storagePerBroker: '1PB' }],
      ['an unknown delivery', { delivery: 'email' }],
    ])('%s', (_, change) => {
      expect(validate({ ...VALUES, ...change })).toBe(false);
    });
  });

  describe('POST /api/scaffolder/v2/dry-run', () => {
    let targets: TargetClusters;
    beforeAll(async () => {
      targets = await startTargetClusters();
    });
    afterAll(() => targets?.stop());

    it('returns every rendered file', async () => {
      const { server } = await startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleKafkaEnvironments,
          githubModule,
          catalogServiceMock.factory({ entities: [MOCK_USER] }),
          mockServices.rootConfig.factory({
            data: {
              backend: { baseUrl: 'http://localhost' },
              kubernetes: targets.kubernetesConfig,
              // The pull request step checks for a token even in a dry run; it calls nothing.
              integrations: {
                github: [{ host: 'github.com', token: 'not-a-real-token' }],
              },
            },
          }),
        ],
      });
      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .send({ template, values: VALUES, directoryContents: [] });
      expect({
        status: res.status,
        body: res.status === 200 ? undefined : res.body,
      }).toEqual({ status: 200, body: undefined });
      const step = res.body.steps.find((s: any) => s.id === 'render');
      expect(step).toBeDefined();
      const files = (
        res.body.directoryContents as { path: string; base64Content: string }[]
      )
        .map(f => f.path)
        .sort();
      const folder = 'clusters/prod-us/payments/payments-kafka';
      expect(files).toEqual(
        [
          'kafka-payments-kafka.yaml',
          'kafkaconnect-payments-kafka-connect.yaml',
          'kafkanodepool-payments-kafka-broker.yaml',
          'kafkanodepool-payments-kafka-controller.yaml',
          'kafkatopic-payments.authorized.yaml',
          'kafkatopic-payments.refunded.yaml',
          'kafkauser-payments.yaml',
          'kafkauser-payments-kafka-connect.yaml',
          'kustomization.yaml',
        ]
          .map(f => `${folder}/${f}`)
          .sort(),
      );
      const kustomization = res.body.directoryContents.find((f: any) =>
        f.path.endsWith('kustomization.yaml'),
      );
      expect(
        YAML.parse(
          Buffer.from(kustomization.base64Content, 'base64').toString(),
        ).resources,
      ).toHaveLength(8);
    });

    it('with delivery apply, renders for the apply cluster and has the API server check every resource there, storing nothing', async () => {
      // staging (Strimzi 0.51) stands for a development cluster: open to apply in team-*.
      const staging = targets.sandbox.cluster('staging').api;
      staging.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team-a' },
      } as any);
      const { server } = await startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleKafkaEnvironments,
          githubModule,
          catalogServiceMock.factory({ entities: [MOCK_USER] }),
          mockServices.rootConfig.factory({
            data: {
              backend: { baseUrl: 'http://localhost' },
              kubernetes: targets.kubernetesConfig,
              kafkaClusters: {
                kubernetesClusters: {
                  staging: { apply: { enabled: true, namespaces: ['team-*'] } },
                },
              },
            },
          }),
        ],
      });
      const { repoUrl: _, ...values } = VALUES;
      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .send({
          template,
          values: {
            ...values,
            namespace: 'team-a',
            // The apply cluster decides where the environment is rendered for.
            targetCluster: 'prod-us',
            delivery: 'apply',
            applyCluster: 'staging',
            waitUntilHealthy: true,
          },
          directoryContents: [],
        });
      expect({
        status: res.status,
        body: res.status === 200 ? undefined : res.body,
      }).toEqual({ status: 200, body: undefined });
      expect(res.body.steps.map((s: any) => s.id)).toEqual([
        'render',
        'publish',
        'apply',
      ]);
      const folder = 'clusters/staging/team-a/payments-kafka';
      expect(
        (res.body.directoryContents as { path: string }[])
          .map(f => f.path)
          .sort(),
      ).toEqual(
        [
          'kafka-payments-kafka.yaml',
          'kafkaconnect-payments-kafka-connect.yaml',
          'kafkanodepool-payments-kafka-broker.yaml',
          'kafkanodepool-payments-kafka-controller.yaml',
          'kafkatopic-payments.authorized.yaml',
          'kafkatopic-payments.refunded.yaml',
          'kafkauser-payments.yaml',
          'kafkauser-payments-kafka-connect.yaml',
          'kustomization.yaml',
        ]
          .map(f => `${folder}/${f}`)
          .sort(),
      );
      const logOf = (stepId: string) =>
        (res.body.log as { body: { stepId?: string; message: string } }[])
          .filter(l => l.body.stepId === stepId)
          // The task logger colours the level.
          .map(l => stripVTControlCharacters(l.body.message));
      expect(logOf('publish')).toEqual([
        'Beginning step Open a pull request',
        'Skipping step publish because its if condition was false',
      ]);
      // Every resource went to the API server as a dry run (dryRun=All), none was stored.
      expect(logOf('apply')).toEqual([
        'Beginning step Apply to the development cluster',
        expect.stringMatching(
          /^info: Running kafka:environment:apply in dry-run mode/,
        ),
        'info: Kafka team-a/payments-kafka created (dry run)',
        'info: KafkaConnect team-a/payments-kafka-connect created (dry run)',
        'info: KafkaNodePool team-a/payments-kafka-broker created (dry run)',
        'info: KafkaNodePool team-a/payments-kafka-controller created (dry run)',
        'info: KafkaTopic team-a/payments.authorized created (dry run)',
        'info: KafkaTopic team-a/payments.refunded created (dry run)',
        'info: KafkaUser team-a/payments-kafka-connect created (dry run)',
        'info: KafkaUser team-a/payments created (dry run)',
        'info: Not waiting for health in a dry run',
        'Finished step Apply to the development cluster',
      ]);
      expect(staging.list('kafka.strimzi.io/v1', 'Kafka', 'team-a')).toEqual(
        [],
      );
      expect(
        staging.list('kafka.strimzi.io/v1', 'KafkaTopic', 'team-a'),
      ).toEqual([]);
    });
  });
});
