import fs from 'node:fs';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { setupServer } from 'msw/node';
import request from 'supertest';
import YAML from 'yaml';
import { githubDouble } from './__testUtils__/githubDouble';
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
/** What a reviewer expects in the pull request, written by hand: the repository's tree. */
const EXPECTED = path.resolve(
  __dirname,
  '__fixtures__/pull-request/strimzi-dev',
);

const TOKEN = 'ghp_the-integration-token-of-the-test';

const USER = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'mock', namespace: 'default' },
  spec: {},
};

/** The create template as the catalog would hold it. */
function templateEntity() {
  const entity = YAML.parse(fs.readFileSync(TEMPLATE, 'utf8'));
  entity.metadata.namespace = 'default';
  return entity;
}

/** Every file under a folder, by its path relative to it. */
function filesUnder(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        files[path.relative(root, full).split(path.sep).join('/')] =
          fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(root);
  return files;
}

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
        catalogServiceMock.factory({ entities: [USER, templateEntity()] }),
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
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .send({
          templateRef: 'template:default/kafka-environment',
          values: VALUES,
        });
      expect({ status: created.status, body: created.body }).toEqual({
        status: 201,
        body: { id: expect.any(String) },
      });
      const taskId = created.body.id;

      let status = 'open';
      for (
        let i = 0;
        i < 600 && !['completed', 'failed', 'cancelled'].includes(status);
        i++
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
        status = (
          await request(server).get(`/api/scaffolder/v2/tasks/${taskId}`)
        ).body.status;
      }
      const events = (
        await request(server).get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      ).body as { type: string; body: { message?: string; output?: any } }[];
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
