import * as k8s from '@kubernetes/client-node';
import { Clock } from '../clock';
import { Sandbox, SandboxCluster } from '../sandbox';
import {
  elapse,
  ensureNamespace,
  kubeConfig,
  podStates,
  startSimulated,
  warnings,
} from '../testUtils';

const API = 'platform.confluent.io/v1beta1';
const GROUP = { group: 'platform.confluent.io', version: 'v1beta1' };
const IMAGE = {
  application: 'confluentinc/cp-server:8.1.0',
  init: 'confluentinc/confluent-init-container:3.1.0',
};
const merge = () =>
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

let sandbox: Sandbox;
let clock: Clock;
let eu: SandboxCluster;
let custom: k8s.CustomObjectsApi;

const get = (kind: string, name: string, ns = 'kafka') =>
  eu.api.get(API, kind, name, ns) as any;
const condition = (cr: any, type: string) =>
  cr.status.conditions.find(
    (c: any) => c.type === `platform.confluent.io/${type}`,
  );

function clusterCr(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  ns = 'kafka',
) {
  return {
    apiVersion: API,
    kind,
    metadata: { name, namespace: ns },
    spec: { image: IMAGE, ...spec },
  };
}

beforeAll(async () => {
  ({ sandbox, clock } = await startSimulated([
    { name: 'eu', crdSets: ['cfk-3.3.0'] },
  ]));
  eu = sandbox.cluster('eu');
  custom = (await kubeConfig(eu)).makeApiClient(k8s.CustomObjectsApi);
  ensureNamespace(eu.api, 'kafka');
  // Written through client-node, as a user (or Argo CD) applies them.
  for (const [plural, body] of [
    [
      'kraftcontrollers',
      clusterCr('KRaftController', 'kraftcontroller', {
        replicas: 3,
        dataVolumeCapacity: '10Gi',
      }),
    ],
    [
      'kafkas',
      clusterCr('Kafka', 'kafka', {
        replicas: 3,
        dataVolumeCapacity: '10Gi',
        dependencies: {
          kRaftController: { clusterRef: { name: 'kraftcontroller' } },
        },
        listeners: {
          internal: {
            authentication: {
              type: 'plain',
              jaasConfig: { secretRef: 'credential' },
            },
            tls: { enabled: true },
          },
        },
      }),
    ],
    [
      'schemaregistries',
      clusterCr('SchemaRegistry', 'schemaregistry', {
        replicas: 2,
        dependencies: {
          kafka: { bootstrapEndpoint: 'kafka.kafka.svc.cluster.local:9071' },
        },
      }),
    ],
    [
      'connects',
      clusterCr('Connect', 'connect', {
        replicas: 1,
        dependencies: {
          kafka: { bootstrapEndpoint: 'kafka.kafka.svc.cluster.local:9071' },
        },
      }),
    ],
  ] as const) {
    await custom.createNamespacedCustomObject({
      ...GROUP,
      namespace: 'kafka',
      plural,
      body,
    });
  }
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
});

afterEach(() => {
  eu.simulator!.clear();
  elapse(clock, 120_000);
  // Every write of the simulator passed validation (strict, CEL included).
  const errors = eu.simulator!.errors();
  if (errors.length)
    throw new Error(`simulator errors: ${JSON.stringify(errors, null, 2)}`);
});

describe('the CFK simulator', () => {
  it('provisions a cluster CR: Service, StatefulSet, ordinal pods with the operator labels, PVCs; PROVISIONING until every replica is ready, then RUNNING', () => {
    clock.advance(2_000);
    const provisioning = get('Kafka', 'kafka');
    expect(provisioning.status).toMatchObject({
      phase: 'PROVISIONING',
      readyReplicas: 0,
      replicas: 3,
    });
    expect(provisioning.status.observedGeneration).toBeUndefined();
    const pod = eu.api.get('v1', 'Pod', 'kafka-2', 'kafka')!;
    expect(pod.metadata.labels).toMatchObject({
      app: 'kafka',
      clusterId: 'kafka',
      'confluent-platform': 'true',
      'platform.confluent.io/type': 'kafka',
      type: 'kafka',
      'statefulset.kubernetes.io/pod-name': 'kafka-2',
    });
    expect(pod.metadata.ownerReferences).toMatchObject([
      { kind: 'StatefulSet', name: 'kafka', controller: true },
    ]);
    expect((pod.spec as any).volumes).toContainEqual({
      name: 'data0',
      persistentVolumeClaim: { claimName: 'data0-kafka-2' },
    });
    const service = eu.api.get('v1', 'Service', 'kafka', 'kafka')!;
    expect(service.metadata.annotations).toMatchObject({
      'platform.confluent.io/cr-name': 'kafka',
      'platform.confluent.io/type': 'kafka',
    });

    elapse(clock, 60_000);
    const kafka = get('Kafka', 'kafka');
    const controller = get('KRaftController', 'kraftcontroller');
    expect(kafka.status).toMatchObject({
      phase: 'RUNNING',
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      observedGeneration: 1,
      operatorVersion: 'v0.1718.10',
      clusterID: controller.status.clusterID,
      minISR: 2,
      replicationFactor: 3,
      selector: 'app=kafka,clusterId=kafka,confluent-platform=true,type=kafka',
      listeners: {
        internal: {
          authenticationType: 'plain',
          internalEndpoint: 'kafka.kafka.svc.cluster.local:9071',
          tls: true,
          client: expect.stringContaining('security.protocol=SASL_SSL'),
        },
        replication: { internalEndpoint: 'kafka.kafka.svc.cluster.local:9072' },
        external: { internalEndpoint: 'kafka.kafka.svc.cluster.local:9092' },
      },
      services: {
        'kafka-rest': {
          internalEndpoint: 'http://kafka.kafka.svc.cluster.local:8090',
        },
      },
    });
    expect(
      kafka.status.conditions.map((c: any) => [c.type, c.status, c.reason]),
    ).toEqual([
      [
        'platform.confluent.io/statefulset-available',
        'True',
        'MinimumReplicasAvailable',
      ],
      [
        'platform.confluent.io/resources-ready',
        'True',
        'KubernetesResourcesReady',
      ],
      ['platform.confluent.io/rolling', 'False', 'ClusterNotRolling'],
      ['platform.confluent.io/garbage-collecting', 'False', 'ClusterNotShrunk'],
      ['platform.confluent.io/cluster-ready', 'True', undefined],
    ]);
    expect(controller.status.controllerQuorumVoters).toEqual(
      [0, 1, 2].map(i => ({
        brokerEndpoint: `kraftcontroller-${i}.kraftcontroller.kafka.svc.cluster.local:9074`,
        nodeId: 9990 + i,
      })),
    );
    expect(get('SchemaRegistry', 'schemaregistry').status).toMatchObject({
      phase: 'RUNNING',
      readyReplicas: 2,
      restConfig: {
        internalEndpoint: 'http://schemaregistry.kafka.svc.cluster.local:8081',
      },
      kafka: { bootstrapEndpoint: 'kafka.kafka.svc.cluster.local:9071' },
    });
    expect(
      eu.api.get('apps/v1', 'StatefulSet', 'kafka', 'kafka')!.status,
    ).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
    });
    expect(
      eu.api.get('v1', 'PersistentVolumeClaim', 'data0-kafka-0', 'kafka')!
        .status,
    ).toMatchObject({
      phase: 'Bound',
      capacity: { storage: '10Gi' },
    });
    expect(Object.values(podStates(eu.api, 'kafka')).every(p => p.ready)).toBe(
      true,
    );
  });

  it('provisions the other component CRs the same way: Zookeeper, KsqlDB, Control Center, REST Proxy', () => {
    ensureNamespace(eu.api, 'more');
    const kafka = {
      kafka: { bootstrapEndpoint: 'kafka.kafka.svc.cluster.local:9071' },
    };
    for (const cr of [
      clusterCr(
        'Zookeeper',
        'zookeeper',
        { replicas: 3, dataVolumeCapacity: '10Gi', logVolumeCapacity: '10Gi' },
        'more',
      ),
      clusterCr(
        'KsqlDB',
        'ksqldb',
        { replicas: 2, dataVolumeCapacity: '10Gi', dependencies: kafka },
        'more',
      ),
      clusterCr(
        'ControlCenter',
        'controlcenter',
        { replicas: 1, dataVolumeCapacity: '10Gi', dependencies: kafka },
        'more',
      ),
      clusterCr(
        'KafkaRestProxy',
        'kafkarestproxy',
        { replicas: 1, dependencies: kafka },
        'more',
      ),
    ]) {
      eu.api.create(cr as any);
    }
    clock.advance(2_000);
    expect(get('KsqlDB', 'ksqldb', 'more').status.phase).toBe('PROVISIONING');

    elapse(clock, 60_000);
    const statuses = Object.fromEntries(
      ['Zookeeper', 'KsqlDB', 'ControlCenter', 'KafkaRestProxy'].map(kind => [
        kind,
        get(kind, kind.toLowerCase(), 'more').status,
      ]),
    );
    for (const [kind, replicas] of [
      ['Zookeeper', 3],
      ['KsqlDB', 2],
      ['ControlCenter', 1],
      ['KafkaRestProxy', 1],
    ] as const) {
      expect(statuses[kind]).toMatchObject({
        phase: 'RUNNING',
        replicas,
        readyReplicas: replicas,
        observedGeneration: 1,
      });
      const name = kind.toLowerCase();
      expect(
        eu.api.get('apps/v1', 'StatefulSet', name, 'more')!.status,
      ).toMatchObject({ replicas, readyReplicas: replicas });
      expect(
        eu.api.get('v1', 'Pod', `${name}-0`, 'more')!.metadata.labels,
      ).toMatchObject({
        'confluent-platform': 'true',
        'platform.confluent.io/type': name,
      });
    }
    expect(statuses.KsqlDB.restConfig).toEqual({
      internalEndpoint: 'http://ksqldb.more.svc.cluster.local:8088',
    });
    expect(statuses.ControlCenter).toMatchObject({
      controlCenterName: '_confluent-controlcenter',
      restConfig: {
        internalEndpoint: 'http://controlcenter.more.svc.cluster.local:9021',
      },
    });
    expect(statuses.KafkaRestProxy.restConfig).toEqual({
      internalEndpoint: 'http://kafkarestproxy.more.svc.cluster.local:8082',
    });
    expect(
      statuses.Zookeeper.conditions.map((c: any) => [c.type, c.status]),
    ).toEqual([
      ['platform.confluent.io/statefulset-available', 'True'],
      ['platform.confluent.io/resources-ready', 'True'],
      ['platform.confluent.io/garbage-collecting', 'False'],
      ['platform.confluent.io/cluster-ready', 'True'],
    ]);
    expect(
      Object.values(podStates(eu.api, 'more')).filter(p => p.ready),
    ).toHaveLength(7);
  });

  it('rolls the brokers one at a time from the highest ordinal after a spec change, with the generation ahead until done', async () => {
    const deleted: string[] = [];
    const unsubscribe = eu.store.subscribe(e => {
      if (
        e.resource === 'pods' &&
        e.type === 'DELETED' &&
        e.object.meta.labels?.app === 'kafka'
      ) {
        deleted.push(e.object.meta.name);
      }
    });
    await custom.patchNamespacedCustomObject(
      {
        ...GROUP,
        namespace: 'kafka',
        plural: 'kafkas',
        name: 'kafka',
        body: {
          spec: { image: { application: 'confluentinc/cp-server:8.1.1' } },
        },
      },
      merge(),
    );
    elapse(clock, 15_000);
    const mid = get('Kafka', 'kafka');
    expect(mid.metadata.generation).toBe(2);
    expect(mid.status.observedGeneration).toBe(1);
    expect(condition(mid, 'rolling')).toMatchObject({ status: 'True' });
    expect(condition(mid, 'rolling').reason).toBeUndefined();
    expect(mid.status.readyReplicas).toBe(2);
    expect(deleted).toEqual(['kafka-2']);

    elapse(clock, 120_000);
    unsubscribe();
    const done = get('Kafka', 'kafka');
    expect(deleted).toEqual(['kafka-2', 'kafka-1', 'kafka-0']);
    expect(done.status.observedGeneration).toBe(2);
    expect(condition(done, 'rolling')).toMatchObject({
      status: 'False',
      reason: 'ClusterNotRolling',
    });
    const sts = eu.api.get('apps/v1', 'StatefulSet', 'kafka', 'kafka') as any;
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
    for (const i of [0, 1, 2]) {
      const pod = eu.api.get('v1', 'Pod', `kafka-${i}`, 'kafka') as any;
      expect(pod.spec.containers[0].image).toBe('confluentinc/cp-server:8.1.1');
      expect(pod.metadata.labels['controller-revision-hash']).toBe(
        sts.status.updateRevision,
      );
    }
  });

  it("rolls on request with the manual-roll annotation of CFK's pod template", () => {
    const rolled = eu.simulator!.roll({
      namespace: 'kafka',
      name: 'kraftcontroller',
    });
    expect(
      (rolled.spec as any).podTemplate.annotations['kafkacluster-manual-roll'],
    ).toBeDefined();
    elapse(clock, 10_000);
    expect(
      condition(get('KRaftController', 'kraftcontroller'), 'rolling').status,
    ).toBe('True');
    elapse(clock, 120_000);
    const controller = get('KRaftController', 'kraftcontroller');
    expect(controller.status.observedGeneration).toBe(
      controller.metadata.generation,
    );
    expect(condition(controller, 'rolling').status).toBe('False');
  });

  it('keeps observedGeneration behind while the operator is stuck, and catches up once cleared', () => {
    eu.simulator!.inject({
      type: 'operatorStuck',
      namespace: 'kafka',
      name: 'kafka',
    });
    const before = eu.api.get('apps/v1', 'StatefulSet', 'kafka', 'kafka')!;
    eu.api.patch(API, 'Kafka', 'kafka', 'kafka', { spec: { replicas: 4 } });
    elapse(clock, 300_000);
    const stuck = get('Kafka', 'kafka');
    expect(stuck.metadata.generation).toBe(3);
    expect(stuck.status.observedGeneration).toBe(2);
    expect(
      eu.api.get('apps/v1', 'StatefulSet', 'kafka', 'kafka')!.metadata
        .resourceVersion,
    ).toBe(before.metadata.resourceVersion);

    eu.simulator!.clear();
    elapse(clock, 200_000);
    const caughtUp = get('Kafka', 'kafka');
    expect(caughtUp.status).toMatchObject({
      observedGeneration: 3,
      replicas: 4,
      readyReplicas: 4,
      phase: 'RUNNING',
    });
    eu.api.patch(API, 'Kafka', 'kafka', 'kafka', { spec: { replicas: 3 } });
    elapse(clock, 200_000);
    expect(eu.api.get('v1', 'Pod', 'kafka-3', 'kafka')).toBeUndefined();
  });

  it('shows a component down through its pods (readiness probe failing, Unhealthy events), then recovers', () => {
    eu.simulator!.inject({
      type: 'componentDown',
      namespace: 'kafka',
      name: 'schemaregistry',
    });
    elapse(clock, 60_000);
    const down = get('SchemaRegistry', 'schemaregistry');
    expect(down.status).toMatchObject({
      phase: 'RUNNING',
      readyReplicas: 0,
      replicas: 2,
    });
    expect(condition(down, 'statefulset-available')).toMatchObject({
      status: 'False',
    });
    const unhealthy = warnings(eu.api, 'kafka').filter(
      e => e.reason === 'Unhealthy' && e.object === 'schemaregistry-0',
    );
    expect(unhealthy).toEqual([
      expect.objectContaining({
        message:
          'Readiness probe failed: HTTP probe failed with statuscode: 503',
      }),
    ]);
    expect(unhealthy[0].count).toBeGreaterThan(3);
    expect(
      podStates(eu.api, 'kafka', 'app=schemaregistry')['schemaregistry-1'],
    ).toMatchObject({
      phase: 'Running',
      ready: false,
      restarts: 0,
    });

    eu.simulator!.clear();
    elapse(clock, 20_000);
    const up = get('SchemaRegistry', 'schemaregistry');
    expect(up.status.readyReplicas).toBe(2);
    expect(condition(up, 'statefulset-available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
  });

  it('shows a component whose pods cannot mount a volume (ContainerCreating, FailedMount events), then recovers', () => {
    eu.simulator!.inject({
      type: 'componentDown',
      namespace: 'kafka',
      name: 'connect',
      reason: 'FailedMount',
    });
    elapse(clock, 3 * 60_000);
    expect(podStates(eu.api, 'kafka', 'app=connect')).toEqual({
      'connect-0': {
        phase: 'Pending',
        ready: false,
        restarts: 0,
        waiting: 'ContainerCreating',
      },
    });
    expect(
      warnings(eu.api, 'kafka').find(e => e.reason === 'FailedMount'),
    ).toMatchObject({
      object: 'connect-0',
      message:
        'MountVolume.SetUp failed for volume "config-init-volume" : configmap "connect-init-config" not found',
      count: expect.any(Number),
    });
    expect(get('Connect', 'connect').status.readyReplicas).toBe(0);
    eu.simulator!.clear();
    elapse(clock, 60_000);
    expect(get('Connect', 'connect').status.readyReplicas).toBe(1);
  });

  it('crash-loops a broker (restarts growing, CrashLoopBackOff, last state OOMKilled, BackOff events), then recovers', () => {
    eu.simulator!.inject({
      type: 'crashLoop',
      namespace: 'kafka',
      pod: 'kafka-1',
      reason: 'OOMKilled',
    });
    elapse(clock, 5 * 60_000);
    const early = podStates(eu.api, 'kafka')['kafka-1'];
    elapse(clock, 10 * 60_000);
    const late = podStates(eu.api, 'kafka')['kafka-1'];
    expect(late.restarts).toBeGreaterThan(early.restarts);
    expect(late).toMatchObject({
      phase: 'Running',
      ready: false,
      lastTerminated: 'OOMKilled',
    });
    const status = eu.api.get('v1', 'Pod', 'kafka-1', 'kafka')!.status as any;
    expect(status.containerStatuses[0].lastState.terminated).toMatchObject({
      exitCode: 137,
      reason: 'OOMKilled',
    });
    expect(get('Kafka', 'kafka').status.readyReplicas).toBe(2);
    const backOff = warnings(eu.api, 'kafka').find(
      e => e.reason === 'BackOff' && e.object === 'kafka-1',
    )!;
    expect(backOff.message).toMatch(
      /^Back-off restarting failed container kafka in pod kafka-1_kafka\(/,
    );
    expect(backOff.count).toBe(late.restarts);

    eu.simulator!.clear();
    elapse(clock, 6 * 60_000);
    expect(podStates(eu.api, 'kafka')['kafka-1']).toMatchObject({
      ready: true,
      restarts: late.restarts,
    });
    expect(get('Kafka', 'kafka').status.readyReplicas).toBe(3);
  });

  it("replaces a broker's claim that cannot be provisioned: PVC Pending, pod unschedulable, events saying why; then binds", () => {
    eu.simulator!.inject({
      type: 'pvcPending',
      namespace: 'kafka',
      pod: 'kafka-0',
    });
    elapse(clock, 3 * 60_000);
    const pvc = eu.api.get(
      'v1',
      'PersistentVolumeClaim',
      'data0-kafka-0',
      'kafka',
    ) as any;
    expect(pvc.status.phase).toBe('Pending');
    const pod = eu.api.get('v1', 'Pod', 'kafka-0', 'kafka') as any;
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status).toMatchObject({
      phase: 'Pending',
      conditions: [
        expect.objectContaining({
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
        }),
      ],
    });
    const events = warnings(eu.api, 'kafka');
    expect(events).toContainEqual(
      expect.objectContaining({
        reason: 'ProvisioningFailed',
        object: 'data0-kafka-0',
        message: 'storageclass.storage.k8s.io "gp3" not found',
      }),
    );
    expect(
      events.find(
        e => e.reason === 'FailedScheduling' && e.object === 'kafka-0',
      )?.message,
    ).toContain('pod has unbound immediate PersistentVolumeClaims');

    eu.simulator!.clear();
    elapse(clock, 60_000);
    expect(
      (
        eu.api.get(
          'v1',
          'PersistentVolumeClaim',
          'data0-kafka-0',
          'kafka',
        ) as any
      ).status.phase,
    ).toBe('Bound');
    expect(podStates(eu.api, 'kafka')['kafka-0'].ready).toBe(true);
  });

  it('leaves a CR with platform.confluent.io/block-reconcile alone', () => {
    eu.api.patch(API, 'SchemaRegistry', 'schemaregistry', 'kafka', {
      metadata: {
        annotations: { 'platform.confluent.io/block-reconcile': 'true' },
      },
      spec: { replicas: 3 },
    });
    elapse(clock, 120_000);
    const blocked = get('SchemaRegistry', 'schemaregistry');
    expect(blocked.status.replicas).toBe(2);
    expect(blocked.status.observedGeneration).toBeLessThan(
      blocked.metadata.generation,
    );
    eu.api.patch(API, 'SchemaRegistry', 'schemaregistry', 'kafka', {
      metadata: {
        annotations: { 'platform.confluent.io/block-reconcile': null },
      },
      spec: { replicas: 2 },
    });
  });
});

describe('CFK application resources', () => {
  beforeAll(() => {
    ensureNamespace(eu.api, 'dest');
    const create = (
      kind: string,
      name: string,
      spec: Record<string, unknown>,
      ns = 'kafka',
    ) =>
      eu.api.create({
        apiVersion: API,
        kind,
        metadata: { name, namespace: ns },
        spec,
      });
    create('KafkaRestClass', 'kafka-rest', {
      kafkaClusterRef: { name: 'kafka' },
    });
    create('KafkaTopic', 'orders', {
      name: 'orders.created',
      partitionCount: 6,
      replicas: 3,
      kafkaRestClassRef: { name: 'kafka-rest' },
    });
    create('Connector', 'sink', {
      class: 'io.confluent.connect.jdbc.JdbcSinkConnector',
      taskMax: 3,
      connectClusterRef: { name: 'connect' },
    });
    create('Schema', 'orders-value', {
      data: { configRef: 'orders-schema', format: 'avro' },
      schemaRegistryClusterRef: { name: 'schemaregistry' },
    });
    create('ConfluentRolebinding', 'orders-write', {
      principal: { type: 'user', name: 'orders' },
      role: 'DeveloperWrite',
      resourcePatterns: [
        { name: 'orders.', patternType: 'PREFIXED', resourceType: 'Topic' },
      ],
      kafkaRestClassRef: { name: 'kafka-rest' },
    });
    for (const [kind, name, spec] of [
      ['KRaftController', 'kraft', { replicas: 1, dataVolumeCapacity: '1Gi' }],
      [
        'Kafka',
        'dest',
        {
          replicas: 1,
          dataVolumeCapacity: '1Gi',
          dependencies: { kRaftController: { clusterRef: { name: 'kraft' } } },
          passwordEncoder: { secretRef: 'password-encoder-secret' },
        },
      ],
    ] as const) {
      eu.api.create(clusterCr(kind, name, spec, 'dest'));
    }
    create(
      'KafkaRestClass',
      'dest-rest',
      { kafkaClusterRef: { name: 'dest' } },
      'dest',
    );
    create(
      'ClusterLink',
      'link',
      {
        destinationKafkaCluster: { kafkaRestClassRef: { name: 'dest-rest' } },
        sourceKafkaCluster: {
          bootstrapEndpoint: 'kafka.kafka.svc.cluster.local:9071',
          kafkaRestClassRef: { name: 'kafka-rest', namespace: 'kafka' },
          authentication: {
            type: 'plain',
            jaasConfig: { secretRef: 'credential' },
          },
          tls: { enabled: true },
        },
        mirrorTopics: [
          { name: 'orders.created' },
          { name: 'paused', state: 'PAUSE' },
        ],
      },
      'dest',
    );
    elapse(clock, 60_000);
  });

  it('gives each its documented state, appState and app-ready condition once its cluster serves', () => {
    const kafkaId = get('Kafka', 'kafka').status.clusterID;
    const created = {
      appState: 'Created',
      observedGeneration: 1,
      conditions: [
        expect.objectContaining({
          type: 'platform.confluent.io/app-ready',
          status: 'True',
          reason: 'Created',
          message: 'Application is created',
        }),
      ],
    };
    expect(get('KafkaRestClass', 'kafka-rest').status).toEqual({
      endpoint: 'http://kafka.kafka.svc.cluster.local:8090',
      kafkaClusterID: kafkaId,
    });
    expect(get('KafkaTopic', 'orders').status).toEqual({
      ...created,
      state: 'CREATED',
      kafkaCluster: 'kafka/kafka',
      kafkaClusterID: kafkaId,
      kafkaRestEndpoint: 'http://kafka.kafka.svc.cluster.local:8090',
      partitionCount: 6,
      replicas: 3,
    });
    expect(get('Connector', 'sink').status).toMatchObject({
      ...created,
      state: 'CREATED',
      connectorState: 'RUNNING',
      tasksReady: '3/3',
      kafkaClusterID: kafkaId,
      connectRestEndpoint: 'http://connect.kafka.svc.cluster.local:8083',
      restartPolicy: { type: 'OnFailure', maxRetry: 10 },
    });
    expect(get('Schema', 'orders-value').status).toMatchObject({
      ...created,
      state: 'SUCCEEDED',
      subject: 'orders-value',
      format: 'avro',
      id: 1,
      version: 1,
    });
    expect(get('ConfluentRolebinding', 'orders-write').status).toMatchObject({
      ...created,
      state: 'CREATED',
      principal: 'User:orders',
      role: 'DeveloperWrite',
      kafkaClusterID: kafkaId,
      kafkaRestClass: 'kafka/kafka-rest',
    });
    expect(get('ClusterLink', 'link', 'dest').status).toMatchObject({
      ...created,
      state: 'CREATED',
      clusterLinkName: 'link',
      sourceKafkaClusterID: kafkaId,
      destinationKafkaClusterID: get('Kafka', 'dest', 'dest').status.clusterID,
      kafkaCluster: 'dest/dest',
      numMirrorTopics: 2,
      mirrorTopics: {
        'orders.created': {
          status: 'ACTIVE',
          sourceTopicName: 'orders.created',
          replicationFactor: 1,
          observedGeneration: 1,
        },
        paused: {
          status: 'PAUSED',
          sourceTopicName: 'paused',
          replicationFactor: 1,
          observedGeneration: 1,
        },
      },
    });
  });

  it('fails a connector task (failedTasks, retries growing up to maxRetry), then recovers', () => {
    eu.simulator!.inject({
      type: 'connectorTaskFailed',
      namespace: 'kafka',
      name: 'sink',
      task: 1,
    });
    elapse(clock, 3 * 60_000);
    const failed = get('Connector', 'sink').status;
    expect(failed).toMatchObject({
      state: 'CREATED',
      connectorState: 'RUNNING',
      tasksReady: '2/3',
      failedTasksCount: 1,
      failedTasks: { 'task-1': { id: 1 } },
    });
    expect(failed.failedTasks['task-1'].retryCount).toBeGreaterThanOrEqual(2);
    elapse(clock, 20 * 60_000);
    expect(
      get('Connector', 'sink').status.failedTasks['task-1'].retryCount,
    ).toBe(10);
    eu.simulator!.clear();
    elapse(clock, 5_000);
    const healed = get('Connector', 'sink').status;
    expect(healed.tasksReady).toBe('3/3');
    expect(healed.failedTasks).toBeUndefined();
  });
});
