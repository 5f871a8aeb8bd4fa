import { applicationKind, clusterKind, OperatorFacts } from '../common/facts';

/*
 * Confluent for Kubernetes as data (CFK 3.3.0 CRDs; Confluent's examples for what the
 * operator creates). Every CFK-specific name in the product comes from this file.
 */

const GROUP = 'platform.confluent.io';
const PREFIX = `${GROUP}/`;

/** CFK's labels on the pods, StatefulSets and Services of a cluster CR named X. */
export const CFK_LABELS = {
  /** `app=X` */
  app: 'app',
  /** The CR's kind in lower case (`kafka`, `kraftcontroller`, …), older form. */
  type: 'type',
  /** The CR's kind in lower case. */
  platformType: 'platform.confluent.io/type',
  /** `confluent-platform=true` on everything CFK creates. */
  confluentPlatform: 'confluent-platform',
  /** The StatefulSet revision a pod runs. */
  revisionHash: 'controller-revision-hash',
} as const;

/** CFK's annotations on its CRs. */
export const CFK_ANNOTATIONS = {
  /** `true` pauses reconciliation. */
  blockReconcile: 'platform.confluent.io/block-reconcile',
} as const;

/** CFK's condition types. */
export const CFK_CONDITIONS = {
  rolling: 'platform.confluent.io/rolling',
  clusterReady: 'platform.confluent.io/cluster-ready',
  statefulSetAvailable: 'platform.confluent.io/statefulset-available',
  resourcesReady: 'platform.confluent.io/resources-ready',
  appReady: 'platform.confluent.io/app-ready',
} as const;

/** The CFK kinds the suite reads, cluster CRs first. */
export const CFK_KINDS = [
  clusterKind('Kafka', 'kafkas'),
  clusterKind('KRaftController', 'kraftcontrollers'),
  clusterKind('Zookeeper', 'zookeepers'),
  clusterKind('SchemaRegistry', 'schemaregistries'),
  clusterKind('Connect', 'connects'),
  clusterKind('KsqlDB', 'ksqldbs'),
  clusterKind('ControlCenter', 'controlcenters'),
  clusterKind('KafkaRestProxy', 'kafkarestproxies'),
  applicationKind('Connector', 'connectors'),
  applicationKind('KafkaRestClass', 'kafkarestclasses'),
  applicationKind('KafkaTopic', 'kafkatopics'),
  applicationKind('ClusterLink', 'clusterlinks'),
  applicationKind('ConfluentRolebinding', 'confluentrolebindings'),
] as const;

/** Names CFK gives what it creates for a cluster CR named `name`. */
export const CFK_NAMES = {
  statefulSet: (name: string) => name,
  pod: (name: string, ordinal: number) => `${name}-${ordinal}`,
  /** The CR's Service; external access adds `<name>-bootstrap`. */
  services: (name: string) => [name, `${name}-bootstrap`],
  /** The data volume claim of a pod. */
  dataClaim: (name: string, ordinal: number) => `data0-${name}-${ordinal}`,
  /** The Secret CFK's auto-generated certificates are signed with. */
  caSecret: 'ca-pair-sslcerts',
} as const;

const ref = (
  kind: string,
  field: string[],
  target: string,
): OperatorFacts['references'][number] => ({
  kind,
  field: [...field, 'name'],
  points: {
    kind: target,
    via: 'name',
    namespaceField: [...field, 'namespace'],
  },
});
const dns = (kind: string, field: string[], target: string) => ({
  kind,
  field,
  points: { kind: target, via: 'dns' as const },
});
const url = (kind: string, field: string[], target: string) => ({
  kind,
  field,
  points: { kind: target, via: 'url' as const },
});

/** CFK's component CRs: each reaches its Kafka through `dependencies.kafka`. */
export const CFK_COMPONENT_KINDS: readonly string[] = [
  'SchemaRegistry',
  'Connect',
  'KsqlDB',
  'ControlCenter',
  'KafkaRestProxy',
];

/**
 * Every field by which a CFK resource names another resource of its environment (CFK 3.3.0
 * CRDs, operators.md §1.2): cluster refs, REST class refs, bootstrap endpoints, REST URLs.
 */
export const CFK_REFERENCES: OperatorFacts['references'] = [
  ref(
    'Kafka',
    ['spec', 'dependencies', 'kRaftController', 'clusterRef'],
    'KRaftController',
  ),
  dns('Kafka', ['spec', 'dependencies', 'zookeeper', 'endpoint'], 'Zookeeper'),
  ref('Kafka', ['spec', 'dependencies', 'zookeeper', 'discovery'], 'Zookeeper'),
  ...CFK_COMPONENT_KINDS.flatMap(kind => [
    dns(kind, ['spec', 'dependencies', 'kafka', 'bootstrapEndpoint'], 'Kafka'),
    ref(kind, ['spec', 'dependencies', 'kafka', 'discovery'], 'Kafka'),
  ]),
  ...['Connect', 'KsqlDB', 'ControlCenter', 'KafkaRestProxy'].map(kind =>
    url(
      kind,
      ['spec', 'dependencies', 'schemaRegistry', 'url'],
      'SchemaRegistry',
    ),
  ),
  url(
    'ControlCenter',
    ['spec', 'dependencies', 'connect', '[]', 'url'],
    'Connect',
  ),
  url(
    'ControlCenter',
    ['spec', 'dependencies', 'ksqldb', '[]', 'url'],
    'KsqlDB',
  ),
  ref('KafkaTopic', ['spec', 'kafkaClusterRef'], 'Kafka'),
  ref('KafkaTopic', ['spec', 'kafkaRestClassRef'], 'KafkaRestClass'),
  url('KafkaTopic', ['spec', 'kafkaRest', 'endpoint'], 'Kafka'),
  ref('KafkaRestClass', ['spec', 'kafkaClusterRef'], 'Kafka'),
  url('KafkaRestClass', ['spec', 'kafkaRest', 'endpoint'], 'Kafka'),
  ref('ConfluentRolebinding', ['spec', 'kafkaRestClassRef'], 'KafkaRestClass'),
  ref('Connector', ['spec', 'connectClusterRef'], 'Connect'),
  url('Connector', ['spec', 'connectRest', 'endpoint'], 'Connect'),
  ...(['sourceKafkaCluster', 'destinationKafkaCluster'] as const).flatMap(
    side => [
      ref('ClusterLink', ['spec', side, 'kafkaRestClassRef'], 'KafkaRestClass'),
      dns('ClusterLink', ['spec', side, 'bootstrapEndpoint'], 'Kafka'),
    ],
  ),
];

const CLUSTER_KINDS = CFK_KINDS.filter(k => k.role === 'cluster').map(
  k => k.kind,
);

/**
 * Confluent for Kubernetes (`platform.confluent.io/v1beta1`).
 *
 * @public
 */
export const cfkFacts: OperatorFacts = {
  operator: 'cfk',
  title: 'Confluent for Kubernetes',
  group: GROUP,
  versions: ['v1beta1'],
  presenceKind: 'Kafka',
  kinds: CFK_KINDS,
  podSelector: `${CFK_LABELS.confluentPlatform}=true`,
  isOperatorPodLabel: key =>
    key.startsWith(PREFIX) ||
    key === CFK_LABELS.app ||
    key === CFK_LABELS.type ||
    key === CFK_LABELS.confluentPlatform ||
    key === CFK_LABELS.revisionHash,
  workloadSelector: name => `${CFK_LABELS.app}=${name}`,
  eventKinds: [
    'Pod',
    'PersistentVolumeClaim',
    'StatefulSet',
    ...CFK_KINDS.filter(k => k.kind !== 'KafkaRestClass').map(k => k.kind),
  ],
  goodConditions: [
    'Ready',
    CFK_CONDITIONS.statefulSetAvailable,
    CFK_CONDITIONS.resourcesReady,
    CFK_CONDITIONS.clusterReady,
    CFK_CONDITIONS.appReady,
  ],
  serviceNames: (kind, object) => {
    const name = (object as { metadata?: { name?: string } })?.metadata?.name;
    return name && CLUSTER_KINDS.includes(kind) ? CFK_NAMES.services(name) : [];
  },
  references: CFK_REFERENCES,
};
