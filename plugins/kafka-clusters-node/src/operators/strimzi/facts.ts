import { applicationKind, clusterKind, OperatorFacts } from '../common/facts';

/*
 * Strimzi as data (Strimzi 0.51.0 and 1.2.0 CRDs; KafkaResources.java, Labels.java and
 * KafkaPool.java for the names and labels the operator gives what it creates). Every
 * Strimzi-specific name in the product comes from this file.
 */

const GROUP = 'kafka.strimzi.io';
const PREFIX = 'strimzi.io/';

/** Strimzi's labels (operators.md §2.3). */
export const STRIMZI_LABELS = {
  /** On every child CR (node pools, topics, users, connectors) and every pod: the owning CR's name. */
  cluster: 'strimzi.io/cluster',
  /** The kind of the CR a pod belongs to (`Kafka`, `KafkaConnect`, …); on every Strimzi pod. */
  kind: 'strimzi.io/kind',
  /** `<cluster>-kafka` for every node pod, `<cluster>-entity-operator`, … */
  name: 'strimzi.io/name',
  poolName: 'strimzi.io/pool-name',
  brokerRole: 'strimzi.io/broker-role',
  controllerRole: 'strimzi.io/controller-role',
  /** The StrimziPodSet of a pod. */
  controllerName: 'strimzi.io/controller-name',
} as const;

/** Strimzi's annotations. */
export const STRIMZI_ANNOTATIONS = {
  /** `true` on a CR pauses its reconciliation. */
  pause: 'strimzi.io/pause-reconciliation',
  /** On a pod or pod set: roll it. */
  manualRoll: 'strimzi.io/manual-rolling-update',
  /** The revision of a pod's definition, on the pod and in its pod set's spec. */
  revision: 'strimzi.io/revision',
  /** `false` on a topic or user: the operator leaves it alone. */
  managed: 'strimzi.io/managed',
  /** On KafkaConnect: connectors are KafkaConnector resources. */
  useConnectorResources: 'strimzi.io/use-connector-resources',
} as const;

/** The Strimzi kinds the suite reads. */
export const STRIMZI_KINDS = [
  clusterKind('Kafka', 'kafkas'),
  clusterKind('KafkaNodePool', 'kafkanodepools'),
  applicationKind('KafkaTopic', 'kafkatopics'),
  applicationKind('KafkaUser', 'kafkausers'),
  clusterKind('KafkaConnect', 'kafkaconnects'),
  applicationKind('KafkaConnector', 'kafkaconnectors'),
  clusterKind('KafkaMirrorMaker2', 'kafkamirrormaker2s'),
  clusterKind('KafkaBridge', 'kafkabridges'),
] as const;

/** Versions of `kafka.strimzi.io`: v1 since 0.49 and the only one from 1.0; v1beta2 for 0.22–0.51. */
const VERSIONS = ['v1', 'v1beta2'] as const;

/** Names Strimzi gives what it creates. */
export const STRIMZI_NAMES = {
  /** The `strimzi.io/name` of a Kafka cluster's node pods (the same for every pool). */
  kafkaNodes: (cluster: string) => `${cluster}-kafka`,
  zookeeperNodes: (cluster: string) => `${cluster}-zookeeper`,
  podSet: (cluster: string, pool: string) => `${cluster}-${pool}`,
  nodePod: (cluster: string, pool: string, nodeId: number) =>
    `${cluster}-${pool}-${nodeId}`,
  /** The Kafka's own operands, by the suffix of their `strimzi.io/name`. */
  operandSuffixes: {
    entityOperator: '-entity-operator',
    cruiseControl: '-cruise-control',
    kafkaExporter: '-kafka-exporter',
  },
  /** A Kafka cluster's Services: bootstrap, headless brokers, one bootstrap per listener. */
  kafkaServices: (cluster: string, listeners: readonly string[] = []) => [
    `${cluster}-kafka-bootstrap`,
    `${cluster}-kafka-brokers`,
    ...listeners.map(listener => `${cluster}-kafka-${listener}-bootstrap`),
  ],
  connectApi: (name: string) => `${name}-connect-api`,
  mirrorMaker2Api: (name: string) => `${name}-mirrormaker2-api`,
  bridgeService: (name: string) => `${name}-bridge-service`,
  /** The Secret holding the cluster CA's public certificate (`ca.crt`), which clients trust. */
  clusterCaCert: (cluster: string) => `${cluster}-cluster-ca-cert`,
  /** The in-namespace address of the Kafka's bootstrap Service at a listener's port. */
  bootstrapAddress: (cluster: string, port: number) =>
    `${cluster}-kafka-bootstrap:${port}`,
} as const;

const labelled = (kind: string, target: string) => ({
  kind,
  field: ['metadata', 'labels', STRIMZI_LABELS.cluster],
  points: { kind: target, via: 'name' as const },
});
const bootstrap = (kind: string, field: string[], versions?: string[]) => ({
  kind,
  field,
  points: { kind: 'Kafka', via: 'dns' as const },
  ...(versions ? { versions } : {}),
});

/**
 * Every field by which a Strimzi resource names another resource of its environment
 * (operators.md §2.3, §3.2): the cluster label of child CRs and the bootstrap servers of
 * Connect, Bridge and MirrorMaker 2 (whose shape changed from v1beta2 to v1).
 */
export const STRIMZI_REFERENCES: OperatorFacts['references'] = [
  labelled('KafkaNodePool', 'Kafka'),
  labelled('KafkaTopic', 'Kafka'),
  labelled('KafkaUser', 'Kafka'),
  labelled('KafkaConnector', 'KafkaConnect'),
  labelled('KafkaRebalance', 'Kafka'),
  bootstrap('KafkaConnect', ['spec', 'bootstrapServers']),
  bootstrap('KafkaBridge', ['spec', 'bootstrapServers']),
  bootstrap(
    'KafkaMirrorMaker2',
    ['spec', 'target', 'bootstrapServers'],
    ['v1'],
  ),
  bootstrap(
    'KafkaMirrorMaker2',
    ['spec', 'mirrors', '[]', 'source', 'bootstrapServers'],
    ['v1'],
  ),
  bootstrap(
    'KafkaMirrorMaker2',
    ['spec', 'clusters', '[]', 'bootstrapServers'],
    ['v1beta2'],
  ),
];

function listenerNames(object: unknown): string[] {
  const listeners = (
    object as { spec?: { kafka?: { listeners?: { name?: unknown }[] } } }
  )?.spec?.kafka?.listeners;
  return Array.isArray(listeners)
    ? listeners.flatMap(l => (typeof l?.name === 'string' ? [l.name] : []))
    : [];
}

/**
 * Strimzi (`kafka.strimzi.io` v1 or v1beta2, `core.strimzi.io` StrimziPodSet).
 *
 * @public
 */
export const strimziFacts: OperatorFacts = {
  operator: 'strimzi',
  title: 'Strimzi',
  group: GROUP,
  versions: VERSIONS,
  presenceKind: 'Kafka',
  kinds: STRIMZI_KINDS,
  ownedKinds: [
    {
      group: 'core.strimzi.io',
      versions: VERSIONS,
      ...clusterKind('StrimziPodSet', 'strimzipodsets'),
    },
  ],
  podSelector: STRIMZI_LABELS.kind,
  isOperatorPodLabel: key => key.startsWith(PREFIX),
  workloadSelector: name => `${STRIMZI_LABELS.cluster}=${name}`,
  eventKinds: [
    'Pod',
    'PersistentVolumeClaim',
    'StrimziPodSet',
    ...STRIMZI_KINDS.map(k => k.kind),
  ],
  goodConditions: ['Ready'],
  serviceNames: (kind, object) => {
    const name = (object as { metadata?: { name?: string } })?.metadata?.name;
    if (!name) return [];
    switch (kind) {
      case 'Kafka':
        return STRIMZI_NAMES.kafkaServices(name, listenerNames(object));
      case 'KafkaConnect':
        return [STRIMZI_NAMES.connectApi(name)];
      case 'KafkaMirrorMaker2':
        return [STRIMZI_NAMES.mirrorMaker2Api(name)];
      case 'KafkaBridge':
        return [STRIMZI_NAMES.bridgeService(name)];
      default:
        return [];
    }
  },
  references: STRIMZI_REFERENCES,
};
