import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { setupServer } from 'msw/node';
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

/** What a reviewer expects in the pull request, written by hand: the repository's tree. */
const EXPECTED = path.resolve(
  __dirname,
  '__fixtures__/pull-request/strimzi-dev',
);

const TOKEN = 'ghp_the-integration-token-of-the-test';

const VALUES = {
  service: 'component:default/payments',
  owner: 'group:default/team-checkout',
  name: 'payments-kafka',
  namespace: 'payments',
  targetCluster: 'prod-us',
  operator: 'strimzi',
  profile: 'dev',
  topics: ['payments.authorized', 'payments.refunded'],
  partitions: 6,
  delivery: 'pull-request',
  repoUrl: 'github.com?owner=acme&repo=gitops',
};

describe('the kafka-environment template, delivered as a pull request', () => {
  const github = githubDouble({ owner: 'acme', repo: 'gitops' });
  const msw = setupServer(...github.handlers);
  let targets: TargetClusters;

  beforeAll(async () => {
    targets = await startTargetClusters();
    msw.listen({
      // GitHub gets only what the double serves; everything else (the sandbox's API
      // servers, the test backend itself) goes through untouched.
      onUnhandledRequest(req, print) {
        if (/(^|\.)github\.com$/.test(new URL(req.url).hostname)) print.error();
      },
    });
  });
  afterAll(async () => {
    msw.close();
    await targets?.stop();
  });

  it('opens a pull request that carries exactly the rendered files, and links to it', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleKafkaEnvironments,
        githubModule,
        catalogServiceMock.factory({
          entities: [MOCK_USER, templateEntity('kafka-environment-create')],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost' },
            kubernetes: targets.kubernetesConfig,
            integrations: { github: [{ host: 'github.com', token: TOKEN }] },
          },
        }),
      ],
    });
    const { server } = backend;
    try {
      const { created, status, events } = await runTemplateTask(
        server,
        'template:default/kafka-environment',
        VALUES,
      );
      expect(created).toBe(201);
      const completion = events.find(e => e.type === 'completion');
      // The task log tells why, should it have failed.
      expect({
        status,
        log: status === 'completed' ? [] : events.map(e => e.body.message),
      }).toEqual({ status: 'completed', log: [] });

      // The tree: exactly the hand-written files, under the cluster's GitOps folder.
      expect(github.committedFiles()).toEqual(filesUnder(EXPECTED));
      // On top of the default branch's tree, as one commit on a new branch.
      expect(github.record.trees).toHaveLength(1);
      expect(github.record.trees[0].base_tree).toBe('base-tree');
      expect(github.record.trees[0].tree.map(({ mode }) => mode)).toEqual(
        Array(6).fill('100644'),
      );
      const [commit] = github.record.commits;
      expect(github.record.commits).toEqual([
        {
          sha: commit.sha,
          message: 'Kafka environment prod-us/payments/payments-kafka',
          tree: github.record.trees[0].sha,
          parents: ['base-commit'],
        },
      ]);
      const branch = 'kafka-environment-prod-us-payments-payments-kafka';
      expect(github.record.refs).toEqual([
        { ref: `refs/heads/${branch}`, sha: commit.sha },
      ]);
      expect(github.record.pulls).toEqual([
        {
          number: 1,
          title: 'Kafka environment prod-us/payments/payments-kafka',
          head: `acme:${branch}`,
          base: 'main',
          draft: false,
          body: 'Adds the strimzi resources of the Kafka environment prod-us/payments/payments-kafka (dev).\n\nSecrets the namespace needs (names and keys only): none.\n',
        },
      ]);
      // Through the integration's own token.
      expect([...github.record.authorizations]).toEqual([`token ${TOKEN}`]);

      expect(completion?.body.output).toEqual({
        links: [
          {
            title: 'Pull request',
            url: 'https://github.com/acme/gitops/pull/1',
          },
          {
            title: 'Kafka tab of the service',
            url: '/catalog/default/component/payments/kafka',
          },
        ],
      });
    } finally {
      await backend.stop();
    }
  });
});
