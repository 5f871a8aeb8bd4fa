/** CFK's API group and version (CFK's docs). */
export const CFK_GROUP = 'platform.confluent.io';
export const CFK_API = `${CFK_GROUP}/v1beta1`;

/** The field manager CFK's operator writes as (its binary is `manager`). */
export const CFK_MANAGER = 'manager';

/** `status.operatorVersion` of CFK 3.3.0: its chart version (CFK's Helm chart). */
export const CFK_OPERATOR_VERSION = 'v0.1718.10';

/** A CFK condition type the simulator writes (CFK's docs). */
export type CfkConditionType =
  | 'statefulset-available'
  | 'resources-ready'
  | 'rolling'
  | 'garbage-collecting'
  | 'cluster-ready';

/** A cluster CR kind: what its StatefulSet, pods and status look like. */
export interface CfkClusterKind {
  kind: string;
  /** `platform.confluent.io/type` and `type` labels, and the main container's name. */
  type: string;
  /** Container ports; the first is the one clients use. */
  ports: Array<{ name: string; port: number }>;
  /** The REST port of a component (`status.restConfig`), if any. */
  restPort?: number;
  /** Conditions its status carries, in the order CFK writes them (Argo CD's samples). */
  conditions: CfkConditionType[];
}

const METRICS = [
  { name: 'jmx', port: 7203 },
  { name: 'jolokia', port: 7777 },
  { name: 'prometheus', port: 7778 },
];

const COMPONENT: CfkConditionType[] = [
  'statefulset-available',
  'resources-ready',
  'garbage-collecting',
];
const QUORUM: CfkConditionType[] = [
  'statefulset-available',
  'resources-ready',
  'rolling',
  'garbage-collecting',
  'cluster-ready',
];

/** The cluster CRs: each becomes a StatefulSet, ordinal pods and a Service of its name (CFK's docs). */
export const CFK_CLUSTER_KINDS: readonly CfkClusterKind[] = [
  {
    kind: 'Kafka',
    type: 'kafka',
    ports: [
      { name: 'internal', port: 9071 },
      { name: 'replication', port: 9072 },
      { name: 'external', port: 9092 },
      { name: 'http-external', port: 8090 },
      ...METRICS,
    ],
    conditions: QUORUM,
  },
  {
    kind: 'KRaftController',
    type: 'kraftcontroller',
    ports: [{ name: 'controller', port: 9074 }, ...METRICS],
    conditions: QUORUM,
  },
  {
    kind: 'Zookeeper',
    type: 'zookeeper',
    ports: [
      { name: 'client', port: 2181 },
      { name: 'peer', port: 2888 },
      { name: 'leader-election', port: 3888 },
      ...METRICS,
    ],
    conditions: [
      'statefulset-available',
      'resources-ready',
      'garbage-collecting',
      'cluster-ready',
    ],
  },
  {
    kind: 'SchemaRegistry',
    type: 'schemaregistry',
    ports: [{ name: 'external', port: 8081 }, ...METRICS],
    restPort: 8081,
    conditions: COMPONENT,
  },
  {
    kind: 'Connect',
    type: 'connect',
    ports: [{ name: 'external', port: 8083 }, ...METRICS],
    restPort: 8083,
    conditions: COMPONENT,
  },
  {
    kind: 'KsqlDB',
    type: 'ksqldb',
    ports: [{ name: 'external', port: 8088 }, ...METRICS],
    restPort: 8088,
    conditions: COMPONENT,
  },
  {
    kind: 'ControlCenter',
    type: 'controlcenter',
    ports: [{ name: 'external', port: 9021 }, ...METRICS],
    restPort: 9021,
    conditions: ['statefulset-available', 'resources-ready'],
  },
  {
    kind: 'KafkaRestProxy',
    type: 'kafkarestproxy',
    ports: [{ name: 'external', port: 8082 }, ...METRICS],
    restPort: 8082,
    conditions: COMPONENT,
  },
];

/** The application CRs whose status the simulator writes. */
export const CFK_APP_KINDS = [
  'KafkaRestClass',
  'KafkaTopic',
  'Connector',
  'ClusterLink',
  'Schema',
  'ConfluentRolebinding',
] as const;

/** The cluster kind of a kind name, if it is one. */
export function clusterKind(kind: string): CfkClusterKind | undefined {
  return CFK_CLUSTER_KINDS.find(k => k.kind === kind);
}

/** The labels CFK puts on a cluster CR's pods, StatefulSet and Service selector (CFK's docs). */
export function cfkLabels(name: string, namespace: string, type: string) {
  return {
    app: name,
    clusterId: namespace,
    'confluent-platform': 'true',
    type,
  };
}

/** `<name>.<namespace>.svc.cluster.local`, the host of a CR's Service. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}
