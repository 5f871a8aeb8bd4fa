import fs from 'node:fs';
import path from 'node:path';
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
import { scaffolderModuleKafkaEnvironments } from './module';

jest.setTimeout(120_000);

const TEMPLATE = path.resolve(
  __dirname,
  '../../../templates/kafka-environment-create/template.yaml',
);
const template = YAML.parse(fs.readFileSync(TEMPLATE, 'utf8'));

const USER = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'mock', namespace: 'default' },
  spec: {},
};

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
          catalogServiceMock.factory({ entities: [USER] }),
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
  });
});
