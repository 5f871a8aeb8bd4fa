import type { SandboxCluster } from '@k8s-kafka/kube-sandbox';

type Obj = Record<string, any>;

/** Creates an object in a sandbox cluster, then writes its status as an operator would. */
export function put(cluster: SandboxCluster, object: Obj): Obj {
  const { status, ...rest } = object;
  const created = cluster.api.create(rest as any) as Obj;
  if (!status) return created;
  return cluster.api.updateStatus({ ...created, status } as any) as Obj;
}

export function ensureNamespace(cluster: SandboxCluster, name: string) {
  if (!cluster.api.get('v1', 'Namespace', name)) {
    cluster.api.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    } as any);
  }
}

const now = () => new Date().toISOString();

export function readyPod(o: {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  ready?: boolean;
  waiting?: { reason: string; message?: string };
  restarts?: number;
  lastTermination?: { reason: string; exitCode: number };
  claim?: string;
}): Obj {
  const ready = o.ready ?? true;
  const since = now();
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      labels: o.labels,
      annotations: o.annotations,
    },
    spec: {
      containers: [
        { name: 'kafka', image: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1' },
      ],
      volumes: o.claim
        ? [{ name: 'data-0', persistentVolumeClaim: { claimName: o.claim } }]
        : [],
      nodeName: 'node-a',
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: since },
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: since,
        },
        {
          type: 'ContainersReady',
          status: ready ? 'True' : 'False',
          lastTransitionTime: since,
        },
      ],
      containerStatuses: [
        {
          name: 'kafka',
          image: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1',
          imageID: 'quay.io/strimzi/kafka@sha256:0f1e',
          ready,
          started: ready,
          restartCount: o.restarts ?? 0,
          state: o.waiting
            ? { waiting: o.waiting }
            : { running: { startedAt: since } },
          lastState: o.lastTermination
            ? {
                terminated: {
                  ...o.lastTermination,
                  startedAt: since,
                  finishedAt: since,
                },
              }
            : {},
        },
      ],
    },
  };
}

/**
 * A running Strimzi KRaft cluster, as the operator leaves it: the Kafka with its Ready condition
 * and listeners, one dual-role node pool, its StrimziPodSet and ready pods.
 */
export function strimziCluster(o: {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  nodes?: number;
}): Obj[] {
  const { namespace, name } = o;
  const nodeIds = [...Array(o.nodes ?? 3).keys()];
  const pool = 'dual-role';
  const since = now();
  const selector = {
    'strimzi.io/cluster': name,
    'strimzi.io/kind': 'Kafka',
    'strimzi.io/name': `${name}-kafka`,
    'strimzi.io/pool-name': pool,
  };
  return [
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'Kafka',
      metadata: { name, namespace, labels: o.labels ?? {} },
      spec: {
        kafka: {
          listeners: [
            {
              name: 'tls',
              port: 9093,
              type: 'internal',
              tls: true,
              authentication: { type: 'tls' },
            },
          ],
        },
      },
      status: {
        observedGeneration: 1,
        conditions: [
          { type: 'Ready', status: 'True', lastTransitionTime: since },
        ],
        listeners: [
          {
            name: 'tls',
            addresses: [
              { host: `${name}-kafka-bootstrap.${namespace}.svc`, port: 9093 },
            ],
            bootstrapServers: `${name}-kafka-bootstrap.${namespace}.svc:9093`,
          },
        ],
        kafkaNodePools: [{ name: pool }],
        clusterId: `id-${name}`,
        kafkaVersion: '4.3.1',
        kafkaMetadataVersion: '4.3-IV0',
        operatorLastSuccessfulVersion: '1.2.0',
      },
    },
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaNodePool',
      metadata: {
        name: pool,
        namespace,
        labels: { 'strimzi.io/cluster': name },
      },
      spec: {
        replicas: nodeIds.length,
        roles: ['controller', 'broker'],
        storage: {
          type: 'jbod',
          volumes: [
            {
              id: 0,
              type: 'persistent-claim',
              size: '10Gi',
              kraftMetadata: 'shared',
            },
          ],
        },
      },
      status: {
        observedGeneration: 1,
        nodeIds,
        roles: ['controller', 'broker'],
        replicas: nodeIds.length,
      },
    },
    {
      apiVersion: 'core.strimzi.io/v1',
      kind: 'StrimziPodSet',
      metadata: { name: `${name}-${pool}`, namespace, labels: selector },
      spec: {
        selector: { matchLabels: selector },
        pods: nodeIds.map(id => ({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `${name}-${pool}-${id}`,
            annotations: { 'strimzi.io/revision': 'r1' },
          },
        })),
      },
      status: {
        observedGeneration: 1,
        pods: nodeIds.length,
        readyPods: nodeIds.length,
        currentPods: nodeIds.length,
      },
    },
    ...nodeIds.map(id =>
      readyPod({
        namespace,
        name: `${name}-${pool}-${id}`,
        annotations: { 'strimzi.io/revision': 'r1' },
        labels: {
          ...selector,
          'strimzi.io/broker-role': 'true',
          'strimzi.io/controller-role': 'true',
          'strimzi.io/controller': 'strimzipodset',
          'strimzi.io/controller-name': `${name}-${pool}`,
          'strimzi.io/pod-name': `${name}-${pool}-${id}`,
          'strimzi.io/component-type': 'kafka',
        },
      }),
    ),
  ];
}

export function strimziTopic(o: {
  namespace: string;
  name: string;
  cluster: string;
  labels?: Record<string, string>;
}): Obj {
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      labels: { 'strimzi.io/cluster': o.cluster, ...o.labels },
    },
    spec: { partitions: 3, replicas: 3 },
    status: {
      observedGeneration: 1,
      topicName: o.name,
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: now() },
      ],
    },
  };
}

/** The status of a pod whose Kafka container crash-loops after being OOMKilled, 7 restarts in. */
export function crashLoopingStatus(pod: Obj): Obj {
  return readyPod({
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    labels: pod.metadata.labels,
    annotations: pod.metadata.annotations,
    ready: false,
    restarts: 7,
    waiting: {
      reason: 'CrashLoopBackOff',
      message: 'back-off 5m0s restarting failed container',
    },
    lastTermination: { reason: 'OOMKilled', exitCode: 137 },
  }).status;
}
