// Scenario tests of issue 16's classes, each on a complete environment (the CRs with their
// status, and the pods, PVCs, StatefulSets / StrimziPodSets and node pools a real cluster holds
// for them), with times relative to NOW: what the operators write, and never green by omission.
import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { snapshotOf } from './__testUtils__/snapshot';
import { NOW, ago, pod } from '../__fixtures__/core';
import {
  CLUSTER,
  NS,
  StrimziVersion,
  nodePool,
  ready,
  strimziEnvironment,
  strimziTopic,
} from '../__fixtures__/strimzi';
import {
  NS as CFK_NS,
  cfkComponent,
  cfkCr,
  cfkKafka,
  cfkPodsAndPvcs,
  healthyCfkEnvironment,
  runningConditions,
  statefulSet,
} from '../__fixtures__/cfk';
import { cfkAdapter } from './cfk';
import { strimziAdapter } from './strimzi';
import { cfkWatches } from './cfk/health/watches';
import { HealthThresholds } from './types';
import { REFUSED_CHANGE_WARNINGS } from './strimzi/health/warnings';

function one(
  adapter: typeof cfkAdapter,
  objects: unknown[],
  o: { unwatched?: string[]; thresholds?: Partial<HealthThresholds> } = {},
): KafkaClusterStatus {
  const statuses = adapter.assemble(
    snapshotOf(objects, { cluster: 'prod-eu', unwatched: o.unwatched }),
    { now: NOW, thresholds: o.thresholds },
  );
  expect(statuses).toHaveLength(1);
  return statuses[0];
}

const strimzi = (objects: unknown[], thresholds?: Partial<HealthThresholds>) =>
  one(strimziAdapter, objects, { thresholds });

/** The times the rules report: ISO 8601 with milliseconds. */
const iso = (minutes: number) => new Date(ago(minutes)).toISOString();

function codes(status: { reasons: { code: string }[] }): string[] {
  return status.reasons.map(r => r.code);
}

function warning(reason: string, message: string, minutes = 30) {
  return {
    type: 'Warning',
    status: 'True',
    reason,
    message,
    lastTransitionTime: ago(minutes),
  };
}

const VERSIONS: StrimziVersion[] = ['v1', 'v1beta2'];

// Warnings as Strimzi writes them (reasons and the gist of their messages, from the files
// named in strimzi/health/warnings.ts, tags 0.51.0 and 1.2.0).
const ADVISORY = [
  warning(
    'KafkaDefaultReplicationFactor',
    'default.replication.factor option is not configured; it defaults to 1.',
  ),
  warning(
    'KafkaMinInsyncReplicas',
    'min.insync.replicas option is not configured; it defaults to 1.',
  ),
  warning(
    'KafkaStorage',
    'A Kafka cluster with a single broker node and ephemeral storage will lose topic messages after any restart or rolling update.',
  ),
  warning(
    'DeprecatedFields',
    'In API version kafka.strimzi.io/v1beta2 the property template is deprecated.',
  ),
  warning('DeprecatedObjects', 'ingress type listeners are deprecated.'),
  warning('UnknownFields', 'Contains an unknown property spec.kafka.foo.'),
  warning(
    'KafkaKRaftControllerNodeCount',
    'Running KRaft controller quorum with an odd number of nodes is recommended.',
  ),
  warning(
    'KafkaMetadataVersion',
    'Metadata version is older than the Kafka version used by the cluster.',
  ),
];

const REFUSED: Record<string, string> = {
  ScaleDownPreventionCheck:
    'Reverting scale-down of KafkaNodePool broker by changing number of replicas to 3',
  KafkaStorage:
    'The desired Kafka storage configuration in the KafkaNodePool resource myproject/broker contains changes which are not allowed. As a result, all storage changes will be ignored.',
  PvcResizingWarning:
    'Storage Class standard does not support resizing of volumes. PVC data-0-my-cluster-broker-3 cannot be resized.',
  MetadataUpdateFailed: 'Failed to update metadata version to 4.3-IV0',
  QuotasPluginConflict:
    'Quotas plugin class cannot be configured in .spec.kafka.config when .spec.kafka.quotas is set; the plugin from .spec.kafka.quotas will be used',
  InvalidConfig:
    'Property retention.ms is ignored according to alterable config',
  RestartConnector: 'Failed to restart connector orders-source. 500',
  RestartConnectorTask: 'Failed to restart connector task orders-source:0. 500',
  ManageOffsets:
    'Encountered error getting connector offsets annotation. Unknown value',
  AlterOffsets: 'Failed to alter offsets of connector orders-source',
  ResetOffsets: 'Failed to reset offsets of connector orders-source',
};

describe.each(VERSIONS)('Strimzi %s: Warning conditions', version => {
  it('shows advice without changing the verdict', () => {
    const status = strimzi(
      strimziEnvironment({
        version,
        kafka: { version, conditions: [...ADVISORY, ready()] },
      }),
    );
    expect(status.health).toBe('healthy');
    expect(status.reasons).toHaveLength(ADVISORY.length);
    for (const r of status.reasons) {
      expect(r).toMatchObject({
        code: 'OperatorAdvisory',
        impact: 'healthy',
        severity: 'warning',
        resource: { kind: 'Kafka', name: CLUSTER },
      });
    }
    expect(status.reasons[0].message).toMatch(
      /KafkaDefaultReplicationFactor.*default\.replication\.factor/,
    );
  });

  it('has a sample message for every refused change it lists', () => {
    expect(Object.keys(REFUSED).sort()).toEqual(
      [...new Set(REFUSED_CHANGE_WARNINGS.map(w => w.reason))].sort(),
    );
  });

  it.each(
    ['ScaleDownPreventionCheck', 'KafkaStorage', 'PvcResizingWarning'].concat([
      'MetadataUpdateFailed',
      'QuotasPluginConflict',
    ]),
  )('degrades the Kafka CR on %s, a refused or ignored change', reason => {
    const status = strimzi(
      strimziEnvironment({
        version,
        kafka: {
          version,
          conditions: [warning(reason, REFUSED[reason], 90), ready()],
        },
      }),
    );
    expect(status.health).toBe('degraded');
    expect(status.reasons).toHaveLength(1);
    expect(status.reasons[0]).toMatchObject({
      code: 'OperatorWarning',
      impact: 'degraded',
      severity: 'error',
      since: iso(90),
      resource: { kind: 'Kafka', name: CLUSTER },
    });
    expect(status.reasons[0].message).toContain(REFUSED[reason]);
    expect(status.reasons[0].fix).toBeDefined();
  });

  it('degrades on a warning of a node pool that says its change was refused', () => {
    const objects = strimziEnvironment({ version }).map(o =>
      o.kind === 'KafkaNodePool' && o.metadata.name === 'broker'
        ? nodePool('broker', ['broker'], [3, 4, 5], {
            version,
            conditions: [
              warning(
                'ScaleDownPreventionCheck',
                REFUSED.ScaleDownPreventionCheck,
              ),
            ],
          })
        : o,
    );
    const status = strimzi(objects);
    expect(status.health).toBe('degraded');
    expect(status.reasons[0]).toMatchObject({
      code: 'OperatorWarning',
      resource: { kind: 'KafkaNodePool', name: 'broker' },
    });
  });

  it("tells the topic operator's throttling note (advice) from an ignored setting (degraded)", () => {
    const throttled = strimziTopic('orders', {
      version,
      conditions: [
        ready(),
        warning(
          'InvalidConfig',
          'Property follower.replication.throttled.replicas may conflict with throttled rebalances',
        ),
      ],
    });
    const ignored = strimziTopic('payments', {
      version,
      conditions: [ready(), warning('InvalidConfig', REFUSED.InvalidConfig)],
    });
    const status = strimzi([
      ...strimziEnvironment({ version }),
      throttled,
      ignored,
    ]);
    const [orders, payments] = status.topics;
    expect([orders.health, codes(orders)]).toEqual([
      'healthy',
      ['OperatorAdvisory'],
    ]);
    expect([payments.health, codes(payments)]).toEqual([
      'degraded',
      ['OperatorWarning'],
    ]);
    expect(status.health).toBe('degraded');
  });
});

describe.each(VERSIONS)(
  'Strimzi %s: KafkaTopic replication factor changes',
  version => {
    function topicWith(replicasChange: Record<string, any>) {
      const topic = strimziTopic('orders', {
        version,
        status: { observedGeneration: 2, replicasChange },
      });
      topic.metadata.generation = 2;
      topic.metadata.managedFields[0].time = ago(5);
      topic.spec.replicas = 3;
      return strimzi([...strimziEnvironment({ version }), topic]).topics[0];
    }

    it('is progressing while pending or ongoing', () => {
      expect(topicWith({ targetReplicas: 3, state: 'pending' }).health).toBe(
        'progressing',
      );
      expect(
        topicWith({ targetReplicas: 3, state: 'ongoing', sessionId: 'a1' })
          .health,
      ).toBe('progressing');
    });

    it.each([
      ['ongoing', 'Replicas change completed with error'],
      ['pending', 'Replicas change failed, Connection refused'],
    ])(
      'is degraded at once when Strimzi reports it failed (%s: %s)',
      (state, message) => {
        const topic = topicWith({ targetReplicas: 3, state, message });
        expect(topic.health).toBe('degraded');
        expect(codes(topic)).toEqual(['ReplicasChangeFailed']);
        expect(topic.reasons[0].message).toContain(message);
        expect(topic.reasons[0].resource).toMatchObject({
          kind: 'KafkaTopic',
          name: 'orders',
        });
      },
    );
  },
);

// A KafkaConnect of the cluster with its pod set and pod, and a KafkaConnector on it.
function connectEnvironment(
  version: StrimziVersion,
  connectorStatus: Record<string, any>,
): unknown[] {
  const api = `kafka.strimzi.io/${version}`;
  return [
    ...strimziEnvironment({ version }),
    {
      apiVersion: api,
      kind: 'KafkaConnect',
      metadata: {
        name: 'orders-connect',
        namespace: NS,
        generation: 1,
        creationTimestamp: ago(7 * 24 * 60),
        annotations: { 'strimzi.io/use-connector-resources': 'true' },
      },
      spec: {
        replicas: 1,
        bootstrapServers: `${CLUSTER}-kafka-bootstrap:9093`,
        ...(version === 'v1'
          ? {
              groupId: 'connect-cluster',
              configStorageTopic: 'connect-configs',
              offsetStorageTopic: 'connect-offsets',
              statusStorageTopic: 'connect-status',
            }
          : { config: { 'group.id': 'connect-cluster' } }),
      },
      status: {
        conditions: [ready()],
        observedGeneration: 1,
        url: `http://orders-connect-connect-api.${NS}.svc:8083`,
        replicas: 1,
      },
    },
    pod({
      namespace: NS,
      name: 'orders-connect-connect-0',
      labels: {
        'strimzi.io/cluster': 'orders-connect',
        'strimzi.io/kind': 'KafkaConnect',
        'strimzi.io/name': 'orders-connect-connect',
        'strimzi.io/controller-name': 'orders-connect-connect',
      },
      owner: {
        apiVersion: 'core.strimzi.io/v1',
        kind: 'StrimziPodSet',
        name: 'orders-connect-connect',
      },
      container: 'orders-connect-connect',
      image: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1',
    }),
    {
      apiVersion: api,
      kind: 'KafkaConnector',
      metadata: {
        name: 'orders-source',
        namespace: NS,
        generation: 1,
        creationTimestamp: ago(3 * 24 * 60),
        labels: { 'strimzi.io/cluster': 'orders-connect' },
      },
      spec: {
        class: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
        tasksMax: 1,
        autoRestart: { enabled: true },
      },
      status: {
        conditions: [ready()],
        observedGeneration: 1,
        tasksMax: 1,
        connectorStatus: {
          name: 'orders-source',
          connector: { state: 'RUNNING', worker_id: '10.0.0.7:8083' },
          tasks: [{ id: 0, state: 'RUNNING', worker_id: '10.0.0.7:8083' }],
          type: 'source',
        },
        ...connectorStatus,
      },
    },
  ];
}

describe.each(VERSIONS)('Strimzi %s: connector auto-restarts', version => {
  const connectorOf = (
    status: Record<string, any>,
    thresholds?: Partial<HealthThresholds>,
  ) => {
    const cluster = strimzi(connectEnvironment(version, status), thresholds);
    const connect = cluster.components.find(c => c.type === 'connect')!;
    return { cluster, connect, connector: connect.connectors[0] };
  };

  it('is degraded after 3 restarts, the last one recent, even when RUNNING now', () => {
    const { cluster, connect, connector } = connectorOf({
      autoRestart: {
        count: 3,
        connectorName: 'orders-source',
        lastRestartTimestamp: ago(10),
      },
    });
    expect(connector.health).toBe('degraded');
    expect(codes(connector)).toEqual(['ConnectorRestartLoop']);
    expect(connector.reasons[0]).toMatchObject({
      since: iso(10),
      resource: { kind: 'KafkaConnector', name: 'orders-source' },
    });
    expect(connector.autoRestarts).toBe(3);
    expect(connect.health).toBe('degraded');
    expect(cluster.health).toBe('degraded');
  });

  it('only warns about fewer restarts, or older ones', () => {
    for (const autoRestart of [
      { count: 2, lastRestartTimestamp: ago(5) },
      { count: 7, lastRestartTimestamp: ago(3 * 60) },
      { count: 4 },
    ]) {
      const { cluster, connector } = connectorOf({ autoRestart });
      expect([connector.health, codes(connector)]).toEqual([
        'healthy',
        ['ConnectorRestarted'],
      ]);
      expect(connector.reasons[0].severity).toBe('warning');
      expect(cluster.health).toBe('healthy');
    }
  });

  it('reads the count and the window from the thresholds', () => {
    const restart = {
      autoRestart: { count: 3, lastRestartTimestamp: ago(50) },
    };
    expect(
      connectorOf(restart, { connectorRestartsDegraded: 5 }).connector.health,
    ).toBe('healthy');
    expect(
      connectorOf(restart, { recentRestartSeconds: 30 * 60 }).connector.health,
    ).toBe('healthy');
    expect(connectorOf(restart).connector.health).toBe('degraded');
  });

  it('degrades on a connector restart Strimzi could not do', () => {
    const { connector } = connectorOf({
      conditions: [
        warning('RestartConnector', REFUSED.RestartConnector, 5),
        ready(),
      ],
    });
    expect([connector.health, codes(connector)]).toEqual([
      'degraded',
      ['OperatorWarning'],
    ]);
  });
});

describe.each(VERSIONS)('Strimzi %s: MirrorMaker 2 auto-restarts', version => {
  // v1 names the target and sources in spec.target / mirrors[].source; v1beta2 in clusters[],
  // connectCluster and mirrors[].sourceCluster.
  const spec =
    version === 'v1'
      ? {
          replicas: 1,
          target: {
            alias: 'clone',
            bootstrapServers: `${CLUSTER}-kafka-bootstrap:9092`,
            groupId: 'mm2',
            configStorageTopic: 'mm2-configs',
            offsetStorageTopic: 'mm2-offsets',
            statusStorageTopic: 'mm2-status',
          },
          mirrors: [
            {
              source: {
                alias: 'prod',
                bootstrapServers: 'prod-kafka-bootstrap.prod.svc:9092',
              },
              topicsPattern: 'orders.*',
              sourceConnector: { tasksMax: 1, autoRestart: { enabled: true } },
            },
          ],
        }
      : {
          replicas: 1,
          connectCluster: 'clone',
          clusters: [
            {
              alias: 'clone',
              bootstrapServers: `${CLUSTER}-kafka-bootstrap:9092`,
            },
            {
              alias: 'prod',
              bootstrapServers: 'prod-kafka-bootstrap.prod.svc:9092',
            },
          ],
          mirrors: [
            {
              sourceCluster: 'prod',
              targetCluster: 'clone',
              topicsPattern: 'orders.*',
              sourceConnector: { tasksMax: 1, autoRestart: { enabled: true } },
            },
          ],
        };
  const mirrorMaker = (autoRestartStatuses: Record<string, any>[]) => ({
    apiVersion: `kafka.strimzi.io/${version}`,
    kind: 'KafkaMirrorMaker2',
    metadata: {
      name: 'clone',
      namespace: NS,
      generation: 1,
      creationTimestamp: ago(7 * 24 * 60),
    },
    spec,
    status: {
      conditions: [ready()],
      observedGeneration: 1,
      replicas: 1,
      url: `http://clone-mirrormaker2-api.${NS}.svc:8083`,
      connectors: [
        {
          name: 'prod->clone.MirrorSourceConnector',
          connector: { state: 'RUNNING', worker_id: 'w' },
          tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w' }],
          type: 'source',
        },
        {
          name: 'prod->clone.MirrorCheckpointConnector',
          connector: { state: 'RUNNING', worker_id: 'w' },
          tasks: [],
          type: 'source',
        },
      ],
      autoRestartStatuses,
    },
  });

  const mirrorMakerPod = pod({
    namespace: NS,
    name: 'clone-mirrormaker2-0',
    labels: {
      'strimzi.io/cluster': 'clone',
      'strimzi.io/kind': 'KafkaMirrorMaker2',
      'strimzi.io/name': 'clone-mirrormaker2',
      'strimzi.io/controller-name': 'clone-mirrormaker2',
    },
    owner: {
      apiVersion: 'core.strimzi.io/v1',
      kind: 'StrimziPodSet',
      name: 'clone-mirrormaker2',
    },
    container: 'clone-mirrormaker2',
    image: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1',
  });

  it('degrades the connector that keeps restarting, and the target cluster with it', () => {
    const status = strimzi([
      ...strimziEnvironment({ version }),
      mirrorMakerPod,
      mirrorMaker([
        {
          connectorName: 'prod->clone.MirrorSourceConnector',
          count: 4,
          lastRestartTimestamp: ago(15),
        },
        {
          connectorName: 'prod->clone.MirrorCheckpointConnector',
          count: 1,
          lastRestartTimestamp: ago(15),
        },
      ]),
    ]);
    const mm2 = status.components.find(c => c.type === 'mirror-maker-2')!;
    const [source, checkpoint] = mm2.connectors;
    expect([source.health, codes(source)]).toEqual([
      'degraded',
      ['ConnectorRestartLoop'],
    ]);
    expect([checkpoint.health, codes(checkpoint)]).toEqual([
      'healthy',
      ['ConnectorRestarted'],
    ]);
    expect(mm2.health).toBe('degraded');
    expect(status.health).toBe('degraded');
  });

  it('stays healthy without restarts', () => {
    const status = strimzi([
      ...strimziEnvironment({ version }),
      mirrorMakerPod,
      mirrorMaker([]),
    ]);
    expect(status.health).toBe('healthy');
  });
});

const cfk = (
  objects: unknown[],
  o: { unwatched?: string[]; thresholds?: Partial<HealthThresholds> } = {},
) => one(cfkAdapter, objects, o);

function withKafka(kafka: Record<string, any>): unknown[] {
  return healthyCfkEnvironment().map(o => (o.kind === 'Kafka' ? kafka : o));
}

function falseCondition(
  type: string,
  reason: string,
  message: string,
  since: string,
) {
  return runningConditions().map(c =>
    c.type === `platform.confluent.io/${type}`
      ? { ...c, status: 'False', reason, message, lastTransitionTime: since }
      : c,
  );
}

describe('CFK: phases and conditions', () => {
  it('calls a phase no source documents unknown, with what the operator says', () => {
    const status = cfk(
      withKafka(
        cfkKafka({
          phase: 'ERROR',
          conditions: falseCondition(
            'resources-ready',
            'KubernetesResourcesNotReady',
            'Secret kafka-tls not found',
            ago(45),
          ),
        }),
      ),
    );
    expect(status.health).toBe('degraded');
    const unknown = status.reasons.find(r => r.code === 'UnknownPhase')!;
    expect(unknown).toMatchObject({
      impact: 'unknown',
      resource: { kind: 'Kafka', name: 'kafka' },
    });
    expect(unknown.message).toMatch(/phase ERROR/);
    expect(unknown.message).toContain('Secret kafka-tls not found');
  });

  it('is unknown on an undocumented phase with every condition True', () => {
    const status = cfk(withKafka(cfkKafka({ phase: 'SHRINKING' })));
    expect(status.health).toBe('unknown');
    expect(codes(status)).toEqual(['UnknownPhase']);
  });

  it.each([
    [
      'statefulset-available',
      'MinimumReplicasUnavailable',
      'Deployment does not have minimum availability.',
    ],
    [
      'resources-ready',
      'KubernetesResourcesNotReady',
      'Kubernetes resources not ready.',
    ],
    ['cluster-ready', 'ClusterNotReady', 'Kafka cluster is not ready.'],
  ])(
    'reads %s False as a reason with its message: degraded, even just turned, unless a change in progress (provisioning, until stuck) explains it',
    (type, reason, message) => {
      const lasting = cfk(
        withKafka(
          cfkKafka({
            conditions: falseCondition(type, reason, message, ago(40)),
          }),
        ),
      );
      expect(lasting.health).toBe('degraded');
      const found = lasting.reasons.find(r => r.code === 'ClusterNotReady')!;
      expect(found).toMatchObject({ impact: 'degraded', since: iso(40) });
      expect(found.message).toContain(`platform.confluent.io/${type} False`);
      expect(found.message).toContain(message);

      const provisioning = cfk(
        withKafka(
          cfkKafka({
            phase: 'PROVISIONING',
            conditions: falseCondition(type, reason, message, ago(10)),
          }),
        ),
      );
      expect(provisioning.health).toBe('progressing');

      const justNow = cfk(
        withKafka(
          cfkKafka({
            conditions: falseCondition(type, reason, message, ago(1)),
          }),
        ),
      );
      // CFK's own word, with no change in progress: no grace as for a pod's readiness.
      expect(justNow.health).toBe('degraded');
    },
  );
});

describe('CFK: controllers watched and absent', () => {
  // A ZooKeeper-based cluster: the Kafka names its Zookeeper CR through dependencies.zookeeper.
  function zookeeperEnvironment(dependency: Record<string, any>): unknown[] {
    const zookeeper = cfkCr({ kind: 'Zookeeper', name: 'zookeeper' });
    const kafka = cfkKafka({
      spec: { dependencies: { zookeeper: dependency } },
    });
    return [
      zookeeper,
      statefulSet({ name: 'zookeeper', type: 'zookeeper', owner: 'Zookeeper' }),
      ...cfkPodsAndPvcs('zookeeper', 'zookeeper', 3),
      kafka,
      statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
      ...cfkPodsAndPvcs('kafka', 'kafka', 3),
    ];
  }
  const noZookeeperCr = (objects: unknown[]) =>
    objects.filter((o: any) => o.kind !== 'Zookeeper');
  const byDiscovery = {
    endpoint: `zookeeper.${CFK_NS}.svc.cluster.local:2182`,
    discovery: { name: 'zookeeper' },
  };

  it('is healthy with its Zookeeper', () => {
    expect(cfk(zookeeperEnvironment(byDiscovery)).health).toBe('healthy');
  });

  it('is unhealthy when the Zookeeper CR it names is watched and gone', () => {
    const status = cfk(noZookeeperCr(zookeeperEnvironment(byDiscovery)));
    expect(status.health).toBe('unhealthy');
    expect(codes(status)).toEqual(['ControllersMissing']);
    expect(status.reasons[0].resource).toMatchObject({
      kind: 'Zookeeper',
      namespace: CFK_NS,
      name: 'zookeeper',
    });
    expect(status.reasons[0].message).toMatch(/has lost its controllers/);
  });

  it('is unknown when Zookeepers are not watched', () => {
    const status = cfk(noZookeeperCr(zookeeperEnvironment(byDiscovery)), {
      unwatched: [cfkWatches.zookeepers.key],
    });
    expect([status.health, codes(status)]).toEqual([
      'unknown',
      ['ControllersNotFound'],
    ]);
  });

  it('is unknown when only an endpoint names the ZooKeeper (it may not be CFK’s)', () => {
    const status = cfk(
      noZookeeperCr(
        zookeeperEnvironment({
          endpoint: `zookeeper.${CFK_NS}.svc.cluster.local:2182`,
        }),
      ),
    );
    expect([status.health, codes(status)]).toEqual([
      'unknown',
      ['ControllersNotFound'],
    ]);
  });

  it('is unknown when the KRaftController is in another namespace, which may not be watched', () => {
    const status = cfk(
      withKafka(
        cfkKafka({
          spec: {
            dependencies: {
              kRaftController: {
                clusterRef: {
                  name: 'kraftcontroller',
                  namespace: 'controllers',
                },
              },
            },
          },
        }),
      ),
    );
    expect([status.health, codes(status)]).toEqual([
      'unknown',
      ['ControllersNotFound'],
    ]);
  });
});

describe('CFK: connectors with fewer tasks ready than they have', () => {
  function connectorEnvironment(
    status: Record<string, any>,
    created = ago(3 * 24 * 60),
  ) {
    return [
      ...healthyCfkEnvironment(),
      cfkComponent('Connect', 'connect', 'kafka:9071'),
      statefulSet({
        name: 'connect',
        type: 'connect',
        owner: 'Connect',
        replicas: 1,
      }),
      ...cfkPodsAndPvcs('connect', 'connect', 1),
      {
        apiVersion: 'platform.confluent.io/v1beta1',
        kind: 'Connector',
        metadata: {
          name: 'orders-sink',
          namespace: CFK_NS,
          generation: 1,
          creationTimestamp: created,
        },
        spec: {
          class: 'io.confluent.connect.jdbc.JdbcSinkConnector',
          taskMax: 3,
          connectClusterRef: { name: 'connect' },
        },
        status: {
          observedGeneration: 1,
          state: 'CREATED',
          appState: 'Created',
          connectorState: 'RUNNING',
          workerID: 'connect-0.connect.destination.svc.cluster.local:8083',
          kafkaClusterID: 'Dk2vLxC8QBWm4mD5yQpq3g',
          ...status,
        },
      },
    ];
  }
  const connectorOf = (status: KafkaClusterStatus) =>
    status.components.find(c => c.type === 'connect')!.connectors[0];

  it('is healthy with every task ready', () => {
    const status = cfk(connectorEnvironment({ tasksReady: '3/3' }));
    expect(connectorOf(status).health).toBe('healthy');
    expect(status.health).toBe('healthy');
  });

  it('is degraded with a task not ready and none failed', () => {
    const status = cfk(connectorEnvironment({ tasksReady: '1/3' }));
    const connector = connectorOf(status);
    expect([connector.health, codes(connector)]).toEqual([
      'degraded',
      ['ConnectorTasksNotReady'],
    ]);
    expect(connector.reasons[0].message).toBe(
      '1/3 tasks of connector orders-sink are ready',
    );
    expect(status.health).toBe('degraded');
  });

  it('is progressing while the connector was just created', () => {
    const status = cfk(connectorEnvironment({ tasksReady: '0/3' }, ago(1)));
    expect(connectorOf(status).health).toBe('progressing');
  });
});
