/**
 * The benchmark fleet's objects: Strimzi KRaft clusters as the operator leaves them, with the
 * sizes of real ones (env, probes, mounts, full status; the sandbox adds managedFields).
 */
type Obj = Record<string, any>;

const NODES = 3;
const now = () => new Date().toISOString();

// Node pools are namespaced: several clusters share a namespace, so each pool is named for its cluster.
const poolOf = (cluster: string) => `${cluster}-nodes`;

function kafkaPod(
  namespace: string,
  cluster: string,
  id: number,
  labels: Obj,
): Obj {
  const pool = poolOf(cluster);
  const name = `${cluster}-${pool}-${id}`;
  const since = now();
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: {
        ...labels,
        'strimzi.io/pool-name': pool,
        'strimzi.io/broker-role': 'true',
        'strimzi.io/controller-role': 'true',
        'strimzi.io/controller': 'strimzipodset',
        'strimzi.io/controller-name': `${cluster}-${pool}`,
        'strimzi.io/pod-name': name,
        'strimzi.io/component-type': 'kafka',
        'app.kubernetes.io/name': 'kafka',
        'app.kubernetes.io/instance': cluster,
        'app.kubernetes.io/managed-by': 'strimzi-cluster-operator',
        'app.kubernetes.io/part-of': `strimzi-${cluster}`,
      },
      annotations: {
        'strimzi.io/revision': 'r1',
        'strimzi.io/broker-configuration-hash': '5e6f7a8b',
        'strimzi.io/kafka-version': '4.3.1',
      },
    },
    spec: {
      containers: [
        {
          name: 'kafka',
          image: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1',
          env: Array.from({ length: 12 }, (_, i) => ({
            name: `KAFKA_SETTING_${i}`,
            value: `value-${i}-${cluster}`,
          })),
          ports: [
            { name: 'tcp-ctrlplane', containerPort: 9090 },
            { name: 'tcp-replication', containerPort: 9091 },
            { name: 'tcp-clients', containerPort: 9092 },
            { name: 'tcp-clientstls', containerPort: 9093 },
          ],
          resources: {
            requests: { cpu: '1', memory: '4Gi' },
            limits: { memory: '4Gi' },
          },
          readinessProbe: {
            exec: { command: ['/opt/kafka/kafka_readiness.sh'] },
            initialDelaySeconds: 15,
          },
          livenessProbe: {
            exec: { command: ['/opt/kafka/kafka_liveness.sh'] },
            initialDelaySeconds: 15,
          },
          volumeMounts: [
            { name: 'data-0', mountPath: '/var/lib/kafka/data-0' },
            { name: 'cluster-ca', mountPath: '/opt/kafka/cluster-ca-certs' },
            { name: 'broker-certs', mountPath: '/opt/kafka/broker-certs' },
          ],
        },
      ],
      volumes: [
        {
          name: 'data-0',
          persistentVolumeClaim: { claimName: `data-0-${name}` },
        },
        {
          name: 'cluster-ca',
          secret: { secretName: `${cluster}-cluster-ca-cert` },
        },
        {
          name: 'broker-certs',
          secret: { secretName: `${cluster}-kafka-brokers` },
        },
      ],
      nodeName: `node-${id}`,
    },
    status: {
      phase: 'Running',
      conditions: [
        'PodScheduled',
        'Initialized',
        'Ready',
        'ContainersReady',
      ].map(type => ({
        type,
        status: 'True',
        lastTransitionTime: since,
      })),
      hostIP: '10.0.0.10',
      podIP: `10.244.${id}.17`,
      startTime: since,
      containerStatuses: [
        {
          name: 'kafka',
          image: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1',
          imageID: 'quay.io/strimzi/kafka@sha256:0f1e2d3c',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: since } },
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** One Kafka cluster with its node pool, pod set, pods, PVCs and topics. */
export function benchKafka(o: {
  namespace: string;
  name: string;
  topics: number;
  labels?: Record<string, string>;
}): Obj[] {
  const { namespace, name } = o;
  const since = now();
  const nodeIds = [...Array(NODES).keys()];
  const pool = poolOf(name);
  const selector = {
    'strimzi.io/cluster': name,
    'strimzi.io/kind': 'Kafka',
    'strimzi.io/name': `${name}-kafka`,
  };
  return [
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'Kafka',
      metadata: { name, namespace, labels: o.labels ?? {} },
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
          authorization: { type: 'simple' },
          config: {
            'offsets.topic.replication.factor': 3,
            'transaction.state.log.replication.factor': 3,
            'transaction.state.log.min.isr': 2,
            'default.replication.factor': 3,
            'min.insync.replicas': 2,
          },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
      status: {
        observedGeneration: 1,
        conditions: [
          { type: 'Ready', status: 'True', lastTransitionTime: since },
        ],
        listeners: ['plain', 'tls'].map((listener, i) => ({
          name: listener,
          addresses: [
            {
              host: `${name}-kafka-bootstrap.${namespace}.svc`,
              port: 9092 + i,
            },
          ],
          bootstrapServers: `${name}-kafka-bootstrap.${namespace}.svc:${
            9092 + i
          }`,
        })),
        kafkaNodePools: [{ name: pool }],
        clusterId: `cluster-id-${name}`,
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
        replicas: NODES,
        roles: ['controller', 'broker'],
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
        resources: {
          requests: { memory: '4Gi', cpu: '1' },
          limits: { memory: '4Gi' },
        },
      },
      status: {
        observedGeneration: 1,
        nodeIds,
        roles: ['controller', 'broker'],
        replicas: NODES,
      },
    },
    {
      apiVersion: 'core.strimzi.io/v1',
      kind: 'StrimziPodSet',
      metadata: {
        name: `${name}-${pool}`,
        namespace,
        labels: { ...selector, 'strimzi.io/pool-name': pool },
      },
      spec: {
        selector: {
          matchLabels: { ...selector, 'strimzi.io/pool-name': pool },
        },
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
        pods: NODES,
        readyPods: NODES,
        currentPods: NODES,
      },
    },
    ...nodeIds.map(id => kafkaPod(namespace, name, id, selector)),
    ...nodeIds.map(id => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: `data-0-${name}-${pool}-${id}`,
        namespace,
        labels: selector,
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '100Gi' } },
        storageClassName: 'standard',
      },
      status: {
        phase: 'Bound',
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '100Gi' },
      },
    })),
    ...Array.from({ length: o.topics }, (_, i) => ({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      metadata: {
        name: `${name}-topic-${i}`,
        namespace,
        labels: { 'strimzi.io/cluster': name, ...(o.labels ?? {}) },
      },
      spec: {
        partitions: 12,
        replicas: 3,
        config: { 'retention.ms': '604800000', 'min.insync.replicas': '2' },
      },
      status: {
        observedGeneration: 1,
        topicName: `${name}-topic-${i}`,
        topicId: `id-${name}-${i}`,
        conditions: [
          { type: 'Ready', status: 'True', lastTransitionTime: since },
        ],
      },
    })),
  ];
}
