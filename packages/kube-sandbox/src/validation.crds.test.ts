import type * as k8sTypes from '@kubernetes/client-node';
import { join } from 'node:path';
import {
  CrdSetName,
  crdsDir as defaultCrdsDir,
  loadCrdSet,
} from '@k8s-kafka/operator-crds';
import { fallbackCrdSet } from './resources/crdSets';
import { Sandbox, SandboxCluster, startSandbox } from './sandbox';
import {
  failure,
  kubeConfig,
  loadClientNode,
  raw,
  tempStateDir,
} from './testUtils';

/*
 * Custom resource validation with the operators' real CRDs (the sets bundled in
 * packages/operator-crds): what the API server accepts, prunes, defaults and rejects, with its messages.
 */

let sandbox: Sandbox;
let cfk: SandboxCluster;
let legacy: SandboxCluster;
const clients = new Map<string, k8sTypes.CustomObjectsApi>();

beforeAll(async () => {
  const k8s = await loadClientNode();
  sandbox = await startSandbox({
    stateDir: tempStateDir(),
    clusters: [
      { name: 'cfk', crdSets: ['cfk-3.3.0'] },
      { name: 'strimzi', crdSets: ['strimzi-1.2.0'] },
      { name: 'legacy', crdSets: ['strimzi-0.51.0'] },
    ],
  });
  cfk = sandbox.cluster('cfk');
  legacy = sandbox.cluster('legacy');
  for (const c of sandbox.clusters) {
    clients.set(
      c.name,
      (await kubeConfig(c)).makeApiClient(k8s.CustomObjectsApi),
    );
  }
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
});

const CFK = {
  group: 'platform.confluent.io',
  version: 'v1beta1',
  namespace: 'default',
};
const STRIMZI = {
  group: 'kafka.strimzi.io',
  version: 'v1',
  namespace: 'default',
};

const cfkKafka = (name: string, spec: object = {}) => ({
  apiVersion: 'platform.confluent.io/v1beta1',
  kind: 'Kafka',
  metadata: { name },
  spec: {
    replicas: 3,
    image: {
      application: 'confluentinc/cp-server:7.9.0',
      init: 'confluentinc/confluent-init-container:3.3.0',
    },
    dataVolumeCapacity: '100Gi',
    listeners: {
      internal: {
        authentication: {
          type: 'plain',
          jaasConfig: { secretRef: 'credential' },
        },
      },
    },
    ...spec,
  },
});

const strimziKafka = (name: string, kafka: object = {}) => ({
  apiVersion: 'kafka.strimzi.io/v1',
  kind: 'Kafka',
  metadata: { name },
  spec: {
    kafka: {
      version: '4.1.0',
      metadataVersion: '4.1-IV1',
      listeners: [
        { name: 'plain', port: 9092, type: 'internal', tls: false },
        {
          name: 'tls',
          port: 9093,
          type: 'internal',
          tls: true,
          authentication: { type: 'tls' },
        },
      ],
      config: {
        'offsets.topic.replication.factor': 3,
        'min.insync.replicas': 2,
      },
      ...kafka,
    },
    entityOperator: { topicOperator: {}, userOperator: {} },
  },
});

describe('CFK 3.3.0', () => {
  it('accepts a valid Kafka and applies the schema\u2019s defaults', async () => {
    const body = cfkKafka('kafka', { services: { observer: {} } });
    const created: any = await clients
      .get('cfk')!
      .createNamespacedCustomObject({
        ...CFK,
        plural: 'kafkas',
        body,
        fieldValidation: 'Strict',
      });
    expect(created.spec).toEqual({
      ...body.spec,
      services: { observer: { logLevel: 'info' } },
    });
    expect(created.metadata).toMatchObject({
      name: 'kafka',
      namespace: 'default',
      generation: 1,
    });
  });

  it('rejects a misspelled field under Strict, and prunes it with a warning otherwise', async () => {
    const body = cfkKafka('typo', { dataVolumeCapacityy: '1Gi' });
    expect(
      await failure(
        clients.get('cfk')!.createNamespacedCustomObject({
          ...CFK,
          plural: 'kafkas',
          body,
          fieldValidation: 'Strict',
        }),
      ),
    ).toMatchObject({
      code: 400,
      body: {
        reason: 'BadRequest',
        message:
          'Kafka in version "v1beta1" cannot be handled as a Kafka: strict decoding error: unknown field "spec.dataVolumeCapacityy"',
      },
    });
    const warned = await raw(
      cfk,
      'POST',
      '/apis/platform.confluent.io/v1beta1/namespaces/default/kafkas',
      { body },
    );
    expect(warned.status).toBe(201);
    expect(warned.headers.warning).toBe(
      '299 - "unknown field \\"spec.dataVolumeCapacityy\\""',
    );
    expect(warned.json().spec.dataVolumeCapacityy).toBeUndefined();
  });

  it('rejects mistyped, out-of-range and missing fields with 422 and causes', async () => {
    const body = cfkKafka('mistyped', {
      replicas: 'three',
      image: { application: 'x' },
    });
    const { code, body: status } = await failure(
      clients
        .get('cfk')!
        .createNamespacedCustomObject({ ...CFK, plural: 'kafkas', body }),
    );
    expect(code).toBe(422);
    expect(status.details.causes).toEqual(
      expect.arrayContaining([
        {
          reason: 'FieldValueTypeInvalid',
          message:
            'Invalid value: "three": spec.replicas in body must be of type integer: "string"',
          field: 'spec.replicas',
        },
        {
          reason: 'FieldValueRequired',
          message: 'Required value',
          field: 'spec.image.init',
        },
      ]),
    );
    expect(status.message).toMatch(
      /^Kafka\.platform\.confluent\.io "mistyped" is invalid: \[/,
    );
    const int32 = await failure(
      clients.get('cfk')!.createNamespacedCustomObject({
        ...CFK,
        plural: 'kafkas',
        body: cfkKafka('big', { replicas: 3_000_000_000 }),
      }),
    );
    expect(int32.body.details.causes).toEqual([
      expect.objectContaining({
        field: 'spec.replicas',
        message: expect.stringContaining('must be of type int32'),
      }),
    ]);
  });

  it('evaluates transition rules (self == oldSelf) on update only', async () => {
    const client = clients.get('cfk')!;
    const spec = {
      replicas: 3,
      image: { application: 'cp-server:7.9.0', init: 'init:3.3.0' },
      dataVolumeCapacity: '10Gi',
    };
    const kc = {
      apiVersion: 'platform.confluent.io/v1beta1',
      kind: 'KRaftController',
      metadata: { name: 'kraft' },
      spec,
    };
    const created: any = await client.createNamespacedCustomObject({
      ...CFK,
      plural: 'kraftcontrollers',
      body: kc,
    });
    const first = {
      ...created,
      spec: { ...spec, clusterID: 'AAAAAAAAAAAAAAAAAAAAAA' },
    };
    const set: any = await client.replaceNamespacedCustomObject({
      ...CFK,
      plural: 'kraftcontrollers',
      name: 'kraft',
      body: first,
    });
    expect(set.spec.clusterID).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    const changed = {
      ...set,
      spec: { ...set.spec, clusterID: 'BBBBBBBBBBBBBBBBBBBBBB' },
    };
    expect(
      await failure(
        client.replaceNamespacedCustomObject({
          ...CFK,
          plural: 'kraftcontrollers',
          name: 'kraft',
          body: changed,
        }),
      ),
    ).toMatchObject({
      code: 422,
      body: {
        message:
          'KRaftController.platform.confluent.io "kraft" is invalid: spec.clusterID: Invalid value: "string": clusterId field is immutable, once set',
        details: {
          causes: [
            {
              reason: 'FieldValueInvalid',
              field: 'spec.clusterID',
              message:
                'Invalid value: "string": clusterId field is immutable, once set',
            },
          ],
        },
      },
    });
  });

  it('evaluates rules on int-or-string fields as the API server does', async () => {
    const client = clients.get('cfk')!;
    const schema = (name: string, version: unknown) => ({
      apiVersion: 'platform.confluent.io/v1beta1',
      kind: 'Schema',
      metadata: { name },
      spec: {
        data: { configRef: 'schema-config', format: 'avro' },
        schemaReferences: [
          {
            format: 'avro',
            subject: 'common',
            version,
            avro: { avro: 'common.avsc' },
          },
        ],
      },
    });
    const specVersionRule = async (name: string, version: unknown) =>
      failure(
        client.createNamespacedCustomObject({
          ...CFK,
          plural: 'schemas',
          body: schema(name, version),
        }),
      );
    const ok: any = await client.createNamespacedCustomObject({
      ...CFK,
      plural: 'schemas',
      body: schema('latest', 'latest'),
    });
    expect(ok.spec.schemaReferences[0].version).toBe('latest');
    const two: any = await client.createNamespacedCustomObject({
      ...CFK,
      plural: 'schemas',
      body: schema('two', 2),
    });
    expect(two.spec.schemaReferences[0].version).toBe(2);
    expect((await specVersionRule('zero', 0)).body.details.causes).toEqual([
      expect.objectContaining({
        field: 'spec.schemaReferences[0].version',
        message: expect.stringContaining(
          "version must be 'latest' or a positive integer",
        ),
      }),
    ]);
    expect(
      (await specVersionRule('word', 'newest')).body.details.causes,
    ).toEqual([
      expect.objectContaining({
        field: 'spec.schemaReferences[0].version',
        message: expect.stringContaining('no such overload'),
      }),
    ]);
  });
});

describe('Strimzi 1.2.0', () => {
  it('accepts a valid Kafka', async () => {
    const body = strimziKafka('my-cluster');
    const created: any = await clients
      .get('strimzi')!
      .createNamespacedCustomObject({
        ...STRIMZI,
        plural: 'kafkas',
        body,
        fieldValidation: 'Strict',
      });
    expect(created.spec).toEqual(body.spec);
    expect(created.apiVersion).toBe('kafka.strimzi.io/v1');
  });

  it('rejects a CEL rule violation', async () => {
    const body = strimziKafka('metrics', {
      metricsConfig: { type: 'jmxPrometheusExporter' },
    });
    expect(
      await failure(
        clients
          .get('strimzi')!
          .createNamespacedCustomObject({ ...STRIMZI, plural: 'kafkas', body }),
      ),
    ).toMatchObject({
      code: 422,
      body: {
        reason: 'Invalid',
        message:
          'Kafka.kafka.strimzi.io "metrics" is invalid: spec.kafka.metricsConfig: Invalid value: "object": valueFrom property is required',
      },
    });
    const fixed = strimziKafka('metrics', {
      metricsConfig: {
        type: 'jmxPrometheusExporter',
        valueFrom: { configMapKeyRef: { name: 'm', key: 'k' } },
      },
    });
    expect(
      await clients.get('strimzi')!.createNamespacedCustomObject({
        ...STRIMZI,
        plural: 'kafkas',
        body: fixed,
      }),
    ).toMatchObject({ metadata: { name: 'metrics' } });
  });

  it('rejects misspelled (Strict), mistyped and unsupported values; prunes misspellings otherwise', async () => {
    const client = clients.get('strimzi')!;
    const misspelled = strimziKafka('typo', { listners: [] });
    expect(
      (
        await failure(
          client.createNamespacedCustomObject({
            ...STRIMZI,
            plural: 'kafkas',
            body: misspelled,
            fieldValidation: 'Strict',
          }),
        )
      ).body.message,
    ).toBe(
      'Kafka in version "v1" cannot be handled as a Kafka: strict decoding error: unknown field "spec.kafka.listners"',
    );
    const pruned: any = await client.createNamespacedCustomObject({
      ...STRIMZI,
      plural: 'kafkas',
      body: misspelled,
    });
    expect(pruned.spec.kafka.listners).toBeUndefined();

    const mistyped = strimziKafka('mistyped', {
      listeners: [{ name: 'plain', port: '9092', type: 'bogus', tls: false }],
    });
    const { body } = await failure(
      client.createNamespacedCustomObject({
        ...STRIMZI,
        plural: 'kafkas',
        body: mistyped,
      }),
    );
    expect(body.details.causes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'FieldValueTypeInvalid',
          field: 'spec.kafka.listeners[0].port',
        }),
        expect.objectContaining({
          reason: 'FieldValueNotSupported',
          field: 'spec.kafka.listeners[0].type',
        }),
      ]),
    );
  });
});

describe('Strimzi 0.51.0 (two served versions)', () => {
  it('stores v1beta2 and serves the same object at v1, the preferred version', async () => {
    const client = clients.get('legacy')!;
    const body = {
      ...strimziKafka('old'),
      apiVersion: 'kafka.strimzi.io/v1beta2',
    };
    await client.createNamespacedCustomObject({
      group: 'kafka.strimzi.io',
      version: 'v1beta2',
      namespace: 'default',
      plural: 'kafkas',
      body,
    });
    const atV1: any = await client.getNamespacedCustomObject({
      ...STRIMZI,
      plural: 'kafkas',
      name: 'old',
    });
    expect(atV1.apiVersion).toBe('kafka.strimzi.io/v1');
    expect(atV1.spec.kafka.listeners).toHaveLength(2);
    const group = (await raw(legacy, 'GET', '/apis/kafka.strimzi.io')).json();
    expect(group.preferredVersion).toEqual({
      groupVersion: 'kafka.strimzi.io/v1',
      version: 'v1',
    });
    expect(group.versions.map((v: any) => v.version)).toEqual([
      'v1',
      'v1beta2',
      'v1beta1',
      'v1alpha1',
    ]);
  });
});

describe('rules the CEL engine cannot evaluate', () => {
  it('are reported as errors (422, InternalError), never passed', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'volumes.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'volumes', kind: 'Volume' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: { size: { type: 'string' } },
                    'x-kubernetes-validations': [
                      {
                        rule: "quantity(self.size).isGreaterThan(quantity('1Gi'))",
                        message: 'too small',
                      },
                    ],
                  },
                },
              },
            },
          },
        ],
      },
    };
    expect(
      (
        await raw(
          cfk,
          'POST',
          '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
          { body: crd },
        )
      ).status,
    ).toBe(201);
    const res = await raw(
      cfk,
      'POST',
      '/apis/example.com/v1/namespaces/default/volumes',
      {
        body: {
          apiVersion: 'example.com/v1',
          kind: 'Volume',
          metadata: { name: 'v' },
          spec: { size: '2Gi' },
        },
      },
    );
    expect(res.status).toBe(422);
    expect(res.json().details.causes).toEqual([
      {
        reason: 'InternalError',
        field: 'spec',
        message: expect.stringMatching(
          /^Internal error: kube-sandbox cannot evaluate rule .*quantity/,
        ),
      },
    ]);
  });
});

describe('the CRDs folder', () => {
  it('is read from KUBE_SANDBOX_CRDS_DIR, else the sets bundled in packages/operator-crds', () => {
    expect(defaultCrdsDir({ KUBE_SANDBOX_CRDS_DIR: '/elsewhere/crds' })).toBe(
      '/elsewhere/crds',
    );
    expect(defaultCrdsDir({})).toBe(join(__dirname, '../../operator-crds'));
  });

  it('being missing fails startSandbox with a message naming the folder', async () => {
    const missing = join(tempStateDir(), 'no-crds-here');
    await expect(
      startSandbox({
        stateDir: tempStateDir(),
        crdsDir: missing,
        clusters: [{ name: 'x', crdSets: ['cfk-3.3.0'] }],
      }),
    ).rejects.toThrow(`(no folder ${join(missing, 'cfk-3.3.0')})`);
  });

  it.each(['cfk-3.3.0', 'strimzi-0.51.0', 'strimzi-1.2.0'] as CrdSetName[])(
    'has schema-less stand-ins for %s that match the real kinds\u2019 names and versions',
    set => {
      const real = new Map(
        loadCrdSet(set).map(c => [c.metadata.name, c.spec as any]),
      );
      for (const fallback of fallbackCrdSet(set)) {
        const spec = fallback.spec as any;
        const original = real.get(fallback.metadata.name!);
        expect(original).toBeDefined();
        expect(spec.names).toMatchObject({
          kind: original.names.kind,
          plural: original.names.plural,
          shortNames: original.names.shortNames ?? [],
        });
        expect(spec.versions.map((v: any) => [v.name, v.storage])).toEqual(
          original.versions
            .filter((v: any) =>
              spec.versions.some((s: any) => s.name === v.name),
            )
            .map((v: any) => [v.name, v.storage]),
        );
        expect(spec.versions.find((v: any) => v.storage)).toBeDefined();
      }
    },
  );
});
