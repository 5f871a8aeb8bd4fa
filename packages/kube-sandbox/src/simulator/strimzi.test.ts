import * as k8s from '@kubernetes/client-node';
import { Clock } from '../clock';
import { Sandbox, SandboxCluster } from '../sandbox';
import { KubeObject } from '../types';
import {
  elapse,
  ensureNamespace,
  kubeConfig,
  podStates,
  startSimulated,
  warnings,
} from '../testUtils';

const merge = () =>
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

let sandbox: Sandbox;
let clock: Clock;
let us: SandboxCluster;
let stg: SandboxCluster;

/** kafka-persistent.yaml's cluster (the operators’ examples): pools controller and broker of 3. */
function cluster(
  api: string,
  ns: string,
  name: string,
  labels: Record<string, string> = {},
): KubeObject[] {
  const pool = (role: string) => ({
    apiVersion: api,
    kind: 'KafkaNodePool',
    metadata: {
      name: role,
      namespace: ns,
      labels: { 'strimzi.io/cluster': name },
    },
    spec: {
      replicas: 3,
      roles: [role],
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
  });
  return [
    pool('controller'),
    pool('broker'),
    {
      apiVersion: api,
      kind: 'Kafka',
      metadata: { name, namespace: ns, labels },
      spec: {
        kafka: {
          listeners: [
            { name: 'plain', port: 9092, type: 'internal', tls: false },
            { name: 'tls', port: 9093, type: 'internal', tls: true },
          ],
          config: { 'default.replication.factor': 3, 'min.insync.replicas': 2 },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
    },
  ];
}

const kafkaOf = (c: SandboxCluster, ns: string, name: string, version = 'v1') =>
  c.api.get(`kafka.strimzi.io/${version}`, 'Kafka', name, ns) as any;
const conditions = (o: any) =>
  o.status.conditions.map((c: any) => [c.type, c.status, c.reason]);

beforeAll(async () => {
  ({ sandbox, clock } = await startSimulated([
    { name: 'us', crdSets: ['strimzi-1.2.0'] },
    { name: 'stg', crdSets: ['strimzi-0.51.0'] },
  ]));
  us = sandbox.cluster('us');
  stg = sandbox.cluster('stg');
  ensureNamespace(us.api, 'orders');
  const custom = (await kubeConfig(us)).makeApiClient(k8s.CustomObjectsApi);
  for (const object of cluster(
    'kafka.strimzi.io/v1',
    'orders',
    'orders-kafka',
    { 'backstage.io/kubernetes-id': 'orders' },
  )) {
    await custom.createNamespacedCustomObject({
      group: 'kafka.strimzi.io',
      version: 'v1',
      namespace: 'orders',
      plural: object.kind === 'Kafka' ? 'kafkas' : 'kafkanodepools',
      body: object,
    });
  }
  for (const [kind, name, spec] of [
    ['KafkaTopic', 'orders-created', { partitions: 12, replicas: 3 }],
    ['KafkaUser', 'orders-api', { authentication: { type: 'tls' } }],
    [
      'KafkaUser',
      'orders-reader',
      { authentication: { type: 'scram-sha-512' } },
    ],
  ] as const) {
    us.api.create({
      apiVersion: 'kafka.strimzi.io/v1',
      kind,
      metadata: {
        name,
        namespace: 'orders',
        labels: { 'strimzi.io/cluster': 'orders-kafka' },
      },
      spec,
    });
  }
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
});

afterEach(() => {
  for (const c of [us, stg]) c.simulator!.clear();
  elapse(clock, 120_000);
  // Every write of the simulator passed validation (strict, CEL included).
  const errors = [...us.simulator!.errors(), ...stg.simulator!.errors()];
  if (errors.length)
    throw new Error(`simulator errors: ${JSON.stringify(errors, null, 2)}`);
});

describe('the Strimzi simulator (1.2.0, v1)', () => {
  it('creates a cluster per node pool: pod sets, pods and PVCs named and labelled as Strimzi does; NotReady/Creating, then Ready', () => {
    clock.advance(2_000);
    expect(conditions(kafkaOf(us, 'orders', 'orders-kafka'))).toEqual([
      ['NotReady', 'True', 'Creating'],
    ]);
    expect(
      kafkaOf(us, 'orders', 'orders-kafka').status.conditions[0].message,
    ).toBe('Kafka cluster is being deployed');
    clock.advance(2_000);
    const broker = us.api.get('v1', 'Pod', 'orders-kafka-broker-0', 'orders')!;
    expect(broker.metadata.labels).toMatchObject({
      'strimzi.io/cluster': 'orders-kafka',
      'strimzi.io/kind': 'Kafka',
      'strimzi.io/name': 'orders-kafka-kafka',
      'strimzi.io/component-type': 'kafka',
      'strimzi.io/pool-name': 'broker',
      'strimzi.io/broker-role': 'true',
      'strimzi.io/controller-role': 'false',
      'strimzi.io/pod-name': 'orders-kafka-broker-0',
      'strimzi.io/controller': 'strimzipodset',
      'strimzi.io/controller-name': 'orders-kafka-broker',
      'app.kubernetes.io/name': 'kafka',
      'app.kubernetes.io/instance': 'orders-kafka',
      'backstage.io/kubernetes-id': 'orders',
    });
    expect(broker.metadata.annotations?.['strimzi.io/revision']).toMatch(
      /^[0-9a-f]{8}$/,
    );
    expect(broker.metadata.ownerReferences).toMatchObject([
      {
        apiVersion: 'core.strimzi.io/v1',
        kind: 'StrimziPodSet',
        name: 'orders-kafka-broker',
      },
    ]);
    expect(
      us.api.get('v1', 'Pod', 'orders-kafka-controller-3', 'orders')!.metadata
        .labels?.['strimzi.io/controller-role'],
    ).toBe('true');
    expect(
      us.api.get(
        'v1',
        'PersistentVolumeClaim',
        'data-0-orders-kafka-broker-0',
        'orders',
      ),
    ).toBeDefined();
    expect(
      us.api.get('v1', 'Service', 'orders-kafka-kafka-bootstrap', 'orders'),
    ).toBeDefined();
    expect(
      us.api.get('v1', 'Service', 'orders-kafka-kafka-brokers', 'orders'),
    ).toBeDefined();

    elapse(clock, 60_000);
    const kafka = kafkaOf(us, 'orders', 'orders-kafka');
    expect(kafka.status).toEqual({
      conditions: [expect.objectContaining({ type: 'Ready', status: 'True' })],
      observedGeneration: 1,
      listeners: [
        {
          name: 'plain',
          addresses: [
            { host: 'orders-kafka-kafka-bootstrap.orders.svc', port: 9092 },
          ],
          bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9092',
        },
        {
          name: 'tls',
          addresses: [
            { host: 'orders-kafka-kafka-bootstrap.orders.svc', port: 9093 },
          ],
          bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9093',
        },
      ],
      kafkaNodePools: [{ name: 'broker' }, { name: 'controller' }],
      clusterId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      operatorLastSuccessfulVersion: '1.2.0',
      kafkaVersion: '4.3.1',
      kafkaMetadataVersion: '4.3-IV0',
    });
    expect(
      (
        us.api.get(
          'kafka.strimzi.io/v1',
          'KafkaNodePool',
          'controller',
          'orders',
        ) as any
      ).status,
    ).toEqual({
      conditions: [],
      observedGeneration: 1,
      nodeIds: [3, 4, 5],
      clusterId: kafka.status.clusterId,
      roles: ['controller'],
      replicas: 3,
      labelSelector:
        'strimzi.io/cluster=orders-kafka,strimzi.io/name=orders-kafka-kafka,strimzi.io/kind=Kafka,strimzi.io/pool-name=controller',
    });
    expect(
      (
        us.api.get(
          'core.strimzi.io/v1',
          'StrimziPodSet',
          'orders-kafka-broker',
          'orders',
        ) as any
      ).status,
    ).toMatchObject({
      pods: 3,
      readyPods: 3,
      currentPods: 3,
    });
    expect(
      Object.entries(podStates(us.api, 'orders')).filter(([, p]) => !p.ready),
    ).toEqual([]);
    expect(
      Object.keys(
        podStates(
          us.api,
          'orders',
          'strimzi.io/name=orders-kafka-entity-operator',
        ),
      ),
    ).toHaveLength(1);
  });

  it('gets topics and users Ready from the entity operator, with the user secrets', () => {
    expect(
      (
        us.api.get(
          'kafka.strimzi.io/v1',
          'KafkaTopic',
          'orders-created',
          'orders',
        ) as any
      ).status,
    ).toEqual({
      conditions: [expect.objectContaining({ type: 'Ready', status: 'True' })],
      observedGeneration: 1,
      topicName: 'orders-created',
      topicId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
    expect(
      (
        us.api.get(
          'kafka.strimzi.io/v1',
          'KafkaUser',
          'orders-api',
          'orders',
        ) as any
      ).status,
    ).toMatchObject({
      username: 'CN=orders-api',
      secret: 'orders-api',
    });
    expect(
      (
        us.api.get(
          'kafka.strimzi.io/v1',
          'KafkaUser',
          'orders-reader',
          'orders',
        ) as any
      ).status.username,
    ).toBe('orders-reader');
    expect(
      Object.keys(
        (us.api.get('v1', 'Secret', 'orders-reader', 'orders') as any).data,
      ),
    ).toEqual(['password', 'sasl.jaas.config']);
  });

  it('rolls node by node after a spec change (controllers first), observedGeneration behind until done', async () => {
    const deleted: string[] = [];
    const unsubscribe = us.store.subscribe(e => {
      if (e.resource === 'pods' && e.type === 'DELETED')
        deleted.push(e.object.meta.name);
    });
    const custom = (await kubeConfig(us)).makeApiClient(k8s.CustomObjectsApi);
    await custom.patchNamespacedCustomObject(
      {
        group: 'kafka.strimzi.io',
        version: 'v1',
        namespace: 'orders',
        plural: 'kafkas',
        name: 'orders-kafka',
        body: { spec: { kafka: { config: { 'log.retention.hours': 72 } } } },
      },
      merge(),
    );
    elapse(clock, 15_000);
    const mid = kafkaOf(us, 'orders', 'orders-kafka');
    expect([mid.metadata.generation, mid.status.observedGeneration]).toEqual([
      2, 1,
    ]);
    expect(
      (
        us.api.get(
          'core.strimzi.io/v1',
          'StrimziPodSet',
          'orders-kafka-broker',
          'orders',
        ) as any
      ).status.currentPods,
    ).toBe(0);
    elapse(clock, 300_000);
    unsubscribe();
    expect(deleted).toEqual(
      [3, 4, 5]
        .map(i => `orders-kafka-controller-${i}`)
        .concat([0, 1, 2].map(i => `orders-kafka-broker-${i}`)),
    );
    const done = kafkaOf(us, 'orders', 'orders-kafka');
    expect(done.status.observedGeneration).toBe(2);
    expect(conditions(done)).toEqual([['Ready', 'True', undefined]]);
  });

  it('rolls the pods of a pod set annotated strimzi.io/manual-rolling-update, then removes the annotation', () => {
    us.api.patch(
      'core.strimzi.io/v1',
      'StrimziPodSet',
      'orders-kafka-broker',
      'orders',
      {
        metadata: {
          annotations: { 'strimzi.io/manual-rolling-update': 'true' },
        },
      },
    );
    const before = us.api.get('v1', 'Pod', 'orders-kafka-broker-1', 'orders')!
      .metadata.uid;
    elapse(clock, 180_000);
    expect(
      us.api.get('v1', 'Pod', 'orders-kafka-broker-1', 'orders')!.metadata.uid,
    ).not.toBe(before);
    expect(
      us.api.get(
        'core.strimzi.io/v1',
        'StrimziPodSet',
        'orders-kafka-broker',
        'orders',
      )!.metadata.annotations?.['strimzi.io/manual-rolling-update'],
    ).toBeUndefined();
  });

  it('crash-loops a broker; after the operation timeout the reconcile fails (NotReady TimeoutException); cleared, Ready again', () => {
    us.simulator!.inject({
      type: 'crashLoop',
      namespace: 'orders',
      pod: 'orders-kafka-broker-2',
      reason: 'Error',
    });
    elapse(clock, 8 * 60_000);
    expect(podStates(us.api, 'orders')['orders-kafka-broker-2']).toMatchObject({
      phase: 'Running',
      ready: false,
      lastTerminated: 'Error',
    });
    const failed = kafkaOf(us, 'orders', 'orders-kafka');
    expect(conditions(failed)).toEqual([
      ['NotReady', 'True', 'TimeoutException'],
    ]);
    expect(failed.status.conditions[0].message).toBe(
      'Exceeded timeout of 300000ms while waiting for Pod resource orders-kafka-broker-2 in namespace orders to be ready',
    );
    expect(
      (
        us.api.get(
          'core.strimzi.io/v1',
          'StrimziPodSet',
          'orders-kafka-broker',
          'orders',
        ) as any
      ).status.readyPods,
    ).toBe(2);
    expect(
      warnings(us.api, 'orders').find(e => e.reason === 'BackOff')?.object,
    ).toBe('orders-kafka-broker-2');

    us.simulator!.clear();
    elapse(clock, 6 * 60_000);
    expect(conditions(kafkaOf(us, 'orders', 'orders-kafka'))).toEqual([
      ['Ready', 'True', undefined],
    ]);
  });

  it('shows a claim Strimzi cannot get provisioned, then binds it once cleared', () => {
    us.simulator!.inject({
      type: 'pvcPending',
      namespace: 'orders',
      pod: 'orders-kafka-broker-1',
      message: 'no capacity in zone eu-west-1a',
    });
    elapse(clock, 3 * 60_000);
    expect(
      (
        us.api.get(
          'v1',
          'PersistentVolumeClaim',
          'data-0-orders-kafka-broker-1',
          'orders',
        ) as any
      ).status.phase,
    ).toBe('Pending');
    expect(warnings(us.api, 'orders')).toContainEqual(
      expect.objectContaining({
        reason: 'ProvisioningFailed',
        object: 'data-0-orders-kafka-broker-1',
        message: 'no capacity in zone eu-west-1a',
      }),
    );
    expect(podStates(us.api, 'orders')['orders-kafka-broker-1']).toMatchObject({
      phase: 'Pending',
      ready: false,
    });
    us.simulator!.clear();
    elapse(clock, 60_000);
    expect(podStates(us.api, 'orders')['orders-kafka-broker-1'].ready).toBe(
      true,
    );
  });

  it('scales a node pool with the lowest free node IDs, and keeps a stuck operator behind until cleared', () => {
    us.simulator!.inject({ type: 'operatorStuck', namespace: 'orders' });
    us.api.patch('kafka.strimzi.io/v1', 'KafkaNodePool', 'broker', 'orders', {
      spec: { replicas: 4 },
    });
    elapse(clock, 120_000);
    const pool = us.api.get(
      'kafka.strimzi.io/v1',
      'KafkaNodePool',
      'broker',
      'orders',
    ) as any;
    expect([
      pool.metadata.generation,
      pool.status.observedGeneration,
      pool.status.nodeIds,
    ]).toEqual([2, 1, [0, 1, 2]]);
    expect(
      us.api.get('v1', 'Pod', 'orders-kafka-broker-6', 'orders'),
    ).toBeUndefined();
    us.simulator!.clear();
    elapse(clock, 60_000);
    const scaled = us.api.get(
      'kafka.strimzi.io/v1',
      'KafkaNodePool',
      'broker',
      'orders',
    ) as any;
    expect(scaled.status).toMatchObject({
      observedGeneration: 2,
      nodeIds: [0, 1, 2, 6],
      replicas: 4,
    });
    expect(podStates(us.api, 'orders')['orders-kafka-broker-6'].ready).toBe(
      true,
    );
  });

  it('runs a single dual-role node on ephemeral storage, with the KafkaStorage warning', () => {
    ensureNamespace(us.api, 'dev');
    us.api.create({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaNodePool',
      metadata: {
        name: 'dual-role',
        namespace: 'dev',
        labels: { 'strimzi.io/cluster': 'dev' },
      },
      spec: {
        replicas: 1,
        roles: ['controller', 'broker'],
        storage: { type: 'ephemeral' },
      },
    });
    us.api.create({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'Kafka',
      metadata: { name: 'dev', namespace: 'dev' },
      spec: {
        kafka: {
          listeners: [
            { name: 'plain', port: 9092, type: 'internal', tls: false },
          ],
        },
      },
    });
    elapse(clock, 60_000);
    expect(conditions(kafkaOf(us, 'dev', 'dev'))).toEqual([
      ['Warning', 'True', 'KafkaStorage'],
      ['Ready', 'True', undefined],
    ]);
    const pod = us.api.get('v1', 'Pod', 'dev-dual-role-0', 'dev') as any;
    expect(pod.metadata.labels).toMatchObject({
      'strimzi.io/broker-role': 'true',
      'strimzi.io/controller-role': 'true',
    });
    expect(pod.spec.volumes[0]).toEqual({ name: 'data', emptyDir: {} });
    expect(us.api.list('v1', 'PersistentVolumeClaim', 'dev')).toEqual([]);
  });

  it('writes ReconciliationPaused while strimzi.io/pause-reconciliation is set', () => {
    us.api.patch('kafka.strimzi.io/v1', 'Kafka', 'orders-kafka', 'orders', {
      metadata: { annotations: { 'strimzi.io/pause-reconciliation': 'true' } },
    });
    elapse(clock, 5_000);
    expect(conditions(kafkaOf(us, 'orders', 'orders-kafka'))).toEqual([
      ['ReconciliationPaused', 'True', undefined],
    ]);
    us.api.patch('kafka.strimzi.io/v1', 'Kafka', 'orders-kafka', 'orders', {
      metadata: { annotations: { 'strimzi.io/pause-reconciliation': null } },
    });
    elapse(clock, 5_000);
    expect(conditions(kafkaOf(us, 'orders', 'orders-kafka'))).toEqual([
      ['Ready', 'True', undefined],
    ]);
  });
});

describe('the Strimzi simulator (0.51.0, v1beta2)', () => {
  const V1B2 = 'kafka.strimzi.io/v1beta2';
  beforeAll(() => {
    ensureNamespace(stg.api, 'shipping');
    cluster(V1B2, 'shipping', 'shipping-kafka').forEach(o => stg.api.create(o));
    stg.api.create({
      apiVersion: V1B2,
      kind: 'KafkaConnect',
      metadata: {
        name: 'connect',
        namespace: 'shipping',
        annotations: { 'strimzi.io/use-connector-resources': 'true' },
      },
      spec: {
        replicas: 2,
        bootstrapServers: 'shipping-kafka-kafka-bootstrap:9092',
        config: {
          'group.id': 'connect',
          'offset.storage.topic': 'o',
          'config.storage.topic': 'c',
          'status.storage.topic': 's',
        },
      },
    });
    stg.api.create({
      apiVersion: V1B2,
      kind: 'KafkaConnector',
      metadata: {
        name: 'sink',
        namespace: 'shipping',
        labels: { 'strimzi.io/cluster': 'connect' },
      },
      spec: {
        class: 'io.confluent.connect.s3.S3SinkConnector',
        tasksMax: 2,
        config: { topics: 'a,b' },
      },
    });
    elapse(clock, 90_000);
  });

  it('writes the v1beta2 status fields (metadata state, registered node IDs, listener types), served at v1 too', () => {
    const kafka = kafkaOf(stg, 'shipping', 'shipping-kafka', 'v1beta2');
    expect(kafka.status).toMatchObject({
      kafkaMetadataState: 'KRaft',
      registeredNodeIds: [0, 1, 2, 3, 4, 5],
      operatorLastSuccessfulVersion: '0.51.0',
      listeners: [
        expect.objectContaining({ type: 'plain', name: 'plain' }),
        expect.objectContaining({ type: 'tls' }),
      ],
    });
    expect(
      kafkaOf(stg, 'shipping', 'shipping-kafka', 'v1').status.conditions,
    ).toEqual(kafka.status.conditions);
    expect(
      stg.api.get('v1', 'Pod', 'shipping-kafka-broker-0', 'shipping')!.metadata
        .ownerReferences?.[0].apiVersion,
    ).toBe('core.strimzi.io/v1beta2');
  });

  it('runs KafkaConnect and its KafkaConnector from a pod set, Ready with its URL and the connector (MirrorMaker 2: links.test.ts)', () => {
    const connect = stg.api.get(
      V1B2,
      'KafkaConnect',
      'connect',
      'shipping',
    ) as any;
    expect(connect.status).toMatchObject({
      conditions: [expect.objectContaining({ type: 'Ready', status: 'True' })],
      url: 'http://connect-connect-api.shipping.svc:8083',
      replicas: 2,
      labelSelector:
        'strimzi.io/cluster=connect,strimzi.io/kind=KafkaConnect,strimzi.io/name=connect-connect',
    });
    expect(
      podStates(stg.api, 'shipping', 'strimzi.io/kind=KafkaConnect'),
    ).toMatchObject({
      'connect-connect-0': { ready: true },
      'connect-connect-1': { ready: true },
    });
    expect(
      (stg.api.get(V1B2, 'KafkaConnector', 'sink', 'shipping') as any).status,
    ).toMatchObject({
      conditions: [expect.objectContaining({ type: 'Ready', status: 'True' })],
      connectorStatus: {
        name: 'sink',
        type: 'sink',
        connector: {
          state: 'RUNNING',
          worker_id: 'connect-connect-0.connect-connect.shipping.svc:8083',
        },
        tasks: [
          {
            id: 0,
            state: 'RUNNING',
            worker_id: 'connect-connect-0.connect-connect.shipping.svc:8083',
          },
          {
            id: 1,
            state: 'RUNNING',
            worker_id: 'connect-connect-1.connect-connect.shipping.svc:8083',
          },
        ],
      },
      tasksMax: 2,
      topics: ['a', 'b'],
    });
  });

  it('fails a connector task (NotReady Throwable, the task FAILED with its trace), then recovers', () => {
    stg.simulator!.inject({
      type: 'connectorTaskFailed',
      namespace: 'shipping',
      name: 'sink',
      task: 0,
    });
    elapse(clock, 5_000);
    const failed = (
      stg.api.get(V1B2, 'KafkaConnector', 'sink', 'shipping') as any
    ).status;
    expect(conditions({ status: failed })).toEqual([
      ['NotReady', 'True', 'Throwable'],
    ]);
    expect(failed.conditions[0].message).toBe(
      'The following tasks have failed: 0, see connectorStatus for more details.',
    );
    expect(failed.connectorStatus.tasks[0]).toMatchObject({
      state: 'FAILED',
      trace: expect.stringContaining('ConnectException'),
    });
    stg.simulator!.clear();
    elapse(clock, 5_000);
    expect(
      conditions({
        status: (stg.api.get(V1B2, 'KafkaConnector', 'sink', 'shipping') as any)
          .status,
      }),
    ).toEqual([['Ready', 'True', undefined]]);
  });

  it('takes Connect down (workers not ready, then NotReady after the timeout), then brings it back', () => {
    stg.simulator!.inject({
      type: 'componentDown',
      namespace: 'shipping',
      name: 'connect',
    });
    elapse(clock, 6 * 60_000);
    expect(
      Object.values(
        podStates(stg.api, 'shipping', 'strimzi.io/kind=KafkaConnect'),
      ).map(p => p.ready),
    ).toEqual([false, false]);
    expect(
      conditions(stg.api.get(V1B2, 'KafkaConnect', 'connect', 'shipping')),
    ).toEqual([['NotReady', 'True', 'TimeoutException']]);
    stg.simulator!.clear();
    elapse(clock, 5 * 60_000);
    expect(
      conditions(stg.api.get(V1B2, 'KafkaConnect', 'connect', 'shipping')),
    ).toEqual([['Ready', 'True', undefined]]);
  });

  it('rolls on request through the pod template annotation, as kubectl rollout restart would', () => {
    const rolled = stg.simulator!.roll({
      namespace: 'shipping',
      name: 'shipping-kafka',
    }) as any;
    expect(
      rolled.spec.kafka.template.pod.metadata.annotations[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBeDefined();
    elapse(clock, 10_000);
    const rolling = kafkaOf(stg, 'shipping', 'shipping-kafka', 'v1beta2');
    expect(rolling.metadata.generation).toBeGreaterThan(
      rolling.status.observedGeneration,
    );
    elapse(clock, 300_000);
    const done = kafkaOf(stg, 'shipping', 'shipping-kafka', 'v1beta2');
    expect(done.status.observedGeneration).toBe(done.metadata.generation);
  });
});
