import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ANNOTATION_ENVIRONMENT_ID,
  kafkaEnvironmentApplyPermission,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { createKubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { Sandbox, SandboxCluster, startSandbox } from '@k8s-kafka/kube-sandbox';
import type { JsonObject } from '@backstage/types';
import YAML from 'yaml';
import {
  APPLY_FIELD_MANAGER,
  createKafkaEnvironmentApplyAction,
} from './applyEnvironment';
import { strimziEnvironment } from './applyEnvironment.fixtures';
import {
  createKafkaEnvironmentTargetConditionalDecision,
  kafkaEnvironmentTargetConditions,
} from './applyEnvironmentPermissions';

jest.setTimeout(60_000);

const KAFKA = {
  group: 'kafka.strimzi.io',
  version: 'v1',
  kind: 'Kafka',
  plural: 'kafkas',
};
const TOPIC = { ...KAFKA, kind: 'KafkaTopic', plural: 'kafkatopics' };

/** A logger that keeps every line, for assertions on the task log. */
function recordingLogger(onLine?: (line: string) => void) {
  const lines: string[] = [];
  const logger: LoggerService = {
    info: m => {
      lines.push(m);
      onLine?.(m);
    },
    warn: m => lines.push(m),
    error: m => lines.push(m),
    debug: () => {},
    child: () => logger,
  };
  return { logger, lines };
}

function permissionsAnswering(
  decide: () => PolicyDecision,
): PermissionsService {
  return {
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests => requests.map(() => decide()) as any,
  };
}

describe('kafka:environment:apply', () => {
  let sandbox: Sandbox;
  let cluster: SandboxCluster;
  const workspace = createMockDirectory();
  let backend: http.Server;
  let backendUrl: string;
  let answerHealth: (ref: string) => unknown = () => undefined;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'apply-action-')),
      clusters: [{ name: 'dev', crdSets: ['strimzi-1.2.0'] }],
    });
    cluster = sandbox.cluster('dev');
    for (const name of ['team-a-orders', 'team-b']) {
      cluster.api.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      } as any);
    }
    // Stands in for the kafka-clusters backend's one-cluster route.
    backend = http.createServer((req, res) => {
      const match =
        /^\/clusters\/([^/]+)\/namespaces\/([^/]+)\/kafkas\/([^/]+)$/.exec(
          req.url ?? '',
        );
      const status = match
        ? answerHealth(`${match[1]}/${match[2]}/${match[3]}`)
        : undefined;
      if (!status) {
        res.writeHead(404).end('{}');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status, errors: [] }));
    });
    await new Promise<void>(resolve => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => backend?.close(resolve));
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  beforeEach(() => workspace.clear());

  function setup(
    options: {
      apply?: JsonObject;
      watchedNamespaces?: string[];
      permissions?: PermissionsService;
    } = {},
  ) {
    const clusterConfig = {
      url: cluster.url,
      caFile: cluster.caFile,
      authProvider: 'serviceAccount',
      serviceAccountToken: cluster.token,
    };
    const config = mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'dev', ...clusterConfig },
                { name: 'prod', ...clusterConfig },
              ],
            },
          ],
        },
        kafkaClusters: {
          kubernetesClusters: {
            dev: {
              apply: options.apply ?? {
                enabled: true,
                namespaces: ['team-*'],
                createNamespaces: true,
              },
              ...(options.watchedNamespaces && {
                namespaces: options.watchedNamespaces,
              }),
            },
          },
        },
      },
    });
    const logger = mockServices.logger.mock();
    const auth = mockServices.auth();
    const clusters = createKubernetesClusterAccess({
      config,
      logger,
      auth,
      catalog: catalogServiceMock(),
    });
    const auditor = mockServices.auditor.mock();
    const audit = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(audit);
    const action = createKafkaEnvironmentApplyAction({
      clusters,
      config,
      permissions: options.permissions ?? mockServices.permissions(),
      auditor,
      auth,
      discovery: { getBaseUrl: async () => backendUrl } as any,
      pollIntervalMs: 10,
    });
    return { action, auditor, audit, clusters };
  }

  /** Writes a dev Strimzi environment as kafka:environment:create does, with its id. */
  function writeEnvironment(
    namespace: string,
    name: string,
    options: { id?: string | null; mutate?: (o: any) => void } = {},
  ) {
    const objects = strimziEnvironment(namespace, name);
    const dir = `kafka/${name}`;
    const files: Record<string, string> = {};
    for (const object of objects as any[]) {
      const copy = structuredClone(object);
      copy.metadata.annotations = { ...copy.metadata.annotations };
      if (options.id === null) {
        delete copy.metadata.annotations[ANNOTATION_ENVIRONMENT_ID];
      } else {
        copy.metadata.annotations[ANNOTATION_ENVIRONMENT_ID] =
          options.id ?? `env-${name}`;
      }
      options.mutate?.(copy);
      files[`${copy.kind.toLowerCase()}-${copy.metadata.name}.yaml`] =
        YAML.stringify(copy);
    }
    files['kustomization.yaml'] = YAML.stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace,
      resources: Object.keys(files),
    });
    workspace.addContent({ [dir]: files });
    return dir;
  }

  async function run(
    action: ReturnType<typeof setup>['action'],
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const { logger, lines } = recordingLogger(extra.onLine as any);
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      logger,
      ...extra,
    };
    await action.handler(ctx as any);
    return { ctx, lines };
  }

  const resultsOf = (ctx: any) =>
    Object.fromEntries(
      (
        ctx.output.mock.calls.find(([k]: [string]) => k === 'resources')[1] as {
          kind: string;
          name: string;
          result: string;
        }[]
      ).map(r => [`${r.kind}/${r.name}`, r.result]),
    );

  it('applies an environment with our field manager, audits it, and re-applies without a change', async () => {
    const { action, auditor, audit } = setup();
    const dir = writeEnvironment('team-a-orders', 'orders-dev');
    const { ctx, lines } = await run(action, { cluster: 'dev', path: dir });

    expect(resultsOf(ctx)).toEqual({
      'Kafka/orders-dev': 'created',
      'KafkaNodePool/orders-dev-dual-role': 'created',
      'KafkaTopic/orders-dev-events': 'created',
    });
    expect(ctx.output).toHaveBeenCalledWith('environmentId', 'env-orders-dev');
    const kafka = cluster.api.get(
      'kafka.strimzi.io/v1',
      'Kafka',
      'orders-dev',
      'team-a-orders',
    ) as any;
    expect(kafka.metadata.annotations[ANNOTATION_ENVIRONMENT_ID]).toBe(
      'env-orders-dev',
    );
    expect(
      kafka.metadata.managedFields.map((f: any) => [f.manager, f.operation]),
    ).toContainEqual([APPLY_FIELD_MANAGER, 'Apply']);
    expect(lines).toContain('Kafka team-a-orders/orders-dev created');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'environment-apply',
        meta: expect.objectContaining({
          initiator: 'user:default/mock',
          cluster: 'dev',
          namespaces: ['team-a-orders'],
          environmentId: 'env-orders-dev',
          resources: expect.arrayContaining(['Kafka team-a-orders/orders-dev']),
        }),
      }),
    );
    expect(audit.success).toHaveBeenCalled();

    const again = await run(action, { cluster: 'dev', path: dir });
    expect(Object.values(resultsOf(again.ctx))).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  it('checkpoints each resource: a retried task reuses what it applied', async () => {
    const { action } = setup();
    const dir = writeEnvironment('team-a-orders', 'retried');
    const done = new Map<string, unknown>();
    const keys: string[] = [];
    const checkpoint = async ({ key, fn }: any) => {
      keys.push(key);
      if (!done.has(key)) done.set(key, await fn());
      return done.get(key);
    };
    await run(action, { cluster: 'dev', path: dir }, { checkpoint });
    const requests = cluster.requests().verbs.patch ?? 0;
    const retry = await run(
      action,
      { cluster: 'dev', path: dir },
      { checkpoint },
    );
    expect(cluster.requests().verbs.patch ?? 0).toBe(requests);
    expect(new Set(keys).size).toBe(3);
    expect(Object.values(resultsOf(retry.ctx))).toEqual([
      'created',
      'created',
      'created',
    ]);
  });

  it('refuses a conflict with another field manager, naming fields and manager; force takes them over', async () => {
    const { action, clusters } = setup();
    const dir = writeEnvironment('team-a-orders', 'contested');
    await run(action, { cluster: 'dev', path: dir });
    const kc = await clusters.kubeConfig(clusters.configuredClusters()[0]);
    await clusters.apply(
      kc,
      { ...TOPIC, namespace: 'team-a-orders', name: 'contested-events' },
      {
        apiVersion: 'kafka.strimzi.io/v1',
        kind: 'KafkaTopic',
        metadata: { name: 'contested-events', namespace: 'team-a-orders' },
        spec: { partitions: 12 },
      },
      { fieldManager: 'kubectl', force: true },
    );
    workspace.addContent({
      [`${dir}/kafkatopic-contested-events.yaml`]: fs
        .readFileSync(
          path.join(workspace.path, dir, 'kafkatopic-contested-events.yaml'),
          'utf8',
        )
        .replace('partitions: 3', 'partitions: 6'),
    });
    await expect(run(action, { cluster: 'dev', path: dir })).rejects.toThrow(
      /KafkaTopic team-a-orders\/contested-events .*fields owned by another field manager: \.spec\.partitions: .*kubectl.*Set force: true/,
    );

    const forced = await run(action, {
      cluster: 'dev',
      path: dir,
      force: true,
    });
    expect(resultsOf(forced.ctx)['KafkaTopic/contested-events']).toBe(
      'configured',
    );
    expect(
      (
        cluster.api.get(
          'kafka.strimzi.io/v1',
          'KafkaTopic',
          'contested-events',
          'team-a-orders',
        ) as any
      ).spec.partitions,
    ).toBe(6);
  });

  it("never overwrites another environment's objects, nor objects without an environment id", async () => {
    const { action } = setup();
    for (const [name, annotations] of [
      ['taken-events', { [ANNOTATION_ENVIRONMENT_ID]: 'env-someone-else' }],
      ['bare-events', {}],
    ] as const) {
      cluster.api.create({
        apiVersion: 'kafka.strimzi.io/v1',
        kind: 'KafkaTopic',
        metadata: {
          name,
          namespace: 'team-b',
          annotations,
          labels: { 'strimzi.io/cluster': 'x' },
        },
        spec: { partitions: 1 },
      } as any);
    }
    const taken = writeEnvironment('team-b', 'taken');
    await expect(run(action, { cluster: 'dev', path: taken })).rejects.toThrow(
      "Refusing to overwrite resources of another environment on 'dev': KafkaTopic team-b/taken-events (environment env-someone-else)",
    );
    const bare = writeEnvironment('team-b', 'bare');
    await expect(run(action, { cluster: 'dev', path: bare })).rejects.toThrow(
      'KafkaTopic team-b/bare-events (no environment id)',
    );
    // Nothing of either was written.
    expect(
      cluster.api.get('kafka.strimzi.io/v1', 'Kafka', 'taken', 'team-b'),
    ).toBeUndefined();

    const unlabelled = writeEnvironment('team-b', 'unlabelled', { id: null });
    await expect(
      run(action, { cluster: 'dev', path: unlabelled }),
    ).rejects.toThrow(
      `Every resource must carry the annotation ${ANNOTATION_ENVIRONMENT_ID}`,
    );
  });

  it('refuses clusters and namespaces configuration does not open, naming the setting', async () => {
    const dir = writeEnvironment('team-a-orders', 'closed');
    const { action } = setup();
    await expect(run(action, { cluster: 'prod', path: dir })).rejects.toThrow(
      "Kubernetes cluster 'prod' does not accept direct apply: kafkaClusters.kubernetesClusters.prod.apply.enabled is not true",
    );
    const off = setup({ apply: { enabled: false, namespaces: ['*'] } });
    await expect(
      run(off.action, { cluster: 'dev', path: dir }),
    ).rejects.toThrow(
      'kafkaClusters.kubernetesClusters.dev.apply.enabled is not true',
    );
    const narrow = setup({ apply: { enabled: true, namespaces: ['dev-*'] } });
    await expect(
      run(narrow.action, { cluster: 'dev', path: dir }),
    ).rejects.toThrow(
      "Namespace team-a-orders of Kubernetes cluster 'dev' does not accept direct apply: kafkaClusters.kubernetesClusters.dev.apply.namespaces is [dev-*]",
    );
    const fresh = writeEnvironment('team-new', 'fresh');
    const noCreate = setup({
      apply: { enabled: true, namespaces: ['team-*'] },
    });
    await expect(
      run(noCreate.action, { cluster: 'dev', path: fresh }),
    ).rejects.toThrow(
      "Namespace team-new does not exist on Kubernetes cluster 'dev', and kafkaClusters.kubernetesClusters.dev.apply.createNamespaces is not true",
    );
  });

  it('checks kafka-clusters.environment.apply with the initiator credentials: denied, and a conditional policy allowing dev/team-a-*', async () => {
    const dir = writeEnvironment('team-a-orders', 'permitted');
    const denied = setup({
      permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
    });
    const { audit } = denied;
    await expect(
      run(denied.action, { cluster: 'dev', path: dir }),
    ).rejects.toThrow(
      'Not allowed to apply environments to dev/team-a-orders (permission kafka-clusters.environment.apply)',
    );
    expect(audit.success).not.toHaveBeenCalled();

    const seen: BackstageCredentials[] = [];
    const conditional = permissionsAnswering(() =>
      createKafkaEnvironmentTargetConditionalDecision(
        kafkaEnvironmentApplyPermission,
        {
          allOf: [
            kafkaEnvironmentTargetConditions.isInCluster({ clusters: ['dev'] }),
            kafkaEnvironmentTargetConditions.isInNamespace({
              namespaces: ['team-a-*'],
            }),
          ],
        },
      ),
    );
    const spy = jest.spyOn(conditional, 'authorizeConditional');
    const policy = setup({ permissions: conditional });
    const initiator = {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/alice' },
    } as BackstageCredentials;
    const allowed = await run(
      policy.action,
      { cluster: 'dev', path: dir },
      { getInitiatorCredentials: async () => initiator },
    );
    expect(resultsOf(allowed.ctx)['Kafka/permitted']).toBe('created');
    seen.push(spy.mock.calls[0][1].credentials);
    expect(seen[0]).toBe(initiator);
    expect(spy.mock.calls[0][0]).toEqual([
      { permission: kafkaEnvironmentApplyPermission },
    ]);

    const other = writeEnvironment('team-b', 'elsewhere');
    await expect(
      run(policy.action, { cluster: 'dev', path: other }),
    ).rejects.toThrow('Not allowed to apply environments to dev/team-b');
  });

  it('dry-runs into an existing namespace on the API server (dryRun=All), storing nothing and catching invalid resources', async () => {
    const { action } = setup();
    const dir = writeEnvironment('team-a-orders', 'checked');
    const { ctx, lines } = await run(
      action,
      { cluster: 'dev', path: dir },
      { isDryRun: true },
    );
    expect(Object.values(resultsOf(ctx))).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect(lines).toContain('Kafka team-a-orders/checked created (dry run)');
    expect(
      cluster.api.get(
        'kafka.strimzi.io/v1',
        'Kafka',
        'checked',
        'team-a-orders',
      ),
    ).toBeUndefined();

    const bad = writeEnvironment('team-a-orders', 'checked-bad', {
      mutate: o => {
        if (o.kind === 'KafkaTopic') o.spec.partitions = 'many';
      },
    });
    await expect(
      run(action, { cluster: 'dev', path: bad, dryRun: true }),
    ).rejects.toThrow(
      /KafkaTopic team-a-orders\/checked-bad-events .*refused by 'dev'/,
    );
  });

  it("dry-runs into a namespace that does not exist yet against the cluster's CRD schemas, without creating it", async () => {
    const { action } = setup();
    const dir = writeEnvironment('team-later', 'planned');
    const { ctx, lines } = await run(action, {
      cluster: 'dev',
      path: dir,
      dryRun: true,
    });
    expect(Object.values(resultsOf(ctx))).toEqual([
      'validated',
      'validated',
      'validated',
    ]);
    expect(lines.join('\n')).toContain(
      "Namespace team-later does not exist on 'dev' yet: the API server cannot dry-run into it, so its resources are validated against the cluster's own CRD schemas (customresourcedefinitions); no namespace is created in a dry run",
    );
    expect(
      cluster.api.get('v1', 'Namespace', 'team-later', undefined),
    ).toBeUndefined();

    const bad = writeEnvironment('team-later', 'planned-bad', {
      mutate: o => {
        if (o.kind === 'KafkaTopic') o.spec.partitionz = 3;
      },
    });
    await expect(
      run(action, { cluster: 'dev', path: bad, dryRun: true }),
    ).rejects.toThrow(
      /Invalid against the CRDs of 'dev': KafkaTopic team-later\/planned-bad-events .*\.spec\.partitionz: unknown field/,
    );
  });

  it('creates a target namespace when configuration allows, with the environment id', async () => {
    const { action } = setup();
    const dir = writeEnvironment('team-created', 'newborn');
    await run(action, { cluster: 'dev', path: dir });
    const ns = cluster.api.get(
      'v1',
      'Namespace',
      'team-created',
      undefined,
    ) as any;
    expect(ns.metadata.annotations[ANNOTATION_ENVIRONMENT_ID]).toBe(
      'env-newborn',
    );
    expect(
      cluster.api.get(
        'kafka.strimzi.io/v1',
        'Kafka',
        'newborn',
        'team-created',
      ),
    ).toBeDefined();
  });

  describe('waiting until healthy', () => {
    const status = (health: string, ready: number, desired = 3) => ({
      health,
      reasons:
        health === 'healthy'
          ? []
          : [
              {
                code: 'BrokersNotReady',
                message: `${ready}/${desired} brokers ready`,
              },
            ],
      brokers: { desired, ready, members: [] },
      controllers: { desired: 3, ready: 3, members: [] },
    });

    afterEach(() => {
      answerHealth = () => undefined;
    });

    it('reports progress from the kafka-clusters backend until healthy', async () => {
      const { action } = setup();
      const dir = writeEnvironment('team-a-orders', 'waited');
      let calls = 0;
      answerHealth = ref => {
        if (ref !== 'dev/team-a-orders/waited') return undefined;
        calls += 1;
        if (calls === 1) return undefined; // not seen by the cache yet
        if (calls <= 3) return status('progressing', calls - 1);
        return status('healthy', 3);
      };
      const { ctx, lines } = await run(action, {
        cluster: 'dev',
        path: dir,
        waitUntilHealthy: true,
      });
      expect(lines).toEqual(
        expect.arrayContaining([
          'Kafka dev/team-a-orders/waited: not seen by the kafka-clusters backend yet',
          'Kafka dev/team-a-orders/waited: progressing: 1/3 brokers ready, 3/3 controllers ready',
          'Kafka dev/team-a-orders/waited: progressing: 2/3 brokers ready, 3/3 controllers ready',
          'Kafka dev/team-a-orders/waited: healthy: 3/3 brokers ready, 3/3 controllers ready',
        ]),
      );
      expect(ctx.output).toHaveBeenCalledWith('health', 'healthy');
    });

    it('stops at once when the task is cancelled', async () => {
      const { action, audit } = setup();
      const dir = writeEnvironment('team-a-orders', 'cancelled');
      answerHealth = () => status('progressing', 1);
      const controller = new AbortController();
      await expect(
        run(
          action,
          { cluster: 'dev', path: dir, waitUntilHealthy: true },
          {
            signal: controller.signal,
            onLine: (line: string) => {
              if (line.includes('1/3 brokers ready')) controller.abort();
            },
          },
        ),
      ).rejects.toThrow(
        'Cancelled while waiting for the environment to become healthy',
      );
      expect(audit.fail).toHaveBeenCalled();
    });

    it('ends on timeout with the reasons that hold it back', async () => {
      const { action } = setup();
      const dir = writeEnvironment('team-a-orders', 'slow');
      answerHealth = () => status('degraded', 2);
      await expect(
        run(action, {
          cluster: 'dev',
          path: dir,
          waitUntilHealthy: true,
          timeoutSeconds: 1,
        }),
      ).rejects.toThrow(
        /Timed out after 1 s .*dev\/team-a-orders\/slow is degraded: 2\/3 brokers ready, 3\/3 controllers ready \(BrokersNotReady: 2\/3 brokers ready\)/,
      );
    });

    it('refuses up front a namespace the backend does not watch', async () => {
      const { action } = setup({ watchedNamespaces: ['kafka-platform'] });
      const dir = writeEnvironment('team-a-orders', 'unwatched');
      await expect(
        run(action, { cluster: 'dev', path: dir, waitUntilHealthy: true }),
      ).rejects.toThrow(
        'Cannot wait for Kafka team-a-orders/unwatched: the kafka-clusters backend does not watch its namespace (kafkaClusters.kubernetesClusters.dev.namespaces is [kafka-platform])',
      );
      expect(
        cluster.api.get(
          'kafka.strimzi.io/v1',
          'Kafka',
          'unwatched',
          'team-a-orders',
        ),
      ).toBeUndefined();
    });
  });
});
