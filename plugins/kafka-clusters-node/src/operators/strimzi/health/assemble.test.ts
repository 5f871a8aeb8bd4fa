import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { POD_KEYS, snapshotOf } from '../../__testUtils__/snapshot';
import {
  NOW,
  ago,
  crashLoop,
  pod,
  pvc,
  warningEvent,
} from '../../../__fixtures__/core';
import {
  CLUSTER,
  NS,
  StrimziEnvironmentOptions,
  StrimziVersion,
  nodePool,
  notReady,
  podSet,
  ready,
  strimziEnvironment,
  strimziKafka,
  strimziNodePod,
  strimziTopic,
} from '../../../__fixtures__/strimzi';
import { strimziAdapter } from '..';

function assemble(
  objects: unknown[],
  unwatched: string[] = [],
): KafkaClusterStatus[] {
  return strimziAdapter.assemble(
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

const VERSIONS: StrimziVersion[] = ['v1', 'v1beta2'];

describe.each(VERSIONS)(
  'Strimzi %s: kafka-persistent.yaml, healthy (the operators’ examples)',
  version => {
    const status = one(strimziEnvironment({ version }));

    it('is healthy, with nothing to explain', () => {
      expect(status.health).toBe('healthy');
      expect(status.reasons).toEqual([]);
      expect(status.apiVersion).toBe(`kafka.strimzi.io/${version}`);
      expect(status.reconcile).toMatchObject({
        generation: 1,
        observedGeneration: 1,
        caughtUp: true,
        rolling: false,
      });
    });

    it('lists brokers and controllers by node id and pool', () => {
      expect(status.metadataMode).toBe('kraft');
      expect(status.metadataState).toBe(
        version === 'v1beta2' ? 'KRaft' : undefined,
      );
      expect(status.brokers).toMatchObject({ desired: 3, ready: 3 });
      expect(
        status.brokers.members.map(m => [
          m.id,
          m.podName,
          m.pool,
          m.roles,
          m.currentRevision,
        ]),
      ).toEqual([
        [3, 'my-cluster-broker-3', 'broker', ['broker'], true],
        [4, 'my-cluster-broker-4', 'broker', ['broker'], true],
        [5, 'my-cluster-broker-5', 'broker', ['broker'], true],
      ]);
      expect(status.controllers).toMatchObject({ desired: 3, ready: 3 });
      expect(status.controllers?.members.map(m => m.id)).toEqual([0, 1, 2]);
      expect(status.brokers.members[0].volumes).toEqual([
        {
          claimName: 'data-0-my-cluster-broker-3',
          phase: 'Bound',
          bound: true,
          storageClass: 'gp3',
        },
      ]);
    });

    it('has the entity operator, listeners, authorization and versions', () => {
      expect(status.components).toEqual([
        expect.objectContaining({
          type: 'entity-operator',
          name: 'my-cluster-entity-operator',
          health: 'healthy',
          ready: 1,
        }),
      ]);
      expect(status.listeners).toEqual([
        {
          name: 'plain',
          type: 'internal',
          port: 9092,
          tls: false,
          authentication: 'none',
          bootstrapServers: 'my-cluster-kafka-bootstrap.myproject.svc:9092',
        },
        {
          name: 'tls',
          type: 'internal',
          port: 9093,
          tls: true,
          authentication: 'tls',
          bootstrapServers: 'my-cluster-kafka-bootstrap.myproject.svc:9093',
        },
      ]);
      expect(JSON.stringify(status)).not.toContain('BEGIN CERTIFICATE');
      expect(status.authorization).toEqual({ type: 'simple' });
      expect(status.versions).toEqual({
        kafka: '4.3.1',
        metadataVersion: '4.3-IV0',
        operator: version === 'v1' ? '1.2.0' : '0.51.0',
        clusterId: 'Zq3wC1sWTQyTcEbX3TpcNw',
      });
    });
  },
);

describe.each(VERSIONS)(
  'Strimzi %s: conditions, and when they are stale',
  version => {
    const timeout = notReady(
      'TimeoutException',
      'Exceeded timeout of 300000ms while waiting for Pods resource my-cluster-broker-4 in namespace myproject to be ready',
      ago(120),
    );
    // A roll to revision `r2`: broker 5 done, broker 4 restarting, broker 3 still on `a1b2c3d4`.
    function rolling(nodes: StrimziEnvironmentOptions['nodes']): unknown[] {
      return strimziEnvironment({
        version,
        kafka: { version, conditions: [timeout] },
        podSets: {
          broker: {
            revision: 'r2',
            status: { pods: 3, readyPods: 2, currentPods: 2 },
          },
        },
        nodes,
      });
    }

    it('does not let a stale NotReady mislead while the roll moves on', () => {
      const status = one(
        rolling({
          5: { revision: 'r2', created: ago(9), readySince: ago(8) },
          4: {
            revision: 'r2',
            created: ago(2),
            readySince: ago(2),
            ready: false,
          },
        }),
      );
      expect(status.health).toBe('progressing');
      expect(status.reconcile.rolling).toBe(true);
      expect(
        status.reasons.find(r => r.code === 'RollInProgress')?.message,
      ).toBe(
        'Strimzi is rolling Kafka my-cluster: 5/6 pods on the current revision',
      );
      const stale = status.reasons.find(
        r => r.code === 'StaleOperatorCondition',
      )!;
      expect(stale).toMatchObject({
        impact: 'progressing',
        since: new Date(ago(120)).toISOString(),
      });
      expect(stale.message).toMatch(
        /TimeoutException: Exceeded timeout .* but that may be stale/,
      );
      expect(status.brokers.members.map(m => m.currentRevision)).toEqual([
        false,
        true,
        true,
      ]);
    });

    it('is degraded when the roll has not moved for longer than the threshold', () => {
      const status = one(
        rolling({
          5: { revision: 'r2', created: ago(80), readySince: ago(79) },
          4: {
            revision: 'r2',
            created: ago(50),
            readySince: ago(50),
            ready: false,
          },
        }).map((o: any) =>
          o.kind === 'Pod'
            ? {
                ...o,
                metadata: {
                  ...o.metadata,
                  creationTimestamp: o.metadata.name.endsWith('-4')
                    ? ago(50)
                    : o.metadata.creationTimestamp,
                },
              }
            : o,
        ),
      );
      expect(status.health).toBe('degraded');
      expect(codes(status)).toEqual(
        expect.arrayContaining(['ChangeStuck', 'ReconcileFailed']),
      );
      expect(codes(status)).not.toContain('StaleOperatorCondition');
    });

    it('reports a failed reconcile when nothing is rolling', () => {
      const status = one(
        strimziEnvironment({
          version,
          kafka: { version, conditions: [timeout] },
        }),
      );
      expect(status.health).toBe('degraded');
      expect(status.reasons).toEqual([
        expect.objectContaining({
          code: 'ReconcileFailed',
          message:
            "Strimzi's last reconcile of Kafka my-cluster failed: TimeoutException: Exceeded timeout of 300000ms while waiting for Pods resource my-cluster-broker-4 in namespace myproject to be ready",
        }),
      ]);
    });

    it('does not trust a stale Ready=True when a broker crash-loops', () => {
      const status = one(
        strimziEnvironment({
          version,
          podSets: { broker: { status: { readyPods: 2 } } },
          nodes: {
            4: {
              restarts: 14,
              readySince: ago(40),
              ...crashLoop('OOMKilled', 137, ago(3)),
            },
          },
        }),
      );
      expect(status.health).toBe('degraded');
      const crash = status.reasons.find(r => r.code === 'PodCrashLooping')!;
      expect(crash.resource).toEqual({
        kind: 'Pod',
        apiVersion: 'v1',
        namespace: NS,
        name: 'my-cluster-broker-4',
      });
      expect(crash.fix).toMatch(/spec\.resources of KafkaNodePool broker/);
      expect(
        status.reasons.find(r => r.code === 'BrokersNotReady')?.message,
      ).toBe('2/3 brokers ready and no change in progress explains it');
    });

    it('calls a new cluster progressing, and a refused change degraded', () => {
      const creating = one(
        strimziEnvironment({
          version,
          kafka: {
            version,
            conditions: [
              notReady('Creating', 'Kafka cluster is being deployed', ago(3)),
            ],
            status: { clusterId: undefined },
          },
        }).filter((o: any) => o.kind !== 'Pod'),
      );
      expect(creating.health).toBe('progressing');
      expect(
        creating.reasons.find(r => r.code === 'NoReadyBroker')?.impact,
      ).toBe('progressing');
      const warned = one(
        strimziEnvironment({
          version,
          kafka: {
            version,
            conditions: [
              {
                type: 'Warning',
                status: 'True',
                reason: 'ScaleDownPreventionCheck',
                message:
                  'Reverting scale-down of KafkaNodePool broker by changing number of replicas to 3',
                lastTransitionTime: ago(60),
              },
              ready(),
            ],
          },
        }),
      );
      expect(warned.health).toBe('degraded');
      expect(warned.reasons[0]).toMatchObject({
        code: 'OperatorWarning',
        impact: 'degraded',
        severity: 'error',
      });
    });

    it('says unknown without any status', () => {
      const status = one(
        strimziEnvironment({
          version,
          kafka: { version, status: false },
        }).filter((o: any) => o.kind === 'Kafka'),
      );
      expect(status.health).toBe('unknown');
      expect(codes(status)).toEqual(['NoStatus']);
    });
  },
);

describe.each(VERSIONS)('Strimzi %s: paused reconciliation', version => {
  it('is a flag from the annotation, with the verdict from the pods', () => {
    const status = one(
      strimziEnvironment({
        version,
        kafka: {
          version,
          generation: 4,
          observedGeneration: 3,
          annotations: { 'strimzi.io/pause-reconciliation': 'true' },
          conditions: [
            {
              type: 'ReconciliationPaused',
              status: 'True',
              lastTransitionTime: ago(30),
            },
          ],
        },
      }),
    );
    expect(status.reconcile.paused).toEqual({
      source: 'annotation',
      key: 'strimzi.io/pause-reconciliation',
      reason:
        'Kafka my-cluster is annotated strimzi.io/pause-reconciliation="true"',
    });
    expect(status.health).toBe('healthy');
    expect(codes(status)).toEqual(['ReconciliationPaused']);
  });

  it('is read from the ReconciliationPaused condition too', () => {
    const status = one(
      strimziEnvironment({
        version,
        kafka: {
          version,
          conditions: [
            {
              type: 'ReconciliationPaused',
              status: 'True',
              message: 'Reconciliation paused by annotation',
              lastTransitionTime: ago(30),
            },
          ],
        },
      }),
    );
    expect(status.reconcile.paused).toMatchObject({
      source: 'condition',
      key: 'ReconciliationPaused',
      since: new Date(ago(30)).toISOString(),
    });
    expect(status.health).toBe('healthy');
  });
});

describe.each(VERSIONS)(
  'Strimzi %s: the environment a clone belongs to',
  version => {
    it('is read from the Kafka CR’s annotations', () => {
      const status = one(
        strimziEnvironment({
          version,
          kafka: {
            version,
            annotations: {
              'k8s-kafka.io/environment-id': 'dev/team-a/my-cluster',
              'k8s-kafka.io/cloned-from': 'prod-us/orders/Kafka/orders-kafka@7',
              'k8s-kafka.io/expires-at': '2026-12-10T09:00:00Z',
              'k8s-kafka.io/unrelated': 'not kept',
            },
          },
        }),
      );
      expect(status.environment).toEqual({
        id: 'dev/team-a/my-cluster',
        clonedFrom: 'prod-us/orders/Kafka/orders-kafka@7',
        expiresAt: '2026-12-10T09:00:00Z',
      });
      expect(status.health).toBe('healthy');
    });

    it('is absent for a Kafka made by other means', () => {
      expect(one(strimziEnvironment({ version })).environment).toBeUndefined();
    });
  },
);

describe('Strimzi: pending PVC, no ready broker, lost quorum', () => {
  const pending = {
    ready: false,
    phase: 'Pending' as const,
    created: ago(25),
    unschedulable: {
      message:
        '0/6 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      since: ago(25),
    },
  };
  const provisioningFailed = warningEvent({
    namespace: NS,
    involved: {
      kind: 'PersistentVolumeClaim',
      name: 'data-0-my-cluster-broker-6',
    },
    reason: 'ProvisioningFailed',
    message: 'storageclass.storage.k8s.io "fast-ssd" not found',
    first: ago(25),
    last: ago(1),
    count: 90,
    source: 'persistentvolume-controller',
  });

  function scaledUp(kafka: StrimziEnvironmentOptions['kafka']) {
    const objects = strimziEnvironment({
      kafka,
      brokerIds: [3, 4, 5, 6],
      podSets: {
        broker: { status: { pods: 4, readyPods: 3, currentPods: 4 } },
      },
      nodes: { 6: pending },
      pvcs: { 6: 'Pending' },
    });
    return [
      ...objects.map((o: any) =>
        o.metadata.name === 'data-0-my-cluster-broker-6'
          ? { ...o, spec: { ...o.spec, storageClassName: 'fast-ssd' } }
          : o,
      ),
      provisioningFailed,
    ];
  }

  it('is degraded with no change to explain it, naming the storage class', () => {
    const status = one(scaledUp({}));
    expect(status.health).toBe('degraded');
    const reason = status.reasons.find(r => r.code === 'PvcPending')!;
    expect(reason.message).toBe(
      'PVC data-0-my-cluster-broker-6 of pod my-cluster-broker-6 is Pending: ProvisioningFailed: storageclass.storage.k8s.io "fast-ssd" not found',
    );
    expect(reason.fix).toMatch(
      /storage class fast-ssd exists .* spec\.storage of KafkaNodePool broker/,
    );
    expect(status.brokers).toMatchObject({ desired: 4, ready: 3 });
    expect(status.events[0]).toMatchObject({
      reason: 'ProvisioningFailed',
      object: {
        kind: 'PersistentVolumeClaim',
        name: 'data-0-my-cluster-broker-6',
      },
    });
  });

  it('is progressing while Strimzi works on the scale-up', () => {
    const kafka = { generation: 5, observedGeneration: 4 };
    const objects = scaledUp(kafka).map((o: any) =>
      o.kind === 'Kafka'
        ? {
            ...o,
            metadata: {
              ...o.metadata,
              managedFields: [
                {
                  manager: 'argocd-controller',
                  operation: 'Apply',
                  time: ago(26),
                  fieldsType: 'FieldsV1',
                  fieldsV1: { 'f:spec': {} },
                },
              ],
            },
          }
        : o,
    );
    const status = one(objects);
    expect(status.health).toBe('progressing');
    expect(status.reasons.find(r => r.code === 'PvcPending')?.impact).toBe(
      'progressing',
    );
  });

  it('is unhealthy with no ready broker, and with a lost controller quorum', () => {
    const down = { restarts: 9, ...crashLoop('Error', 1, ago(1)) };
    const noBroker = one(
      strimziEnvironment({ nodes: { 3: down, 4: down, 5: down } }),
    );
    expect(noBroker.health).toBe('unhealthy');
    expect(noBroker.reasons[0]).toMatchObject({
      code: 'NoReadyBroker',
      message: '0/3 brokers ready',
    });
    const noQuorum = one(strimziEnvironment({ nodes: { 0: down, 1: down } }));
    expect(noQuorum.health).toBe('unhealthy');
    expect(noQuorum.reasons[0]).toMatchObject({
      code: 'ControllerQuorumLost',
      message: '1/3 controllers ready, below the quorum of 2',
    });
  });

  it('counts ready nodes from the pod sets when pods are not watched', () => {
    const status = one(
      strimziEnvironment({ podSets: { broker: { status: { readyPods: 2 } } } }),
      POD_KEYS,
    );
    expect(status.brokers).toEqual({ desired: 3, ready: 2, members: [] });
    expect(status.health).toBe('degraded');
    expect(codes(status)).toEqual(['BrokersNotReady']);
  });
});

describe('Strimzi v1beta2 before node pools: ZooKeeper, and the migration to KRaft', () => {
  function legacy(metadataState: string): unknown[] {
    const kafka = strimziKafka({
      version: 'v1beta2',
      spec: {
        kafka: {
          replicas: 3,
          listeners: [
            { name: 'plain', port: 9092, type: 'internal', tls: false },
          ],
        },
        zookeeper: {
          replicas: 3,
          storage: { type: 'persistent-claim', size: '10Gi' },
        },
      },
      pools: [],
      status: {
        kafkaMetadataState: metadataState,
        registeredNodeIds: undefined,
      },
    });
    const objects: unknown[] = [kafka];
    for (const component of ['kafka', 'zookeeper']) {
      objects.push({
        ...podSet(component, [0, 1, 2], { name: `${CLUSTER}-${component}` }),
      });
      for (const id of [0, 1, 2]) {
        const name = `${CLUSTER}-${component}-${id}`;
        objects.push(
          pod({
            namespace: NS,
            name,
            labels: {
              'strimzi.io/cluster': CLUSTER,
              'strimzi.io/kind': 'Kafka',
              'strimzi.io/name': `${CLUSTER}-${component}`,
              'strimzi.io/controller': 'strimzipodset',
              'strimzi.io/controller-name': `${CLUSTER}-${component}`,
              'strimzi.io/pod-name': name,
            },
            annotations: { 'strimzi.io/revision': 'a1b2c3d4' },
            owner: {
              apiVersion: 'core.strimzi.io/v1beta2',
              kind: 'StrimziPodSet',
              name: `${CLUSTER}-${component}`,
            },
            container: component,
            image: 'quay.io/strimzi/kafka:0.45.0-kafka-3.9.0',
            claims: [`data-${name}`],
          }),
          pvc({ namespace: NS, name: `data-${name}` }),
        );
      }
    }
    return objects;
  }

  it('reads a ZooKeeper cluster: brokers from spec.kafka.replicas, the ensemble as controllers', () => {
    const status = one(legacy('ZooKeeper'));
    expect(status.health).toBe('healthy');
    expect(status.metadataMode).toBe('zookeeper');
    expect(status.brokers).toMatchObject({ desired: 3, ready: 3 });
    expect(status.brokers.members.map(m => [m.podName, m.roles])).toEqual([
      ['my-cluster-kafka-0', ['broker']],
      ['my-cluster-kafka-1', ['broker']],
      ['my-cluster-kafka-2', ['broker']],
    ]);
    expect(status.controllers?.members.map(m => [m.podName, m.roles])).toEqual([
      ['my-cluster-zookeeper-0', ['zookeeper']],
      ['my-cluster-zookeeper-1', ['zookeeper']],
      ['my-cluster-zookeeper-2', ['zookeeper']],
    ]);
  });

  it('is progressing while migrating its metadata to KRaft', () => {
    const status = one(legacy('KRaftDualWriting'));
    expect(status.metadataMode).toBe('migrating');
    expect(status.metadataState).toBe('KRaftDualWriting');
    expect(status.health).toBe('progressing');
    expect(codes(status)).toEqual(['MetadataMigration']);
  });
});

describe('Strimzi: what belongs to which Kafka cluster', () => {
  const connect = (
    name: string,
    namespace: string,
    bootstrapServers: string,
    extra: Record<string, any> = {},
  ) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaConnect',
    metadata: {
      name,
      namespace,
      generation: 2,
      creationTimestamp: ago(600),
      labels: { 'backstage.io/kubernetes-id': 'orders' },
    },
    spec: {
      replicas: 1,
      bootstrapServers,
      groupId: 'connect-cluster',
      configStorageTopic: 'c',
      offsetStorageTopic: 'o',
      statusStorageTopic: 's',
      ...extra,
    },
    status: {
      conditions: [ready()],
      observedGeneration: 2,
      url: `http://${name}-connect-api.${namespace}.svc:8083`,
      replicas: 1,
    },
  });
  const connector = (
    name: string,
    connectName: string,
    status: Record<string, any>,
  ) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaConnector',
    metadata: {
      name,
      namespace: NS,
      generation: 1,
      creationTimestamp: ago(600),
      labels: { 'strimzi.io/cluster': connectName },
    },
    spec: {
      class: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      tasksMax: 2,
    },
    status: { observedGeneration: 1, tasksMax: 2, ...status },
  });
  const connectPod = (connectName: string, o: Record<string, any> = {}) =>
    pod({
      namespace: NS,
      name: `${connectName}-connect-0`,
      labels: {
        'strimzi.io/cluster': connectName,
        'strimzi.io/kind': 'KafkaConnect',
        'strimzi.io/name': `${connectName}-connect`,
        'strimzi.io/controller-name': `${connectName}-connect`,
      },
      owner: {
        apiVersion: 'core.strimzi.io/v1',
        kind: 'StrimziPodSet',
        name: `${connectName}-connect`,
      },
      container: `${connectName}-connect`,
      image: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1',
      ...o,
    });
  const componentPod = (
    cluster: string,
    kind: string,
    name: string,
    ownerKind: string,
  ) =>
    pod({
      namespace: NS,
      name,
      labels: {
        'strimzi.io/cluster': cluster,
        'strimzi.io/kind': kind,
        'strimzi.io/name': name.replace(/-[^-]+(-[^-]+)?$/, ''),
      },
      owner: {
        apiVersion:
          ownerKind === 'ReplicaSet' ? 'apps/v1' : 'core.strimzi.io/v1',
        kind: ownerKind,
        name,
      },
      container: cluster,
      image: 'quay.io/strimzi/kafka-bridge:0.33.1',
    });
  const other = strimziKafka({
    name: 'source-cluster',
    namespace: 'source',
    pools: [],
  });
  const mirrorMaker = {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaMirrorMaker2',
    metadata: {
      name: 'clone',
      namespace: NS,
      generation: 1,
      creationTimestamp: ago(600),
    },
    spec: {
      replicas: 1,
      target: {
        alias: 'clone',
        bootstrapServers: 'my-cluster-kafka-bootstrap:9092',
        groupId: 'mm2',
        configStorageTopic: 'mm2-c',
        offsetStorageTopic: 'mm2-o',
        statusStorageTopic: 'mm2-s',
      },
      mirrors: [
        {
          source: {
            alias: 'prod',
            bootstrapServers: 'source-cluster-kafka-bootstrap.source.svc:9092',
          },
          topicsPattern: 'orders.*',
          sourceConnector: { tasksMax: 2 },
        },
      ],
    },
    status: {
      conditions: [ready()],
      observedGeneration: 1,
      connectors: [
        {
          name: 'prod->clone.MirrorSourceConnector',
          connector: { state: 'RUNNING', worker_id: 'w' },
          tasks: [
            { id: 0, state: 'RUNNING' },
            { id: 1, state: 'FAILED', trace: 'org.apache.kafka…' },
          ],
          type: 'source',
        },
        {
          name: 'prod->clone.MirrorCheckpointConnector',
          connector: { state: 'RUNNING', worker_id: 'w' },
          tasks: [],
          type: 'source',
        },
      ],
    },
  };
  const objects = [
    ...strimziEnvironment({
      kafka: {
        spec: {
          entityOperator: {
            topicOperator: { watchedNamespace: 'topics' },
            userOperator: {},
          },
        },
      },
    }),
    other,
    strimziTopic('orders', {
      labels: { 'backstage.io/kubernetes-id': 'orders' },
    }),
    strimziTopic('watched-elsewhere', { namespace: 'topics' }),
    strimziTopic('of-source', {
      namespace: 'source',
      cluster: 'source-cluster',
    }),
    strimziTopic('of-nobody', { cluster: 'gone' }),
    strimziTopic('not-reconciled', { status: false, created: ago(2) }),
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaUser',
      metadata: {
        name: 'orders-app',
        namespace: NS,
        generation: 1,
        creationTimestamp: ago(600),
        labels: { 'strimzi.io/cluster': CLUSTER },
      },
      spec: {
        authentication: {
          type: 'scram-sha-512',
          password: {
            valueFrom: { secretKeyRef: { name: 'orders-pw', key: 'password' } },
          },
        },
        authorization: { type: 'simple', acls: [] },
      },
      status: {
        conditions: [ready()],
        observedGeneration: 1,
        username: 'orders-app',
        secret: 'orders-app',
      },
    },
    connect('orders-connect', NS, 'my-cluster-kafka-bootstrap:9093'),
    connectPod('orders-connect'),
    connect(
      'apps-connect',
      'apps',
      'my-cluster-kafka-bootstrap.myproject.svc.cluster.local:9092',
    ),
    connectPod('apps-connect', { namespace: 'apps' }),
    componentPod(
      'bridge',
      'KafkaBridge',
      'bridge-bridge-7f9c6d5b4-abcde',
      'ReplicaSet',
    ),
    componentPod(
      'clone',
      'KafkaMirrorMaker2',
      'clone-mirrormaker2-0',
      'StrimziPodSet',
    ),
    connect('msk-connect', NS, 'b-1.kafka.eu-west-1.amazonaws.com:9092'),
    connector('orders-source', 'orders-connect', {
      conditions: [ready()],
      connectorStatus: {
        name: 'orders-source',
        connector: { state: 'RUNNING', worker_id: 'w' },
        tasks: [
          { id: 0, state: 'RUNNING' },
          { id: 1, state: 'FAILED', trace: '…' },
        ],
        type: 'source',
      },
      autoRestart: { count: 2, lastRestartTimestamp: ago(10) },
    }),
    connector('orders-paused', 'orders-connect', {
      conditions: [ready()],
      connectorStatus: {
        name: 'orders-paused',
        connector: { state: 'PAUSED', worker_id: 'w' },
        tasks: [{ id: 0, state: 'PAUSED' }],
        type: 'source',
      },
    }),
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaBridge',
      metadata: {
        name: 'bridge',
        namespace: NS,
        generation: 1,
        creationTimestamp: ago(600),
      },
      spec: {
        replicas: 1,
        bootstrapServers: 'my-cluster-kafka-bootstrap:9092',
        http: { port: 8080 },
      },
      status: {
        conditions: [
          notReady(
            'KafkaException',
            'Failed to construct kafka consumer',
            ago(30),
          ),
        ],
        observedGeneration: 1,
      },
    },
    mirrorMaker,
  ];
  const statuses = assemble(objects);
  const mine = statuses.find(s => s.ref.name === CLUSTER)!;
  const source = statuses.find(s => s.ref.name === 'source-cluster')!;

  it('finds topics and users by the strimzi.io/cluster label, in its namespace and the one its operators watch', () => {
    expect(mine.topics.map(t => [t.name, t.health, t.state]).sort()).toEqual([
      ['not-reconciled', 'progressing', undefined],
      ['orders', 'healthy', 'Ready'],
      ['watched-elsewhere', 'healthy', 'Ready'],
    ]);
    expect(mine.topics.find(t => t.name === 'orders')).toMatchObject({
      partitions: 12,
      replicationFactor: 3,
      labels: { 'backstage.io/kubernetes-id': 'orders' },
    });
    expect(source.topics.map(t => t.name)).toEqual(['of-source']);
    expect(mine.access).toEqual([
      expect.objectContaining({
        kind: 'KafkaUser',
        principal: 'User:orders-app',
        authentication: 'scram-sha-512',
        state: 'Ready',
        health: 'healthy',
      }),
    ]);
    expect(JSON.stringify(mine.access)).not.toContain('orders-pw');
  });

  it('finds Connect, Bridge and MirrorMaker 2 by their bootstrap servers', () => {
    expect(
      mine.components
        .map(c => `${c.type}:${c.resource.namespace}/${c.name}`)
        .sort(),
    ).toEqual([
      'bridge:myproject/bridge',
      'connect:apps/apps-connect',
      'connect:myproject/orders-connect',
      'entity-operator:myproject/my-cluster-entity-operator',
      'mirror-maker-2:myproject/clone',
    ]);
  });

  it('judges connectors with the Connect cluster they run on', () => {
    const orders = mine.components.find(c => c.name === 'orders-connect')!;
    expect(
      orders.connectors.map(c => [c.name, c.state, c.health, c.tasks]),
    ).toEqual([
      [
        'orders-source',
        'RUNNING',
        'degraded',
        { failed: 1, running: 1, total: 2 },
      ],
      [
        'orders-paused',
        'PAUSED',
        'healthy',
        { failed: 0, running: 0, total: 1 },
      ],
    ]);
    expect(codes(orders.connectors[0])).toEqual([
      'ConnectorTaskFailed',
      'ConnectorRestarted',
    ]);
    expect(orders).toMatchObject({
      health: 'degraded',
      desired: 1,
      ready: 1,
      endpoint: 'http://orders-connect-connect-api.myproject.svc:8083',
    });
    expect(orders.labels).toEqual({ 'backstage.io/kubernetes-id': 'orders' });
  });

  it('shows MirrorMaker 2 as a link on both sides, counted on its target only', () => {
    const mm2 = mine.components.find(c => c.type === 'mirror-maker-2')!;
    expect(mm2.connectors.map(c => [c.name, c.health])).toEqual([
      ['prod->clone.MirrorSourceConnector', 'degraded'],
      ['prod->clone.MirrorCheckpointConnector', 'healthy'],
    ]);
    expect(mine.links).toEqual([
      expect.objectContaining({
        type: 'mirror-maker-2',
        role: 'destination',
        linkName: 'prod->clone',
        topicsPattern: 'orders.*',
        health: 'degraded',
        peer: {
          bootstrapServers: 'source-cluster-kafka-bootstrap.source.svc:9092',
          ref: {
            cluster: 'prod-eu',
            namespace: 'source',
            name: 'source-cluster',
          },
          clusterId: 'Zq3wC1sWTQyTcEbX3TpcNw',
        },
      }),
    ]);
    expect(source.links).toEqual([
      expect.objectContaining({
        role: 'source',
        linkName: 'prod->clone',
        peer: expect.objectContaining({
          ref: { cluster: 'prod-eu', namespace: NS, name: CLUSTER },
        }),
      }),
    ]);
    // The link's failing task counts on the target only; the source is unknown for its own reason.
    expect(codes(source)).toEqual(['NodePoolsNotFound']);
  });

  it('makes the cluster degraded for a failing bridge and connector, each reason once', () => {
    expect(mine.health).toBe('degraded');
    expect(
      mine.reasons.find(r => r.resource.kind === 'KafkaBridge'),
    ).toMatchObject({
      code: 'ResourceFailed',
      message:
        'KafkaBridge bridge is not ready: KafkaException: Failed to construct kafka consumer',
    });
    const keys = mine.reasons.map(
      r => `${r.code}|${r.resource.kind}|${r.resource.name}|${r.message}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads the v1beta2 MirrorMaker 2 shape (clusters, connectCluster, sourceCluster)', () => {
    const old = {
      ...mirrorMaker,
      apiVersion: 'kafka.strimzi.io/v1beta2',
      spec: {
        replicas: 1,
        connectCluster: 'clone',
        clusters: [
          {
            alias: 'prod',
            bootstrapServers: 'source-cluster-kafka-bootstrap.source.svc:9092',
          },
          {
            alias: 'clone',
            bootstrapServers: 'my-cluster-kafka-bootstrap:9092',
          },
        ],
        mirrors: [
          {
            sourceCluster: 'prod',
            targetCluster: 'clone',
            topicsPattern: 'orders.*',
          },
        ],
      },
    };
    const found = assemble([...objects.filter(o => o !== mirrorMaker), old]);
    expect(found.find(s => s.ref.name === CLUSTER)?.links).toEqual([
      expect.objectContaining({ role: 'destination', linkName: 'prod->clone' }),
    ]);
    expect(found.find(s => s.ref.name === 'source-cluster')?.links).toEqual([
      expect.objectContaining({ role: 'source' }),
    ]);
  });
});

describe('Strimzi: each object once, whichever versions were listed', () => {
  it('keeps the first of a Kafka seen under v1 and v1beta2', () => {
    const v1 = strimziKafka({ version: 'v1' });
    const v1beta2 = strimziKafka({ version: 'v1beta2' });
    const statuses = assemble([v1, v1beta2]);
    expect(statuses).toHaveLength(1);
    expect(statuses[0].apiVersion).toBe('kafka.strimzi.io/v1');
  });

  it('but two clusters of the same name in two namespaces are two', () => {
    expect(
      assemble([strimziKafka(), strimziKafka({ namespace: 'other' })]),
    ).toHaveLength(2);
  });
});

describe('Strimzi: topics', () => {
  it.each([
    [[ready()], {}, 'healthy', 'Ready', undefined],
    [
      [
        {
          type: 'Ready',
          status: 'False',
          reason: 'KafkaError',
          message:
            'org.apache.kafka.common.errors.PolicyViolationException: Topic replication factor must be 3',
          lastTransitionTime: ago(20),
        },
      ],
      {},
      'degraded',
      'NotReady',
      'ResourceFailed',
    ],
    [
      [{ type: 'Unmanaged', status: 'True', lastTransitionTime: ago(20) }],
      { 'strimzi.io/managed': 'false' },
      'healthy',
      'Unmanaged',
      'ResourceUnmanaged',
    ],
    [
      [
        {
          type: 'ReconciliationPaused',
          status: 'True',
          lastTransitionTime: ago(20),
        },
      ],
      { 'strimzi.io/pause-reconciliation': 'true' },
      'healthy',
      'Paused',
      'ResourcePaused',
    ],
  ])('reads conditions %p', (conditions, annotations, health, state, code) => {
    const status = one(
      [strimziKafka(), strimziTopic('t', { conditions, annotations })],
      POD_KEYS,
    );
    expect(status.topics[0]).toMatchObject({ health, state });
    expect(status.topics[0].reasons[0]?.code).toBe(code);
  });

  it('is progressing while its replication factor changes', () => {
    // Changing spec.replicas bumps the generation; the topic operator has observed it.
    const topic = strimziTopic('t', {
      status: {
        observedGeneration: 2,
        replicasChange: {
          targetReplicas: 3,
          state: 'ongoing',
          sessionId: 'abc',
        },
      },
    });
    topic.metadata.generation = 2;
    topic.metadata.managedFields[0].time = ago(5);
    const stuck = strimziTopic('t', {
      status: {
        observedGeneration: 2,
        replicasChange: {
          targetReplicas: 3,
          state: 'pending',
          message:
            'Replicas change failed (500), Error processing POST request',
        },
      },
    });
    stuck.metadata.generation = 2;
    stuck.metadata.managedFields[0].time = ago(5);
    // A failed change is degraded at once, not pending until it is stuck.
    const failedStatus = one([strimziKafka(), stuck], POD_KEYS);
    expect(failedStatus.topics[0].reasons[0]).toMatchObject({
      code: 'ReplicasChangeFailed',
      impact: 'degraded',
    });
    expect(failedStatus.topics[0].reasons[0].message).toMatch(
      /Replicas change failed/,
    );
    const status = one([strimziKafka(), topic], POD_KEYS);
    expect(status.topics[0].health).toBe('progressing');
    expect(status.topics[0].reasons[0].message).toBe(
      'The replication factor of topic t is changing to 3 (ongoing)',
    );
  });
});

describe('Strimzi: kafka-single-node.yaml, one dual-role node (the operators’ examples)', () => {
  const objects = [
    strimziKafka({ pools: ['dual-role'] }),
    nodePool('dual-role', ['controller', 'broker'], [0]),
    podSet('dual-role', [0]),
    strimziNodePod('dual-role', 0, ['controller', 'broker']),
    pvc({ namespace: NS, name: `data-0-${CLUSTER}-dual-role-0` }),
  ];

  it('counts the node as broker and controller', () => {
    const status = one(objects);
    expect(status.health).toBe('healthy');
    expect(status.brokers).toMatchObject({ desired: 1, ready: 1 });
    expect(status.controllers).toMatchObject({ desired: 1, ready: 1 });
    expect(status.brokers.members[0]).toMatchObject({
      id: 0,
      pool: 'dual-role',
      roles: ['broker', 'controller'],
    });
    expect(status.controllers?.members[0].podName).toBe(
      status.brokers.members[0].podName,
    );
  });

  it('is unhealthy on both counts when that node is down', () => {
    const down = objects.map((o: any) =>
      o.kind === 'Pod'
        ? strimziNodePod('dual-role', 0, ['controller', 'broker'], {
            restarts: 3,
            ...crashLoop('Error', 1, ago(1)),
          })
        : o,
    );
    const status = one(down);
    expect(status.health).toBe('unhealthy');
    expect(codes(status)).toEqual(
      expect.arrayContaining([
        'NoReadyBroker',
        'ControllerQuorumLost',
        'PodCrashLooping',
      ]),
    );
  });
});
