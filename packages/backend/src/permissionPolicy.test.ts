import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import type { JsonObject } from '@backstage/types';
import { Sandbox, startSandbox } from '@k8s-kafka/kube-sandbox';
import { kafkaEnvironmentApplyPermission } from '@k8s-kafka/plugin-kafka-clusters-common';
import kafkaEnvironmentsModule, {
  createKafkaEnvironmentTargetConditionalDecision,
  kafkaEnvironmentTargetConditions,
} from '@k8s-kafka/plugin-scaffolder-backend-module-kafka-environments';
import request from 'supertest';
import YAML from 'yaml';
import portalPolicyModule, { AllowAllExceptPolicy } from './permissionPolicy';

/*
 * kafka-clusters.environment.apply decided by a permission policy in a running backend: the
 * auth backend (alice signs in with the guest provider), the permission backend with a policy,
 * the scaffolder and our module; tasks of the portal's create template, started over HTTP with
 * alice's token, render an environment and apply it to sandbox clusters, and the action checks
 * the permission with alice's credentials through the permission backend.
 *
 * The portal's own policy (./permissionPolicy) allows or denies a permission everywhere: it has
 * no conditions, so it cannot say "dev / team-a-* only". A platform team that wants that writes
 * a policy module like `platformTeamPolicy` below, with the scaffolder module's rules.
 */

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';

/** What a platform team writes: apply only to `dev`, only in `team-a-*`; everything else allowed. */
class PlatformTeamPolicy implements PermissionPolicy {
  async handle(query: PolicyQuery) {
    if (isPermission(query.permission, kafkaEnvironmentApplyPermission)) {
      return createKafkaEnvironmentTargetConditionalDecision(query.permission, {
        allOf: [
          kafkaEnvironmentTargetConditions.isInCluster({ clusters: ['dev'] }),
          kafkaEnvironmentTargetConditions.isInNamespace({
            namespaces: ['team-a-*'],
          }),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

const platformTeamPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-team-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new PlatformTeamPolicy());
      },
    });
  },
});

/**
 * The portal's create template, offering `staging` for direct apply besides `dev` (the template
 * lists the clusters configuration opens; here both are open, so only the policy tells them apart).
 */
function portalTemplate() {
  const template = YAML.parse(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../../../templates/kafka-environment-create/template.yaml',
      ),
      'utf8',
    ),
  );
  const delivery = template.spec.parameters.find(
    (p: any) => p.properties.delivery,
  );
  const apply = delivery.dependencies.delivery.oneOf.find((o: any) =>
    o.properties.delivery.enum.includes('apply'),
  );
  apply.properties.applyCluster.enum = ['dev', 'staging'];
  delete apply.properties.applyCluster.enumNames;
  return {
    ...template,
    metadata: { ...template.metadata, namespace: 'default' },
  };
}

const TEMPLATE = portalTemplate();
const TEMPLATE_REF = `template:default/${TEMPLATE.metadata.name}`;

const WRITES = ['create', 'update', 'patch', 'delete', 'deletecollection'];

describe('kafka-clusters.environment.apply through the backend', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'backend-policy-')),
      clusters: [
        { name: 'dev', crdSets: ['strimzi-1.2.0'] },
        { name: 'staging', crdSets: ['strimzi-1.2.0'] },
      ],
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  function config(extra: JsonObject = {}): JsonObject {
    const open = { enabled: true, namespaces: ['*'], createNamespaces: true };
    return {
      backend: { baseUrl: 'http://localhost' },
      app: { baseUrl: 'http://localhost:3000' },
      // Alice signs in as the guest provider's user (NODE_ENV is test, hence the setting).
      auth: {
        providers: {
          guest: {
            userEntityRef: ALICE,
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      permission: { enabled: true },
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
      // Configuration opens every namespace of both clusters: what is refused, the policy refuses.
      kafkaClusters: {
        kubernetesClusters: { dev: { apply: open }, staging: { apply: open } },
      },
      ...extra,
    };
  }

  async function startBackend(
    policy: typeof platformTeamPolicy,
    extraConfig: JsonObject = {},
  ) {
    const backend = await startTestBackend({
      features: [
        // The real auth and permissions services: alice signs in with the auth backend, and
        // every check goes, on her behalf, to the permission backend's policy.
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        permissionsServiceFactory,
        authPlugin,
        guestProvider,
        permissionPlugin,
        policy,
        scaffolderPlugin,
        kafkaEnvironmentsModule,
        catalogServiceMock.factory({
          entities: [
            TEMPLATE,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'alice', namespace: 'default' },
              spec: {},
            },
          ],
        }),
        mockServices.rootConfig.factory({ data: config(extraConfig) }),
      ],
    });
    const signIn = await request(backend.server).get('/api/auth/guest/refresh');
    expect(signIn.status).toBe(200);
    const token: string = signIn.body.backstageIdentity.token;
    return Object.assign(backend, { authorization: `Bearer ${token}` });
  }

  type Backend = Awaited<ReturnType<typeof startBackend>>;

  interface TaskRun {
    status: string;
    /** Every log line and the completion message. */
    log: string[];
    /** Write requests the target cluster served during the task. */
    writes: number;
  }

  /** Alice runs the portal's template: render a dev Strimzi environment, apply it, no wait. */
  async function runTemplate(
    backend: Backend,
    target: { cluster: string; namespace: string; name: string },
  ): Promise<TaskRun> {
    const cluster = sandbox.cluster(target.cluster);
    cluster.requests.reset();
    const created = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', backend.authorization)
      .send({
        templateRef: TEMPLATE_REF,
        values: {
          service: 'component:default/orders',
          owner: 'group:default/team-a',
          name: target.name,
          namespace: target.namespace,
          targetCluster: 'dev',
          operator: 'strimzi',
          profile: 'dev',
          delivery: 'apply',
          applyCluster: target.cluster,
          waitUntilHealthy: false,
        },
      });
    expect({ status: created.status, body: created.body }).toEqual({
      status: 201,
      body: { id: expect.any(String) },
    });
    const id = created.body.id;
    const deadline = Date.now() + 60_000;
    let status = 'open';
    while (!['completed', 'failed', 'cancelled'].includes(status)) {
      if (Date.now() > deadline) {
        throw new Error(`Task ${id} still ${status} after 60 s`);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
      const res = await request(backend.server)
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', backend.authorization);
      status = res.body.status;
    }
    const events = await request(backend.server)
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('Authorization', backend.authorization);
    const counts = cluster.requests();
    return {
      status,
      // The task log's lines without the logger's colours and level.
      log: (events.body as { body: { message?: string } }[]).map(e =>
        (e.body.message ?? '')
          // eslint-disable-next-line no-control-regex
          .replace(/\u001b\[[0-9;]*m/g, '')
          .replace(/^(info|warn|error|debug): /, ''),
      ),
      writes: WRITES.reduce((n, verb) => n + (counts.verbs[verb] ?? 0), 0),
    };
  }

  /** What the sandbox holds of an environment: its namespace and its Kafka. */
  function stored(target: {
    cluster: string;
    namespace: string;
    name: string;
  }) {
    const api = sandbox.cluster(target.cluster).api;
    return {
      namespace: api.get('v1', 'Namespace', target.namespace, undefined)
        ? 'present'
        : 'absent',
      kafka: api.get(
        'kafka.strimzi.io/v1',
        'Kafka',
        target.name,
        target.namespace,
      )
        ? 'present'
        : 'absent',
    };
  }

  /** The task failed in the apply step, on the permission, naming it and the target. */
  function expectRefused(
    run: TaskRun,
    target: { cluster: string; namespace: string },
  ) {
    expect(run.status).toBe('failed');
    expect(run.log.map(line => line.split('\n')[0])).toEqual(
      expect.arrayContaining([
        'Beginning step Apply to the development cluster',
        `NotAllowedError: Not allowed to apply environments to ${target.cluster}/${target.namespace} (permission kafka-clusters.environment.apply)`,
        'Run completed with status: failed',
      ]),
    );
  }

  describe("a platform team's conditional policy: dev / team-a-* only", () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await startBackend(platformTeamPolicy);
    });
    afterAll(() => backend?.stop());

    it('allows dev / team-a-orders: the task applies the environment', async () => {
      const target = {
        cluster: 'dev',
        namespace: 'team-a-orders',
        name: 'allowed-kafka',
      };
      const run = await runTemplate(backend, target);
      expect(run.status).toBe('completed');
      expect(run.log).toEqual(
        expect.arrayContaining([
          'Created namespace team-a-orders',
          'Kafka team-a-orders/allowed-kafka created',
        ]),
      );
      // The write counter sees an apply (so its 0 for a denied task means something).
      expect(run.writes).toBeGreaterThan(0);
      expect(stored(target)).toEqual({
        namespace: 'present',
        kafka: 'present',
      });
    });

    it.each([
      ['a namespace outside team-a-*', 'dev', 'team-b'],
      ['a cluster other than dev', 'staging', 'team-a-orders'],
    ])(
      'denies %s: the task fails naming the permission, and nothing reaches the cluster',
      async (_, clusterName, namespace) => {
        const target = {
          cluster: clusterName,
          namespace,
          name: 'denied-kafka',
        };
        const run = await runTemplate(backend, target);
        expectRefused(run, target);
        expect(run.writes).toBe(0);
        expect(stored(target)).toEqual({
          namespace: 'absent',
          kafka: 'absent',
        });
      },
    );
  });

  describe("the portal's policy (allow all except permissionPolicy.deny)", () => {
    it('allows apply everywhere configuration opens: it has no conditions on cluster or namespace', async () => {
      const backend = await startBackend(portalPolicyModule);
      try {
        const target = {
          cluster: 'dev',
          namespace: 'team-c',
          name: 'portal-kafka',
        };
        const run = await runTemplate(backend, target);
        expect(run.status).toBe('completed');
        expect(stored(target)).toEqual({
          namespace: 'present',
          kafka: 'present',
        });
      } finally {
        await backend.stop();
      }
    });

    it('denies apply everywhere when permissionPolicy.deny names the permission', async () => {
      const backend = await startBackend(portalPolicyModule, {
        permissionPolicy: { deny: ['kafka-clusters.environment.apply'] },
      });
      try {
        const target = {
          cluster: 'dev',
          namespace: 'team-a-denied',
          name: 'portal-denied-kafka',
        };
        const run = await runTemplate(backend, target);
        expectRefused(run, target);
        expect(run.writes).toBe(0);
        expect(stored(target)).toEqual({
          namespace: 'absent',
          kafka: 'absent',
        });
      } finally {
        await backend.stop();
      }
    });
  });
});

describe('AllowAllExceptPolicy', () => {
  const other = createPermission({
    name: 'kafka-clusters.status.read',
    attributes: { action: 'read' },
  });

  it('allows every permission when none is named', async () => {
    const policy = new AllowAllExceptPolicy([]);
    await expect(
      policy.handle({ permission: kafkaEnvironmentApplyPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies the named permissions, and only those', async () => {
    const policy = new AllowAllExceptPolicy([
      kafkaEnvironmentApplyPermission.name,
    ]);
    await expect(
      policy.handle({ permission: kafkaEnvironmentApplyPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(policy.handle({ permission: other })).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
