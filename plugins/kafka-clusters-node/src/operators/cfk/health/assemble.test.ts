import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { POD_KEYS, snapshotOf } from '../../__testUtils__/snapshot';
import { NOW, ago, crashLoop, warningEvent } from '../../../__fixtures__/core';
import {
  NS,
  cfkComponent,
  cfkCr,
  cfkKafka,
  cfkPodsAndPvcs,
  healthyCfkEnvironment,
  kraftController,
  runningConditions,
  statefulSet,
} from '../../../__fixtures__/cfk';
import { cfkAdapter } from '..';
import { cfkWatches } from './watches';

function assemble(
  objects: unknown[],
  unwatched: string[] = [],
): KafkaClusterStatus[] {
  return cfkAdapter.assemble(
    snapshotOf(objects, { cluster: 'prod-eu', unwatched }),
    { now: NOW },
  );
}

function one(objects: unknown[], unwatched: string[] = []): KafkaClusterStatus {
  const statuses = assemble(objects, unwatched);
  expect(statuses).toHaveLength(1);
  return statuses[0];
}

function codes(status: { reasons: { code: string }[] }): string[] {
  return status.reasons.map(r => r.code);
}

/** The healthy environment with the Kafka's objects replaced. */
function withKafka(kafkaObjects: unknown[]): unknown[] {
  return [
    ...healthyCfkEnvironment().filter(
      o =>
        !['Kafka', 'StatefulSet', 'Pod', 'PersistentVolumeClaim'].includes(
          o.kind,
        ) ||
        o.metadata.name.startsWith('kraftcontroller') ||
        o.metadata.name.startsWith('data0-kraftcontroller'),
    ),
    ...kafkaObjects,
  ];
}

describe('CFK: a healthy KRaft environment (the operators’ examples)', () => {
  const status = one(healthyCfkEnvironment());

  it('is healthy, with nothing to explain', () => {
    expect(status.health).toBe('healthy');
    expect(status.reasons).toEqual([]);
    expect(status.events).toEqual([]);
  });

  it('has its identity, versions and reconcile state', () => {
    expect(status.ref).toEqual({
      cluster: 'prod-eu',
      namespace: NS,
      name: 'kafka',
    });
    expect(status.operator).toBe('cfk');
    expect(status.apiVersion).toBe('platform.confluent.io/v1beta1');
    expect(status.versions).toEqual({
      platform: '7.9.0',
      operator: 'v0.1193.34',
      clusterId: 'Dk2vLxC8QBWm4mD5yQpq3g',
    });
    expect(status.reconcile).toMatchObject({
      generation: 1,
      observedGeneration: 1,
      caughtUp: true,
      phase: 'RUNNING',
      rolling: false,
    });
    expect(status.reconcile.paused).toBeUndefined();
  });

  it('lists brokers and KRaft controllers by ordinal, with their PVCs and revision', () => {
    expect(status.metadataMode).toBe('kraft');
    expect(status.brokers.desired).toBe(3);
    expect(status.brokers.ready).toBe(3);
    expect(
      status.brokers.members.map(m => [m.id, m.podName, m.roles, m.pool]),
    ).toEqual([
      [0, 'kafka-0', ['broker'], 'kafka'],
      [1, 'kafka-1', ['broker'], 'kafka'],
      [2, 'kafka-2', ['broker'], 'kafka'],
    ]);
    expect(status.brokers.members[0]).toMatchObject({
      ready: true,
      restarts: 0,
      currentRevision: true,
      volumes: [
        {
          claimName: 'data0-kafka-0',
          phase: 'Bound',
          bound: true,
          storageClass: 'gp3',
        },
      ],
      health: 'healthy',
    });
    expect(status.controllers?.members.map(m => [m.id, m.roles])).toEqual([
      [0, ['controller']],
      [1, ['controller']],
      [2, ['controller']],
    ]);
    expect(status.controllers).toMatchObject({ desired: 3, ready: 3 });
  });

  it('finds its topic through the KafkaRestClass', () => {
    expect(status.topics).toEqual([
      expect.objectContaining({
        name: 'reverse-topic',
        partitions: 3,
        replicationFactor: 3,
        state: 'CREATED',
        health: 'healthy',
      }),
    ]);
  });

  it('shows listeners and authorization, never the client snippets or internal secrets', () => {
    expect(status.listeners).toEqual([
      {
        name: 'internal',
        type: 'internal',
        port: 9071,
        tls: true,
        authentication: 'plain',
        bootstrapServers: 'kafka.destination.svc.cluster.local:9071',
      },
      {
        name: 'external',
        type: 'loadBalancer',
        port: 9092,
        tls: true,
        authentication: 'mtls',
        bootstrapServers: 'kafka.destination.svc.cluster.local:9092',
        externalAddresses: [
          'kafka.example.com:9092',
          'kafka-b0.example.com:9092',
          'kafka-b1.example.com:9092',
          'kafka-b2.example.com:9092',
        ],
      },
      {
        name: 'replication',
        type: 'internal',
        port: 9072,
        tls: true,
        authentication: 'mtls',
        bootstrapServers: 'kafka.destination.svc.cluster.local:9072',
      },
    ]);
    expect(status.authorization).toEqual({ type: 'rbac' });
    const json = JSON.stringify(status);
    for (const secret of [
      'kafka-secret',
      'keystore-secret',
      'sasl.jaas.config',
      'password-encoder-secret',
      'kafka-apikeys',
      'do-not-keep',
      'credential',
    ]) {
      expect(json).not.toContain(secret);
    }
  });
});

describe('CFK: the operator’s phase', () => {
  it.each(['PENDING', 'ERROR', 'UPGRADING', ''])(
    'never calls phase %p healthy',
    phase => {
      const status = one(
        withKafka([
          cfkKafka({ status: { phase } }),
          statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
          ...cfkPodsAndPvcs('kafka', 'kafka', 3),
        ]),
      );
      expect(status.health).toBe('unknown');
      expect(codes(status)).toEqual(['UnknownPhase']);
      expect(status.reasons[0].resource).toMatchObject({
        kind: 'Kafka',
        name: 'kafka',
      });
    },
  );

  it('says unknown when CFK has written no status at all', () => {
    const status = one(withKafka([cfkKafka({ status: false })]));
    expect(status.health).toBe('unknown');
    expect(codes(status)).toEqual(['NoStatus']);
    expect(status.brokers).toEqual({ desired: 3, ready: 0, members: [] });
    expect(status.reasons.find(r => r.code === 'NoStatus')?.fix).toMatch(
      /operator is running and watches namespace destination/,
    );
  });
});

describe('CFK: reconciliation paused (platform.confluent.io/block-reconcile)', () => {
  const paused = { 'platform.confluent.io/block-reconcile': 'true' };

  it('is a flag on top of what the pods say, and a pending generation is not a change in progress', () => {
    const status = one(
      withKafka([
        cfkKafka({
          annotations: paused,
          generation: 3,
          status: { observedGeneration: 2 },
        }),
        statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
        ...cfkPodsAndPvcs('kafka', 'kafka', 3),
      ]),
    );
    expect(status.reconcile.paused).toEqual({
      source: 'annotation',
      key: 'platform.confluent.io/block-reconcile',
      reason:
        'Kafka kafka is annotated platform.confluent.io/block-reconcile=true',
    });
    expect(status.reconcile.caughtUp).toBe(false);
    expect(status.health).toBe('healthy');
    expect(codes(status)).toEqual(['ReconciliationPaused']);
    expect(status.reasons[0]).toMatchObject({
      severity: 'info',
      impact: 'healthy',
    });
    expect(status.reasons[0].message).toMatch(
      /generation 3 waits for it to be lifted/,
    );
  });

  it('still reports a crash-looping broker while paused', () => {
    const status = one(
      withKafka([
        cfkKafka({ annotations: paused }),
        statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
        ...cfkPodsAndPvcs('kafka', 'kafka', 3, {
          1: { restarts: 9, ...crashLoop('Error', 1, ago(2)) },
        }),
      ]),
    );
    expect(status.health).toBe('degraded');
    expect(status.reconcile.paused).toBeDefined();
    expect(codes(status)).toEqual(
      expect.arrayContaining([
        'PodCrashLooping',
        'BrokersNotReady',
        'ReconciliationPaused',
      ]),
    );
  });
});

describe('CFK: the environment a clone belongs to', () => {
  it('is read from the Kafka CR’s annotations', () => {
    const status = one(
      withKafka([
        cfkKafka({
          annotations: {
            'k8s-kafka.io/environment-id': 'dev/team-b/kafka',
            'k8s-kafka.io/cloned-from':
              'prod-eu/payments/Kafka/payments-kafka@3',
            'k8s-kafka.io/expires-at': '2026-12-10T09:00:00Z',
          },
        }),
        statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
        ...cfkPodsAndPvcs('kafka', 'kafka', 3),
      ]),
    );
    expect(status.environment).toEqual({
      id: 'dev/team-b/kafka',
      clonedFrom: 'prod-eu/payments/Kafka/payments-kafka@3',
      expiresAt: '2026-12-10T09:00:00Z',
    });
  });
});

describe('CFK: a crash-looping broker', () => {
  const objects = withKafka([
    cfkKafka({ status: { readyReplicas: 2 } }),
    statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka', ready: 2 }),
    ...cfkPodsAndPvcs('kafka', 'kafka', 3, {
      2: {
        restarts: 7,
        readySince: ago(25),
        ...crashLoop('OOMKilled', 137, ago(3)),
      },
    }),
    warningEvent({
      namespace: NS,
      involved: { kind: 'Pod', name: 'kafka-2' },
      reason: 'BackOff',
      message:
        'Back-off restarting failed container kafka in pod kafka-2_destination',
      first: ago(24),
      last: ago(1),
      count: 31,
    }),
  ]);
  const status = one(objects);

  it('is degraded, with what, where, since when and the fix', () => {
    expect(status.health).toBe('degraded');
    const crash = status.reasons.find(r => r.code === 'PodCrashLooping')!;
    expect(crash).toMatchObject({
      severity: 'error',
      impact: 'degraded',
      resource: {
        kind: 'Pod',
        apiVersion: 'v1',
        namespace: NS,
        name: 'kafka-2',
      },
      since: new Date(ago(24)).toISOString(),
    });
    expect(crash.message).toBe(
      'Container kafka of pod kafka-2 is in CrashLoopBackOff after 7 restarts; last terminated OOMKilled (exit code 137)',
    );
    expect(crash.fix).toMatch(
      /raise the memory limit .* in spec\.podTemplate\.resources of Kafka kafka/,
    );
    expect(
      status.reasons.find(r => r.code === 'BrokersNotReady')?.message,
    ).toBe('2/3 brokers ready and no change in progress explains it');
  });

  it('shows the member and the event that explain it', () => {
    expect(status.brokers).toMatchObject({ desired: 3, ready: 2 });
    expect(status.brokers.members[2]).toMatchObject({
      podName: 'kafka-2',
      ready: false,
      restarts: 7,
      waitingReason: 'CrashLoopBackOff',
      lastTermination: {
        reason: 'OOMKilled',
        exitCode: 137,
        at: new Date(ago(3)).toISOString(),
      },
      health: 'degraded',
    });
    expect(status.events).toEqual([
      expect.objectContaining({
        reason: 'BackOff',
        count: 31,
        object: { kind: 'Pod', namespace: NS, name: 'kafka-2' },
      }),
    ]);
  });

  it('is no better when only the operator’s counts are known (pods not watched)', () => {
    const counted = one(objects, POD_KEYS);
    expect(counted.health).toBe('degraded');
    expect(counted.brokers).toMatchObject({
      desired: 3,
      ready: 2,
      members: [],
    });
    expect(codes(counted)).toEqual(['BrokersNotReady']);
  });
});

describe('CFK: a pending PVC', () => {
  const pendingPod = {
    ready: false,
    phase: 'Pending' as const,
    created: ago(20),
    unschedulable: {
      message:
        '0/6 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      since: ago(20),
    },
  };
  const event = warningEvent({
    namespace: NS,
    involved: { kind: 'PersistentVolumeClaim', name: 'data0-kafka-2' },
    reason: 'ProvisioningFailed',
    message: 'storageclass.storage.k8s.io "gp3" not found',
    first: ago(20),
    last: ago(1),
    count: 80,
    source: 'persistentvolume-controller',
  });

  function scenario(kafka: Record<string, any>) {
    return one(
      withKafka([
        kafka,
        statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka', ready: 2 }),
        ...cfkPodsAndPvcs(
          'kafka',
          'kafka',
          3,
          { 2: pendingPod },
          { 2: 'Pending' },
        ),
        event,
      ]),
    );
  }

  it('is degraded when no change explains it, pointing at the storage class', () => {
    const status = scenario(cfkKafka({ status: { readyReplicas: 2 } }));
    expect(status.health).toBe('degraded');
    const pending = status.reasons.find(r => r.code === 'PvcPending')!;
    expect(pending).toMatchObject({
      impact: 'degraded',
      resource: { kind: 'PersistentVolumeClaim', name: 'data0-kafka-2' },
      since: new Date(ago(20)).toISOString(),
    });
    expect(pending.message).toContain(
      'ProvisioningFailed: storageclass.storage.k8s.io "gp3" not found',
    );
    expect(pending.fix).toMatch(
      /storage class gp3 exists .* spec\.storageClass\.name of Kafka kafka/,
    );
    expect(status.brokers.members[2].volumes).toEqual([
      {
        claimName: 'data0-kafka-2',
        phase: 'Pending',
        bound: false,
        storageClass: 'gp3',
      },
    ]);
  });

  it('is progressing while a scale-up the operator is working on explains it', () => {
    const kafka = cfkKafka({
      generation: 2,
      status: { observedGeneration: 1, readyReplicas: 2 },
    });
    kafka.metadata.managedFields = [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'platform.confluent.io/v1beta1',
        time: ago(5),
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      },
      {
        manager: 'confluent-operator',
        operation: 'Update',
        subresource: 'status',
        time: ago(1),
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:status': {} },
      },
    ];
    const status = scenario(kafka);
    expect(status.health).toBe('progressing');
    expect(status.reasons.find(r => r.code === 'SpecNotObserved')?.since).toBe(
      new Date(ago(5)).toISOString(),
    );
    expect(status.reasons.find(r => r.code === 'PvcPending')?.impact).toBe(
      'progressing',
    );
  });
});

describe('CFK: no ready broker, lost quorum', () => {
  it('is unhealthy with no ready broker', () => {
    const down = { restarts: 12, ...crashLoop('Error', 1, ago(2)) };
    const status = one(
      withKafka([
        cfkKafka({ status: { readyReplicas: 0 } }),
        statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka', ready: 0 }),
        ...cfkPodsAndPvcs('kafka', 'kafka', 3, {
          0: down,
          1: down,
          2: down,
        }),
      ]),
    );
    expect(status.health).toBe('unhealthy');
    expect(status.reasons[0]).toMatchObject({
      code: 'NoReadyBroker',
      impact: 'unhealthy',
      message: '0/3 brokers ready',
    });
  });

  it('is unhealthy when every broker pod is gone, since pods are watched', () => {
    const status = one(
      withKafka([
        cfkKafka(),
        statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
      ]),
    );
    expect(status.health).toBe('unhealthy');
    expect(codes(status)).toContain('NoReadyBroker');
  });

  it('is progressing while a new cluster is being created', () => {
    const status = one(
      withKafka([
        cfkKafka({
          phase: 'PROVISIONING',
          status: {
            readyReplicas: 0,
            conditions: [
              {
                type: 'platform.confluent.io/statefulset-available',
                status: 'False',
                reason: 'MinimumReplicasUnavailable',
                lastTransitionTime: ago(4),
              },
            ],
          },
        }),
        ...cfkPodsAndPvcs('kafka', 'kafka', 3, {
          0: {
            ready: false,
            created: ago(4),
            readySince: ago(4),
            state: { waiting: { reason: 'ContainerCreating' } },
          },
          1: {
            ready: false,
            created: ago(4),
            readySince: ago(4),
            state: { waiting: { reason: 'ContainerCreating' } },
          },
          2: {
            ready: false,
            created: ago(4),
            readySince: ago(4),
            state: { waiting: { reason: 'ContainerCreating' } },
          },
        }),
      ]),
    );
    expect(status.health).toBe('progressing');
    expect(status.reasons.find(r => r.code === 'NoReadyBroker')).toMatchObject({
      impact: 'progressing',
      message:
        '0/3 brokers ready while being created (CFK is provisioning Kafka kafka (phase PROVISIONING))',
    });
    expect(codes(status)).toContain('Provisioning');
  });

  it('is unhealthy when the KRaft controllers lose their quorum', () => {
    const objects = healthyCfkEnvironment().filter(
      o => !(o.kind === 'Pod' && o.metadata.name.startsWith('kraftcontroller')),
    );
    objects.push(
      ...cfkPodsAndPvcs('kraftcontroller', 'kraftcontroller', 3, {
        1: { restarts: 4, ...crashLoop('Error', 1, ago(1)) },
        2: { restarts: 4, ...crashLoop('Error', 1, ago(1)) },
      }).filter(o => o.kind === 'Pod'),
    );
    const status = one(objects);
    expect(status.health).toBe('unhealthy');
    expect(status.reasons[0]).toMatchObject({
      code: 'ControllerQuorumLost',
      impact: 'unhealthy',
      message: '1/3 controllers ready, below the quorum of 2',
      resource: { kind: 'KRaftController', name: 'kraftcontroller' },
    });
    expect(status.controllers).toMatchObject({ desired: 3, ready: 1 });
  });

  it('calls the cluster unhealthy when its KRaftController is watched and gone', () => {
    const status = one(
      healthyCfkEnvironment().filter(o => o.kind !== 'KRaftController'),
    );
    expect(status.health).toBe('unhealthy');
    expect(codes(status)).toEqual(['ControllersMissing']);
    expect(status.reasons[0].resource).toMatchObject({
      kind: 'KRaftController',
      name: 'kraftcontroller',
    });
    expect(status.controllers).toEqual({ members: [] });
  });

  it('cannot judge the quorum when KRaftControllers are not watched', () => {
    const status = one(
      healthyCfkEnvironment().filter(o => o.kind !== 'KRaftController'),
      [cfkWatches.kraftControllers.key],
    );
    expect(status.health).toBe('unknown');
    expect(codes(status)).toEqual(['ControllersNotFound']);
    expect(status.controllers).toEqual({ members: [] });
  });
});

describe('CFK: rolls', () => {
  function rolling(since: string, kafka1: Record<string, any>) {
    const conditions = runningConditions().map(c =>
      c.type === 'platform.confluent.io/rolling'
        ? {
            ...c,
            status: 'True',
            reason: 'ClusterRolling',
            message: 'Cluster is rolling',
            lastTransitionTime: since,
          }
        : c,
    );
    return withKafka([
      cfkKafka({ conditions, status: { readyReplicas: 2 } }),
      statefulSet({
        name: 'kafka',
        type: 'kafka',
        owner: 'Kafka',
        currentRevision: 'kafka-7d9f8c6b5',
        updateRevision: 'kafka-5c4b3a291',
        ready: 2,
      }),
      ...cfkPodsAndPvcs('kafka', 'kafka', 3, {
        1: kafka1,
        2: { revision: 'kafka-5c4b3a291', created: since, readySince: ago(8) },
      }),
    ]);
  }

  it('is progressing while CFK rolls the brokers, from the highest ordinal down', () => {
    const status = one(
      rolling(ago(12), {
        revision: 'kafka-5c4b3a291',
        created: ago(2),
        readySince: ago(2),
        ready: false,
      }),
    );
    expect(status.health).toBe('progressing');
    expect(status.reconcile).toMatchObject({
      rolling: true,
      rollingSince: new Date(ago(12)).toISOString(),
    });
    expect(status.reasons.find(r => r.code === 'RollInProgress')?.message).toBe(
      'CFK is rolling Kafka kafka: 2/3 pods on the current revision',
    );
    expect(status.brokers.members.map(m => m.currentRevision)).toEqual([
      false,
      true,
      true,
    ]);
    expect(status.reasons.find(r => r.code === 'PodNotReady')?.impact).toBe(
      'progressing',
    );
  });

  it('is degraded once the roll has not moved for longer than the threshold', () => {
    const status = one(
      rolling(ago(90), {
        revision: 'kafka-5c4b3a291',
        created: ago(45),
        readySince: ago(45),
        ready: false,
      }).map((o: any) =>
        o.kind === 'Pod' && o.metadata.name === 'kafka-2'
          ? {
              ...o,
              metadata: { ...o.metadata, creationTimestamp: ago(80) },
              status: {
                ...o.status,
                conditions: o.status.conditions.map((c: any) => ({
                  ...c,
                  lastTransitionTime: ago(60),
                })),
              },
            }
          : o,
      ),
    );
    expect(status.health).toBe('degraded');
    const stuck = status.reasons.find(r => r.code === 'ChangeStuck')!;
    expect(stuck.message).toMatch(
      /CFK is rolling Kafka kafka: 2\/3 pods on the current revision, with no progress for 45 min \(threshold 30 min\)/,
    );
    expect(stuck.since).toBe(new Date(ago(45)).toISOString());
  });

  it('takes a custom threshold', () => {
    const objects = rolling(ago(12), {
      revision: 'kafka-5c4b3a291',
      created: ago(10),
      readySince: ago(10),
      ready: false,
    });
    const [status] = cfkAdapter.assemble(snapshotOf(objects), {
      now: NOW,
      thresholds: { changeStuckAfterSeconds: 5 * 60 },
    });
    expect(status.health).toBe('degraded');
    expect(codes(status)).toContain('ChangeStuck');
  });
});

describe('CFK: what belongs to which Kafka cluster', () => {
  const other = cfkKafka({
    name: 'analytics',
    status: { clusterID: 'OtherClusterId00000000' },
  });
  const topic = (
    name: string,
    spec: Record<string, any>,
    status: Record<string, any> = {},
  ) => ({
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'KafkaTopic',
    metadata: {
      name,
      namespace: 'orders',
      generation: 1,
      creationTimestamp: ago(60),
      labels: { 'backstage.io/kubernetes-id': 'orders' },
    },
    spec: { replicas: 3, partitionCount: 6, ...spec },
    status: {
      state: 'CREATED',
      appState: 'Created',
      partitionCount: 6,
      replicas: 3,
      observedGeneration: 1,
      ...status,
    },
  });
  const objects = [
    ...healthyCfkEnvironment(),
    other,
    topic('by-cluster-ref', {
      kafkaClusterRef: { name: 'kafka', namespace: NS },
    }),
    topic('by-rest-class', {
      kafkaRestClassRef: { name: 'dest-rest', namespace: NS },
    }),
    topic('by-inline-rest', {
      kafkaRest: {
        endpoint: 'https://elsewhere.example.com:8090',
        kafkaClusterID: 'Dk2vLxC8QBWm4mD5yQpq3g',
      },
    }),
    topic(
      'by-status-id',
      { kafkaRest: { endpoint: 'https://elsewhere.example.com:8090' } },
      { kafkaClusterID: 'Dk2vLxC8QBWm4mD5yQpq3g' },
    ),
    topic('of-analytics', {
      kafkaClusterRef: { name: 'analytics', namespace: NS },
    }),
    topic('of-nobody', { kafkaClusterRef: { name: 'gone', namespace: NS } }),
    cfkComponent(
      'SchemaRegistry',
      'schemaregistry',
      'kafka.destination.svc.cluster.local:9071',
    ),
    cfkComponent('Connect', 'connect', 'kafka:9071'),
    cfkComponent(
      'KsqlDB',
      'ksqldb',
      'SASL_SSL://kafka-0.kafka.destination.svc.cluster.local:9071',
      { namespace: 'apps' },
    ),
    cfkComponent('ControlCenter', 'controlcenter', 'kafka.example.com:9092'),
    cfkComponent('KafkaRestProxy', 'kafkarestproxy', 'analytics:9071'),
    cfkComponent(
      'SchemaRegistry',
      'external-sr',
      'pkc-12345.eu-west-1.aws.confluent.cloud:9092',
    ),
  ];
  const statuses = assemble(objects, POD_KEYS);
  const kafka = statuses.find(s => s.ref.name === 'kafka')!;
  const analytics = statuses.find(s => s.ref.name === 'analytics')!;

  it('finds topics by kafkaClusterRef, KafkaRestClass, inline cluster ID and status cluster ID', () => {
    expect(kafka.topics.map(t => t.name).sort()).toEqual([
      'by-cluster-ref',
      'by-inline-rest',
      'by-rest-class',
      'by-status-id',
      'reverse-topic',
    ]);
    expect(analytics.topics.map(t => t.name)).toEqual(['of-analytics']);
    expect(kafka.topics.find(t => t.name === 'by-rest-class')?.labels).toEqual({
      'backstage.io/kubernetes-id': 'orders',
    });
  });

  it('finds components by bootstrap endpoint: service DNS, short name, pod DNS in another namespace, external listener address', () => {
    expect(
      kafka.components
        .map(c => `${c.type}:${c.resource.namespace}/${c.name}`)
        .sort(),
    ).toEqual([
      'connect:destination/connect',
      'control-center:destination/controlcenter',
      'ksqldb:apps/ksqldb',
      'schema-registry:destination/schemaregistry',
    ]);
    expect(analytics.components.map(c => c.name)).toEqual(['kafkarestproxy']);
  });

  it('finds a component through dependencies.kafka.discovery', () => {
    const sr = cfkComponent('SchemaRegistry', 'sr-discovery', '', {
      spec: { dependencies: { kafka: { discovery: { name: 'analytics' } } } },
      status: { kafka: {} },
    });
    const found = assemble([...objects, sr], POD_KEYS).find(
      s => s.ref.name === 'analytics',
    )!;
    expect(found.components.map(c => c.name)).toContain('sr-discovery');
  });
});

describe('CFK: components and connectors', () => {
  const connector = (name: string, status: Record<string, any>) => ({
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'Connector',
    metadata: {
      name,
      namespace: NS,
      generation: 1,
      creationTimestamp: ago(120),
    },
    spec: {
      class: 'io.confluent.connect.jdbc.JdbcSinkConnector',
      taskMax: 2,
      connectClusterRef: { name: 'connect' },
      name,
    },
    status: { observedGeneration: 1, ...status },
  });

  it('judges each component like a cluster CR, its connectors beside it, and the Kafka takes them capped at degraded', () => {
    const objects = [
      ...healthyCfkEnvironment(),
      cfkComponent('Connect', 'connect', 'kafka:9071'),
      ...cfkPodsAndPvcs('connect', 'connect', 1),
      cfkComponent('SchemaRegistry', 'schemaregistry', 'kafka:9071', {
        status: { readyReplicas: 0 },
      }),
      ...cfkPodsAndPvcs('schemaregistry', 'schemaregistry', 1, {
        0: { restarts: 5, ...crashLoop('Error', 1, ago(1)) },
      }),
      connector('orders-sink', {
        state: 'CREATED',
        appState: 'Created',
        connectorState: 'RUNNING',
        tasksReady: '2/2',
      }),
      connector('payments-sink', {
        state: 'CREATED',
        connectorState: 'RUNNING',
        tasksReady: '1/2',
        failedTasksCount: 1,
        failedTasks: { 'task-1': { id: 1, retryCount: 10 } },
      }),
      connector('audit-sink', {
        state: 'CREATED',
        connectorState: 'PAUSED',
        tasksReady: '0/2',
      }),
    ];
    const status = one(objects);
    const connect = status.components.find(c => c.type === 'connect')!;
    expect(
      connect.connectors.map(c => [c.name, c.health, c.state, c.tasks]),
    ).toEqual([
      [
        'orders-sink',
        'healthy',
        'RUNNING',
        { failed: 0, running: 2, total: 2 },
      ],
      [
        'payments-sink',
        'degraded',
        'RUNNING',
        { failed: 1, running: 1, total: 2 },
      ],
      ['audit-sink', 'healthy', 'PAUSED', { failed: 0, running: 0, total: 2 }],
    ]);
    expect(connect.connectors[1].reasons[0].message).toBe(
      '1 task of connector payments-sink failed (task-1 retried 10 times)',
    );
    expect(connect.health).toBe('degraded');
    const sr = status.components.find(c => c.type === 'schema-registry')!;
    expect(sr).toMatchObject({
      health: 'unhealthy',
      desired: 1,
      ready: 0,
      phase: 'RUNNING',
    });
    expect(sr.pods[0]).toMatchObject({
      podName: 'schemaregistry-0',
      waitingReason: 'CrashLoopBackOff',
    });
    // Kafka serves without Schema Registry: degraded, not unhealthy.
    expect(status.health).toBe('degraded');
    expect(status.reasons.find(r => r.code === 'NoReadyReplica')).toMatchObject(
      { impact: 'degraded', resource: { kind: 'SchemaRegistry' } },
    );
    expect(codes(status)).toContain('ConnectorTaskFailed');
  });
});

describe('CFK: cluster links and role bindings', () => {
  const source = [
    cfkKafka({
      name: 'kafka',
      namespace: 'source',
      status: { clusterID: 'SourceClusterId0000000' },
    }),
    kraftController({ namespace: 'source' }),
  ];
  const link = (mirrorStatus: string) => ({
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'ClusterLink',
    metadata: {
      name: 'clusterlink-dest',
      namespace: NS,
      generation: 1,
      creationTimestamp: ago(300),
    },
    spec: {
      name: 'bidirectional-link',
      sourceInitiatedLink: { linkMode: 'Bidirectional' },
      sourceKafkaCluster: {
        bootstrapEndpoint: 'kafka.source.svc.cluster.local:9071',
        authentication: {
          type: 'plain',
          jaasConfig: { secretRef: 'credential' },
        },
      },
      destinationKafkaCluster: {
        kafkaRestClassRef: { name: 'dest-rest', namespace: NS },
      },
      mirrorTopics: [{ name: 'source-topic' }, { name: 'new-topic' }],
      configs: { 'consumer.offset.sync.enable': 'true' },
    },
    status: {
      appState: 'Created',
      state: 'CREATED',
      clusterLinkID: 'aB3dEf',
      clusterLinkName: 'bidirectional-link',
      sourceKafkaClusterID: 'SourceClusterId0000000',
      destinationKafkaClusterID: 'Dk2vLxC8QBWm4mD5yQpq3g',
      kafkaCluster: `${NS}/kafka`,
      numMirrorTopics: 2,
      mirrorTopics: {
        'source-topic': {
          status: mirrorStatus,
          sourceTopicName: 'source-topic',
          replicationFactor: 3,
        },
        'new-topic': {
          status: 'PENDING_MIRROR',
          sourceTopicName: 'new-topic',
          replicationFactor: 3,
        },
      },
      observedGeneration: 1,
    },
  });
  const binding = (state: Record<string, any>) => ({
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'ConfluentRolebinding',
    metadata: {
      name: 'orders-read',
      namespace: NS,
      generation: 1,
      creationTimestamp: ago(300),
      labels: { 'backstage.io/kubernetes-id': 'orders' },
    },
    spec: {
      principal: { type: 'user', name: 'orders' },
      role: 'DeveloperRead',
      kafkaRestClassRef: { name: 'dest-rest' },
      resourcePatterns: [
        { name: 'orders.', patternType: 'PREFIXED', resourceType: 'Topic' },
      ],
    },
    status: {
      observedGeneration: 1,
      principal: 'User:orders',
      role: 'DeveloperRead',
      kafkaClusterID: 'Dk2vLxC8QBWm4mD5yQpq3g',
      ...state,
    },
  });

  it('shows the link on both clusters, counting it only on the destination', () => {
    const statuses = assemble(
      [...healthyCfkEnvironment(), ...source, link('SOURCE_UNAVAILABLE')],
      POD_KEYS,
    );
    const destination = statuses.find(s => s.ref.namespace === NS)!;
    const src = statuses.find(s => s.ref.namespace === 'source')!;
    const [onDestination] = destination.links;
    expect(onDestination).toMatchObject({
      type: 'cluster-link',
      role: 'destination',
      linkName: 'bidirectional-link',
      state: 'CREATED',
      health: 'degraded',
      peer: {
        bootstrapServers: 'kafka.source.svc.cluster.local:9071',
        clusterId: 'SourceClusterId0000000',
        ref: { cluster: 'prod-eu', namespace: 'source', name: 'kafka' },
      },
    });
    expect(onDestination.mirrorTopics).toEqual([
      {
        name: 'source-topic',
        sourceTopicName: 'source-topic',
        status: 'SOURCE_UNAVAILABLE',
        health: 'degraded',
      },
      {
        name: 'new-topic',
        sourceTopicName: 'new-topic',
        status: 'PENDING_MIRROR',
        health: 'progressing',
      },
    ]);
    expect(destination.health).toBe('degraded');
    expect(codes(destination)).toContain('MirrorTopicFailed');
    expect(src.links).toEqual([
      expect.objectContaining({ role: 'source', health: 'degraded' }),
    ]);
    expect(src.health).toBe('healthy');
  });

  it('is healthy with active mirror topics', () => {
    const healthyLink = link('ACTIVE');
    healthyLink.status.mirrorTopics['new-topic'].status = 'ACTIVE';
    const destination = assemble(
      [...healthyCfkEnvironment(), ...source, healthyLink],
      POD_KEYS,
    ).find(s => s.ref.namespace === NS)!;
    expect(destination.links[0].health).toBe('healthy');
    expect(destination.health).toBe('healthy');
  });

  it('lists role bindings through their KafkaRestClass, failed ones degrading the cluster', () => {
    const ok = one(
      [
        ...healthyCfkEnvironment(),
        binding({ state: 'CREATED', appState: 'Created' }),
      ],
      POD_KEYS,
    );
    expect(ok.access).toEqual([
      expect.objectContaining({
        kind: 'ConfluentRolebinding',
        principal: 'user:orders',
        role: 'DeveloperRead',
        state: 'CREATED',
        health: 'healthy',
        labels: { 'backstage.io/kubernetes-id': 'orders' },
      }),
    ]);
    const failed = one(
      [
        ...healthyCfkEnvironment(),
        binding({
          appState: 'Failed',
          state: 'ERROR',
          conditions: [
            {
              type: 'platform.confluent.io/app-ready',
              status: 'False',
              reason: 'CreateFailed',
              message: 'MDS request failed: 403 Forbidden',
              lastTransitionTime: ago(30),
            },
          ],
        }),
      ],
      POD_KEYS,
    );
    expect(failed.access[0].health).toBe('degraded');
    expect(failed.health).toBe('degraded');
    expect(failed.reasons[0].message).toBe(
      'ConfluentRolebinding orders-read failed: MDS request failed: 403 Forbidden',
    );
  });
});

describe('CFK: topics', () => {
  it.each([
    [{ state: 'ERROR', appState: 'Failed' }, 'degraded', 'ResourceFailed'],
    [{ state: 'PENDING', appState: 'Unknown' }, 'degraded', 'ChangeStuck'],
    [{ state: 'CREATED', appState: 'Created' }, 'healthy', undefined],
  ])('reads status %p as %s', (state, health, code) => {
    const topicObject = cfkKafkaTopic(state);
    const status = one([...healthyCfkEnvironment(), topicObject], POD_KEYS);
    const topic = status.topics.find(t => t.name === 'orders')!;
    expect(topic.health).toBe(health);
    expect(topic.reasons[0]?.code).toBe(code);
  });

  it('gives a topic without status time before calling it unknown', () => {
    const young = cfkKafkaTopic(undefined, ago(2));
    const old = cfkKafkaTopic(undefined, ago(45));
    expect(
      one([...healthyCfkEnvironment(), young], POD_KEYS).topics.find(
        t => t.name === 'orders',
      )?.health,
    ).toBe('progressing');
    const status = one([...healthyCfkEnvironment(), old], POD_KEYS);
    expect(status.topics.find(t => t.name === 'orders')?.health).toBe(
      'unknown',
    );
    // On the cluster, a topic nobody reconciles is a problem, not a gap in the data.
    expect(status.health).toBe('degraded');
  });
});

function cfkKafkaTopic(
  status: Record<string, any> | undefined,
  created = ago(120),
): Record<string, any> {
  return {
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'KafkaTopic',
    metadata: {
      name: 'orders',
      namespace: NS,
      generation: 1,
      creationTimestamp: created,
    },
    spec: {
      replicas: 3,
      partitionCount: 12,
      kafkaClusterRef: { name: 'kafka' },
    },
    ...(status ? { status } : {}),
  };
}

it('CFK: ignores clusters of other operators and resources without a Kafka', () => {
  expect(
    assemble([
      cfkCr({ kind: 'SchemaRegistry', name: 'lonely' }),
      kraftController(),
    ]),
  ).toEqual([]);
});
