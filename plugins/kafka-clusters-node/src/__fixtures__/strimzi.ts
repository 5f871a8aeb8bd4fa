// Strimzi resources shaped after Strimzi's packaging/examples/kafka/kafka-persistent.yaml (
// of Strimzi 1.2.0: a `controller` and a `broker` node pool of 3) and the CRDs in packages/operator-crds
// (0.51.0 for v1beta2, 1.2.0 for v1): the status the cluster operator writes, and the
// StrimziPodSets, pods (`<cluster>-<pool>-<node id>`) and PVCs (`data-0-<pod>`) it creates.
import { CREATED, PodOptions, asServed, pod, pvc } from './core';

export const NS = 'myproject';
export const CLUSTER = 'my-cluster';
const OPERATOR = 'strimzi-cluster-operator';
const IMAGE = 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1';

export type StrimziVersion = 'v1' | 'v1beta2';

export interface StrimziKafkaOptions {
  name?: string;
  namespace?: string;
  version?: StrimziVersion;
  generation?: number;
  observedGeneration?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: Record<string, any>;
  /** `false` for a CR the operator has not reconciled; else merged into the status. */
  status?: false | Record<string, any>;
  conditions?: Record<string, any>[];
  pools?: string[];
}

export function ready(since = CREATED): Record<string, any> {
  return { lastTransitionTime: since, status: 'True', type: 'Ready' };
}

export function notReady(
  reason: string,
  message: string,
  since = CREATED,
): Record<string, any> {
  return {
    lastTransitionTime: since,
    reason,
    message,
    status: 'True',
    type: 'NotReady',
  };
}

export function strimziKafka(o: StrimziKafkaOptions = {}): Record<string, any> {
  const name = o.name ?? CLUSTER;
  const namespace = o.namespace ?? NS;
  const version = o.version ?? 'v1';
  const generation = o.generation ?? 1;
  const bootstrap = (port: number) =>
    `${name}-kafka-bootstrap.${namespace}.svc:${port}`;
  const listener = (listenerName: string, port: number) => ({
    name: listenerName,
    ...(version === 'v1beta2' ? { type: listenerName } : {}),
    addresses: [{ host: `${name}-kafka-bootstrap.${namespace}.svc`, port }],
    bootstrapServers: bootstrap(port),
    ...(listenerName === 'tls'
      ? {
          certificates: [
            '-----BEGIN CERTIFICATE-----\nMIIF…\n-----END CERTIFICATE-----\n',
          ],
        }
      : {}),
  });
  return asServed(
    {
      apiVersion: `kafka.strimzi.io/${version}`,
      kind: 'Kafka',
      metadata: {
        name,
        namespace,
        uid: `uid-kafka-${namespace}-${name}`,
        generation,
        creationTimestamp: CREATED,
        labels: o.labels ?? {},
        annotations: o.annotations ?? {},
      },
      spec: {
        kafka: {
          version: '4.3.1',
          metadataVersion: '4.3-IV0',
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
            'transaction.state.log.replication.factor': 3,
            'transaction.state.log.min.isr': 2,
            'default.replication.factor': 3,
            'min.insync.replicas': 2,
          },
          authorization: { type: 'simple' },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
        ...o.spec,
      },
      ...(o.status === false
        ? {}
        : {
            status: {
              conditions: o.conditions ?? [ready()],
              observedGeneration: o.observedGeneration ?? generation,
              listeners: [listener('plain', 9092), listener('tls', 9093)],
              kafkaNodePools: (o.pools ?? ['controller', 'broker']).map(
                pool => ({
                  name: pool,
                }),
              ),
              clusterId: 'Zq3wC1sWTQyTcEbX3TpcNw',
              operatorLastSuccessfulVersion:
                version === 'v1' ? '1.2.0' : '0.51.0',
              kafkaVersion: '4.3.1',
              kafkaMetadataVersion: '4.3-IV0',
              ...(version === 'v1beta2'
                ? {
                    kafkaMetadataState: 'KRaft',
                    registeredNodeIds: [0, 1, 2, 3, 4, 5],
                  }
                : {}),
              ...o.status,
            },
          }),
    },
    OPERATOR,
  );
}

export function nodePool(
  pool: string,
  roles: string[],
  nodeIds: number[],
  o: {
    cluster?: string;
    namespace?: string;
    version?: StrimziVersion;
    storageClass?: string;
    conditions?: Record<string, any>[];
  } = {},
): Record<string, any> {
  const cluster = o.cluster ?? CLUSTER;
  return asServed(
    {
      apiVersion: `kafka.strimzi.io/${o.version ?? 'v1'}`,
      kind: 'KafkaNodePool',
      metadata: {
        name: pool,
        namespace: o.namespace ?? NS,
        uid: `uid-pool-${pool}`,
        generation: 1,
        creationTimestamp: CREATED,
        labels: { 'strimzi.io/cluster': cluster },
      },
      spec: {
        replicas: nodeIds.length,
        roles,
        storage: {
          type: 'jbod',
          volumes: [
            {
              id: 0,
              type: 'persistent-claim',
              size: '100Gi',
              kraftMetadata: 'shared',
              deleteClaim: false,
              ...(o.storageClass ? { class: o.storageClass } : {}),
            },
          ],
        },
        resources: {
          requests: { memory: '4Gi', cpu: '1' },
          limits: { memory: '4Gi' },
        },
      },
      status: {
        conditions: o.conditions ?? [],
        observedGeneration: 1,
        nodeIds,
        clusterId: 'Zq3wC1sWTQyTcEbX3TpcNw',
        roles,
        replicas: nodeIds.length,
        labelSelector: `strimzi.io/cluster=${cluster},strimzi.io/name=${cluster}-kafka,strimzi.io/kind=Kafka,strimzi.io/pool-name=${pool}`,
      },
    },
    OPERATOR,
  );
}

function nodeLabels(
  cluster: string,
  pool: string,
  podName: string,
  roles: string[],
): Record<string, string> {
  return {
    'app.kubernetes.io/instance': cluster,
    'app.kubernetes.io/managed-by': 'strimzi-cluster-operator',
    'app.kubernetes.io/name': 'kafka',
    'app.kubernetes.io/part-of': `strimzi-${cluster}`,
    'strimzi.io/broker-role': String(roles.includes('broker')),
    'strimzi.io/cluster': cluster,
    'strimzi.io/component-type': 'kafka',
    'strimzi.io/controller': 'strimzipodset',
    'strimzi.io/controller-name': `${cluster}-${pool}`,
    'strimzi.io/controller-role': String(roles.includes('controller')),
    'strimzi.io/kind': 'Kafka',
    'strimzi.io/name': `${cluster}-kafka`,
    'strimzi.io/pod-name': podName,
    'strimzi.io/pool-name': pool,
  };
}

export interface StrimziPodOptions extends Partial<PodOptions> {
  revision?: string;
}

/** Node `<cluster>-<pool>-<id>` with its PVC `data-0-<pod>`. */
export function strimziNodePod(
  pool: string,
  nodeId: number,
  roles: string[],
  o: StrimziPodOptions & { cluster?: string } = {},
): Record<string, any> {
  const cluster = o.cluster ?? CLUSTER;
  const name = `${cluster}-${pool}-${nodeId}`;
  return pod({
    namespace: o.namespace ?? NS,
    name,
    labels: nodeLabels(cluster, pool, name, roles),
    annotations: {
      'strimzi.io/revision': o.revision ?? 'a1b2c3d4',
      'strimzi.io/broker-configuration-hash': '5e6f7a8b',
      'strimzi.io/kafka-version': '4.3.1',
    },
    owner: {
      apiVersion: 'core.strimzi.io/v1',
      kind: 'StrimziPodSet',
      name: `${cluster}-${pool}`,
    },
    container: 'kafka',
    image: IMAGE,
    claims: [`data-0-${name}`],
    ...o,
  });
}

/** The StrimziPodSet of a pool: the revision of each pod in its spec, and the counts in its status. */
export function podSet(
  pool: string,
  nodeIds: number[],
  o: {
    cluster?: string;
    namespace?: string;
    revision?: string;
    status?: { pods?: number; readyPods?: number; currentPods?: number };
    annotations?: Record<string, string>;
    name?: string;
    kind?: string;
    /** When the cluster operator last wrote the pod set's spec (a new revision: a roll's start). */
    specChangedAt?: string;
  } = {},
): Record<string, any> {
  const cluster = o.cluster ?? CLUSTER;
  const name = o.name ?? `${cluster}-${pool}`;
  return {
    apiVersion: 'core.strimzi.io/v1',
    kind: 'StrimziPodSet',
    metadata: {
      name,
      namespace: o.namespace ?? NS,
      uid: `uid-sps-${name}`,
      generation: 3,
      creationTimestamp: CREATED,
      // The cluster operator owns the spec (it writes each pod's definition and revision) and
      // the status subresource.
      managedFields: [
        {
          apiVersion: 'core.strimzi.io/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { 'f:pods': {}, 'f:selector': {} } },
          manager: 'strimzi-cluster-operator',
          operation: 'Update',
          time: o.specChangedAt ?? CREATED,
        },
        {
          apiVersion: 'core.strimzi.io/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:status': {} },
          manager: 'strimzi-cluster-operator',
          operation: 'Update',
          subresource: 'status',
          time: CREATED,
        },
      ],
      annotations: o.annotations ?? {},
      labels: {
        'strimzi.io/cluster': cluster,
        'strimzi.io/kind': o.kind ?? 'Kafka',
        'strimzi.io/name': `${cluster}-kafka`,
        'strimzi.io/pool-name': pool,
      },
    },
    spec: {
      selector: {
        matchLabels: {
          'strimzi.io/cluster': cluster,
          'strimzi.io/kind': 'Kafka',
          'strimzi.io/name': `${cluster}-kafka`,
          'strimzi.io/pool-name': pool,
        },
      },
      pods: nodeIds.map(id => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${name}-${id}`,
          annotations: { 'strimzi.io/revision': o.revision ?? 'a1b2c3d4' },
        },
        spec: { containers: [{ name: 'kafka', image: IMAGE }] },
      })),
    },
    status: {
      observedGeneration: 3,
      pods: nodeIds.length,
      readyPods: nodeIds.length,
      currentPods: nodeIds.length,
      ...o.status,
    },
  };
}

/** The entity operator's pod (a Deployment's, labelled for the Kafka CR). */
export function entityOperatorPod(
  o: Partial<PodOptions> = {},
): Record<string, any> {
  return pod({
    namespace: NS,
    name: `${CLUSTER}-entity-operator-6d4f9c8b7-x2x4z`,
    labels: {
      'strimzi.io/cluster': CLUSTER,
      'strimzi.io/component-type': 'entity-operator',
      'strimzi.io/kind': 'Kafka',
      'strimzi.io/name': `${CLUSTER}-entity-operator`,
      'pod-template-hash': '6d4f9c8b7',
    },
    owner: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: `${CLUSTER}-entity-operator-6d4f9c8b7`,
    },
    container: 'topic-operator',
    image: 'quay.io/strimzi/operator:1.2.0',
    ...o,
  });
}

export const CONTROLLER_IDS = [0, 1, 2];
export const BROKER_IDS = [3, 4, 5];

export interface StrimziEnvironmentOptions {
  version?: StrimziVersion;
  kafka?: StrimziKafkaOptions;
  /** Overrides per node id. */
  nodes?: Record<number, StrimziPodOptions>;
  /** Overrides of a pool's pod set. */
  podSets?: Record<string, Parameters<typeof podSet>[2]>;
  /** PVC phases by node id. */
  pvcs?: Record<number, 'Bound' | 'Pending' | 'Lost'>;
  /** Broker ids, when scaled. */
  brokerIds?: number[];
  brokerReplicas?: number;
}

/**
 * A cluster as kafka-persistent.yaml makes it: pools `controller` (0–2) and `broker` (3–5) with
 * their pod sets, pods and PVCs, and the entity operator; healthy unless overridden.
 */
export function strimziEnvironment(
  o: StrimziEnvironmentOptions = {},
): Record<string, any>[] {
  const version = o.version ?? 'v1';
  const brokerIds = o.brokerIds ?? BROKER_IDS;
  const brokerPool = nodePool('broker', ['broker'], brokerIds, { version });
  if (o.brokerReplicas !== undefined)
    brokerPool.spec.replicas = o.brokerReplicas;
  const objects: Record<string, any>[] = [
    strimziKafka({ version, ...o.kafka }),
    nodePool('controller', ['controller'], CONTROLLER_IDS, { version }),
    brokerPool,
    podSet('controller', CONTROLLER_IDS, o.podSets?.controller),
    podSet('broker', brokerIds, o.podSets?.broker),
    entityOperatorPod(),
  ];
  const pools: [string, number[]][] = [
    ['controller', CONTROLLER_IDS],
    ['broker', brokerIds],
  ];
  for (const [pool, ids] of pools) {
    for (const id of ids) {
      objects.push(strimziNodePod(pool, id, [pool], o.nodes?.[id]));
      objects.push(
        pvc({
          namespace: NS,
          name: `data-0-${CLUSTER}-${pool}-${id}`,
          phase: o.pvcs?.[id],
        }),
      );
    }
  }
  return objects;
}

export function healthyStrimziEnvironment(
  version: StrimziVersion = 'v1',
): Record<string, any>[] {
  return strimziEnvironment({ version });
}

/** A KafkaTopic as the topic operator leaves it (Strimzi's docs). */
export function strimziTopic(
  name: string,
  o: {
    cluster?: string;
    namespace?: string;
    version?: StrimziVersion;
    conditions?: Record<string, any>[];
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    status?: false | Record<string, any>;
    created?: string;
  } = {},
): Record<string, any> {
  return asServed(
    {
      apiVersion: `kafka.strimzi.io/${o.version ?? 'v1'}`,
      kind: 'KafkaTopic',
      metadata: {
        name,
        namespace: o.namespace ?? NS,
        uid: `uid-topic-${name}`,
        generation: 1,
        creationTimestamp: o.created ?? CREATED,
        labels: { 'strimzi.io/cluster': o.cluster ?? CLUSTER, ...o.labels },
        annotations: o.annotations ?? {},
      },
      spec: {
        partitions: 12,
        replicas: 3,
        config: { 'retention.ms': 7200000, 'segment.bytes': 1073741824 },
      },
      ...(o.status === false
        ? {}
        : {
            status: {
              conditions: o.conditions ?? [ready()],
              observedGeneration: 1,
              topicName: name,
              topicId: 'xV1M8cIpQ8a0bLk1o0kL3A',
              ...o.status,
            },
          }),
    },
    OPERATOR,
  );
}
