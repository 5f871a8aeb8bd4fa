import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import YAML from 'yaml';
import {
  startTargetClusters,
  TargetClusters,
} from '../__testUtils__/targetClusters';
import { createMatrix } from '../__testUtils__/createMatrix';
import { createKafkaEnvironmentCreateAction } from './createEnvironment';

jest.setTimeout(120_000);

const BASE = {
  name: 'orders-kafka',
  namespace: 'orders',
  operator: 'strimzi',
  targetCluster: 'prod-us',
  service: 'orders',
  owner: 'group:default/team-checkout',
};
const CFK = { ...BASE, operator: 'cfk', targetCluster: 'prod-eu' };

describe('kafka:environment:create', () => {
  const workspace = createMockDirectory();
  let targets: TargetClusters;
  beforeAll(async () => {
    targets = await startTargetClusters();
  });
  afterAll(() => targets?.stop());
  beforeEach(() => workspace.clear());

  async function run(
    input: Record<string, unknown>,
    options: { environments?: JsonObject; dryRun?: boolean } = {},
  ) {
    const action = createKafkaEnvironmentCreateAction(
      targets.actionOptions(options.environments),
    );
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      ...(options.dryRun ? { isDryRun: true } : {}),
    };
    await action.handler(ctx);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return { ctx, outputs };
  }

  async function refused(
    input: Record<string, unknown>,
    message: RegExp,
    environments?: JsonObject,
  ) {
    await expect(run(input, { environments })).rejects.toThrow(message);
    await expect(run(input, { environments })).rejects.toBeInstanceOf(
      InputError,
    );
    // Refused before anything is written.
    expect(workspace.content()).toEqual(
      input.targetPath === 'taken.yaml' ? { 'taken.yaml': 'x' } : {},
    );
  }

  describe('the target cluster', () => {
    it.each([
      ['prod-us', undefined, 'v1'],
      ['staging', undefined, 'v1'],
      ['staging', 'v1beta2', 'v1beta2'],
    ])(
      'on %s (asked %s) writes kafka.strimzi.io/%s, as discovered',
      async (targetCluster, strimziApiVersion, expected) => {
        const { outputs } = await run({
          ...BASE,
          targetCluster,
          ...(strimziApiVersion ? { strimziApiVersion } : {}),
        });
        expect(
          new Set(outputs.resources.map((r: any) => r.apiVersion)),
        ).toEqual(new Set([`kafka.strimzi.io/${expected}`]));
        expect(outputs.path).toBe(
          `clusters/${targetCluster}/orders/orders-kafka`,
        );
        expect(outputs.environmentId).toBe(
          `${targetCluster}/orders/orders-kafka`,
        );
      },
    );

    it('writes into the folder the cluster’s GitOps agent syncs', async () => {
      const { outputs } = await run(BASE, {
        environments: { clusters: { 'prod-us': { gitopsPath: 'fleet/us' } } },
      });
      expect(outputs.path).toBe('fleet/us/orders/orders-kafka');
    });

    it.each([
      [
        { targetCluster: 'nowhere' },
        /targetCluster 'nowhere' is not a configured Kubernetes cluster; known: prod-eu, prod-us, staging, bare/,
      ],
      [
        { targetCluster: 'bare' },
        /'bare' does not serve kafka.strimzi.io .*CRDs are not installed/,
      ],
      [{ operator: 'cfk' }, /'prod-us' does not serve platform.confluent.io/],
      [
        { strimziApiVersion: 'v1beta2' },
        /strimziApiVersion v1beta2 is not served by Kubernetes cluster 'prod-us' \(it serves v1\)/,
      ],
    ])('refuses %j', async (change, message) => {
      await refused({ ...BASE, ...change }, message);
    });
  });

  describe('every resource', () => {
    it('carries the service label, the owner and the environment id, and the files are byte-identical on a second run', async () => {
      const input = {
        ...CFK,
        components: { schemaRegistry: true, connect: true },
        topics: ['payments.authorized'],
      };
      const first = await run(input);
      const files = workspace.content() as any;
      workspace.clear();
      const second = await run(input);
      expect(workspace.content()).toEqual(files);
      expect(second.outputs).toEqual(first.outputs);
      const folder = path.join(workspace.path, first.outputs.path);
      for (const name of fs
        .readdirSync(folder)
        .filter(n => n !== 'kustomization.yaml')) {
        const object = YAML.parse(
          fs.readFileSync(path.join(folder, name), 'utf8'),
        );
        expect(object.metadata.labels['backstage.io/kubernetes-id']).toBe(
          'orders',
        );
        expect(object.metadata.annotations).toEqual({
          'k8s-kafka.io/owner': 'group:default/team-checkout',
          'k8s-kafka.io/environment-id': 'prod-eu/orders/orders-kafka',
        });
      }
    });
  });

  describe('profiles and security', () => {
    it('production fits topics up to its 5 brokers', async () => {
      const { outputs } = await run({
        ...BASE,
        profile: 'production',
        topics: [{ name: 'wide', replicas: 5 }],
      });
      expect(outputs.resources.map((r: any) => r.kind)).toContain('KafkaTopic');
    });

    it('dev may turn security off, with a warning', async () => {
      const { outputs } = await run({
        ...BASE,
        profile: 'dev',
        security: { tls: false, authentication: false, authorization: 'none' },
      });
      expect(outputs.warnings.join('\n')).toMatch(
        /TLS, authentication, authorization turned off/,
      );
    });

    it('CFK simple authorization warns that rights are granted outside the portal; rbac lists the MDS Secrets', async () => {
      const simple = await run(CFK);
      expect(simple.outputs.warnings.join('\n')).toMatch(
        /CFK has no ACL resource/,
      );
      workspace.clear();
      const rbac = await run({
        ...CFK,
        mds: { ldapAddress: 'ldaps://ldap.example.com:636' },
      });
      expect(rbac.outputs.requiredSecrets.map((s: any) => s.name)).toEqual([
        'ca-pair-sslcerts',
        'orders-kafka-mds-token',
        'orders-kafka-mds-ldap',
      ]);
    });

    it('writes in a dry run too: only the workspace is touched', async () => {
      const { outputs } = await run(BASE, { dryRun: true });
      expect(
        Object.keys(workspace.content({ path: outputs.path }) as object),
      ).toContain('kafka-orders-kafka.yaml');
    });
  });

  describe('bad input is an InputError before anything is written', () => {
    const topics = (n: number) => Array.from({ length: n }, (_, i) => `t-${i}`);
    it.each([
      ['a 100-character service', { service: 'a'.repeat(100) }, /service/],
      ['a service with ::', { service: 'orders::x' }, /service/],
      [
        'an owner that is not a group or user',
        { owner: 'component:orders' },
        /owner/,
      ],
      [
        'a bad CFK image',
        { ...CFK, cfkImages: { server: 'bad image!' } },
        /cfkImages.server/,
      ],
      [
        'an image with a newline',
        { ...CFK, cfkImages: { init: 'a\nb' } },
        /cfkImages.init/,
      ],
      [
        'an unknown cfkImages key',
        { ...CFK, cfkImages: { sever: 'a/b:1' } },
        /cfkImages/,
      ],
      [
        'an unknown topic config key',
        { topics: [{ name: 't', config: { 'retention.msec': '1' } }] },
        /'retention.msec' is not a Kafka topic configuration key/,
      ],
      [
        'a config key with YAML in it',
        { topics: [{ name: 't', config: { 'a: b\nkind': '1' } }] },
        /topics/,
      ],
      [
        '1e9 partitions',
        { topics: [{ name: 't', partitions: 1e9 }] },
        /partitions/,
      ],
      ['10,000 topics', { topics: topics(10_000) }, /topics/],
      [
        'a duplicate topic',
        { topics: ['a', { name: 'a' }] },
        /Topic 'a' is listed twice/,
      ],
      ['an upper-case topic', { topics: ['Orders'] }, /topics/],
      [
        'more replicas than brokers',
        { topics: [{ name: 't', replicas: 4 }] },
        /asks for 4 replicas; a staging environment has 3 brokers/,
      ],
      [
        'a targetPath outside the workspace',
        { targetPath: '../outside' },
        /targetPath '..\/outside' is not a folder inside the workspace/,
      ],
      [
        'an absolute targetPath',
        { targetPath: '/etc/kafka' },
        /targetPath '\/etc\/kafka' is not a folder inside the workspace/,
      ],
      [
        'security off outside dev',
        { security: { tls: false } },
        /dev environment only \(profile: staging\)/,
      ],
      [
        'rbac without an MDS',
        { ...CFK, security: { authorization: 'rbac' } },
        /rbac is CFK with an MDS/,
      ],
      [
        'rbac on Strimzi',
        { mds: { ldapAddress: 'ldaps://l:636' } },
        /rbac is CFK with an MDS/,
      ],
      [
        'a CFK component on Strimzi',
        { components: { ksqlDb: true } },
        /components.ksqlDb is not a strimzi component/,
      ],
      [
        'connectors without Connect',
        { connectors: [{ name: 'c', class: 'a.B' }] },
        /connectors need components.connect/,
      ],
      ['an unknown input', { sizes: 'dev' }, /Unrecognized key/],
    ])('%s', async (_, change, message) => {
      await refused({ ...BASE, ...change }, message);
    });

    it('an existing file at targetPath', async () => {
      workspace.setContent({ 'taken.yaml': 'x' });
      await refused(
        { ...BASE, targetPath: 'taken.yaml' },
        /targetPath 'taken.yaml' is an existing file/,
      );
    });

    it.each([
      [
        { maxBrokers: 4 },
        { profile: 'production' },
        /5 brokers exceed the platform limit maxBrokers \(4\)/,
      ],
      [
        { maxStoragePerBroker: '100Gi' },
        { profile: 'production' },
        /500Gi per broker exceeds the platform limit maxStoragePerBroker \(100Gi\)/,
      ],
      [
        { maxTopics: 2 },
        { topics: ['a', 'b', 'c'] },
        /3 topics exceed the platform limit maxTopics \(2\)/,
      ],
      [
        { allowedStorageClasses: ['standard'] },
        { storageClass: 'fast' },
        /storage class 'fast' is not allowed \(limit allowedStorageClasses: standard\)/,
      ],
      [
        { allowedOperators: ['cfk'] },
        {},
        /operator strimzi is not allowed on this platform \(limit allowedOperators: cfk\)/,
      ],
      [
        { allowedVersions: { strimzi: ['v1beta2'] } },
        {},
        /strimzi v1 \(what 'prod-us' serves\) is not allowed \(limit allowedVersions.strimzi: v1beta2\)/,
      ],
    ])('beyond the limit %j', async (limits, change, message) => {
      await refused({ ...BASE, ...change }, message, { limits });
    });

    it('strings that look like YAML stay data', async () => {
      const value = 'x"\n---\napiVersion: v1\nkind: Secret\n';
      const { outputs } = await run({
        ...BASE,
        components: { connect: true },
        connectors: [{ name: 'c', class: 'a.B', config: { file: value } }],
      });
      const file = path.join(
        workspace.path,
        outputs.path,
        'kafkaconnector-c.yaml',
      );
      const documents = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
      expect(documents).toHaveLength(1);
      expect(documents[0].toJS().spec.config.file).toBe(value);
    });
  });

  describe('secret material', () => {
    // Secret references (secretName, secretRef, a key's name) are fine; values never are.
    const PATTERNS = [
      /-----BEGIN/,
      /PRIVATE KEY/,
      /eyJ[A-Za-z0-9_-]{10,}/, // a JWT
      /[A-Za-z0-9+/]{40,}={0,2}/, // a long base64 run: key or certificate material
      /(password|passwd|secret|token)\s*[=:]\s*["']?(?!password\b)[A-Za-z0-9+/_-]{6,}/i,
      /sasl\.jaas\.config/,
    ];

    it('is in no file and no output of the whole matrix, nor any cluster token', async () => {
      const tokens = targets.sandbox.clusters.map(c => c.token);
      let scanned = 0;
      for (const testCase of createMatrix) {
        workspace.clear();
        const { outputs } = await run(testCase.input, {
          dryRun: testCase.dryRun,
        });
        const folder = path.join(workspace.path, outputs.path);
        const texts = [
          JSON.stringify(outputs),
          ...fs
            .readdirSync(folder)
            .map(n => fs.readFileSync(path.join(folder, n), 'utf8')),
        ];
        for (const text of texts) {
          for (const pattern of PATTERNS) {
            expect({
              case: testCase.id,
              match: text.match(pattern)?.[0],
            }).toEqual({
              case: testCase.id,
              match: undefined,
            });
          }
          for (const token of tokens) expect(text.includes(token)).toBe(false);
          scanned += 1;
        }
      }
      expect(scanned).toBeGreaterThan(createMatrix.length * 5);
    });
  });
});
