import { KubeObject } from '../types';

/*
 * Strimzi resources of the demo fleet, after Strimzi's kafka-persistent.yaml (operators.md §4):
 * a controller and a broker node pool of 3, JBOD storage with shared KRaft metadata, internal
 * plain and TLS listeners, the entity operator; written at `v1` or `v1beta2`.
 */

export type StrimziApi = 'kafka.strimzi.io/v1' | 'kafka.strimzi.io/v1beta2';

/** The node pools `controller` and `broker` of a cluster. */
export function nodePools(
  api: StrimziApi,
  ns: string,
  cluster: string,
  size: string,
): KubeObject[] {
  return (['controller', 'broker'] as const).map(role => ({
    apiVersion: api,
    kind: 'KafkaNodePool',
    metadata: {
      name: role,
      namespace: ns,
      labels: { 'strimzi.io/cluster': cluster },
    },
    spec: {
      replicas: 3,
      roles: [role],
      storage: {
        type: 'jbod',
        volumes: [
          {
            id: 0,
            type: 'persistent-claim',
            size: role === 'broker' ? size : '20Gi',
            kraftMetadata: 'shared',
            deleteClaim: false,
          },
        ],
      },
      resources: {
        requests: {
          cpu: role === 'broker' ? '1' : '500m',
          memory: role === 'broker' ? '4Gi' : '2Gi',
        },
        limits: { memory: role === 'broker' ? '4Gi' : '2Gi' },
      },
      jvmOptions: {
        '-Xms': role === 'broker' ? '2g' : '1g',
        '-Xmx': role === 'broker' ? '2g' : '1g',
      },
    },
  }));
}

/**
 * A Kafka with internal plain and TLS listeners (and any `extraListeners`), simple authorization
 * and the entity operator.
 */
export function kafka(
  api: StrimziApi,
  ns: string,
  name: string,
  labels: Record<string, string>,
  version: string,
  metadataVersion: string,
  extraListeners: Array<Record<string, unknown>> = [],
): KubeObject {
  return {
    apiVersion: api,
    kind: 'Kafka',
    metadata: { name, namespace: ns, labels },
    spec: {
      kafka: {
        version,
        metadataVersion,
        listeners: [
          { name: 'plain', port: 9092, type: 'internal', tls: false },
          {
            name: 'tls',
            port: 9093,
            type: 'internal',
            tls: true,
            authentication: { type: 'tls' },
          },
          ...extraListeners,
        ],
        authorization: { type: 'simple' },
        config: {
          'offsets.topic.replication.factor': 3,
          'transaction.state.log.replication.factor': 3,
          'transaction.state.log.min.isr': 2,
          'default.replication.factor': 3,
          'min.insync.replicas': 2,
          'auto.create.topics.enable': false,
        },
      },
      entityOperator: { topicOperator: {}, userOperator: {} },
    },
  };
}

/** A topic of a cluster (`strimzi.io/cluster`). */
export function topic(
  api: StrimziApi,
  ns: string,
  cluster: string,
  name: string,
  partitions: number,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: api,
    kind: 'KafkaTopic',
    metadata: {
      name,
      namespace: ns,
      labels: { 'strimzi.io/cluster': cluster, ...labels },
    },
    spec: {
      partitions,
      replicas: 3,
      config: {
        'retention.ms': 604800000,
        'segment.bytes': 1073741824,
        'min.insync.replicas': 2,
      },
    },
  };
}

/** A user with TLS or SCRAM-SHA-512 authentication and ACLs on a topic prefix (and its groups). */
export function user(
  api: StrimziApi,
  ns: string,
  cluster: string,
  name: string,
  authentication: 'tls' | 'scram-sha-512',
  prefix: string,
  operations: string[],
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: api,
    kind: 'KafkaUser',
    metadata: {
      name,
      namespace: ns,
      labels: { 'strimzi.io/cluster': cluster, ...labels },
    },
    spec: {
      authentication: { type: authentication },
      authorization: {
        type: 'simple',
        acls: [
          {
            resource: { type: 'topic', name: prefix, patternType: 'prefix' },
            operations,
            host: '*',
          },
          {
            resource: { type: 'group', name: prefix, patternType: 'prefix' },
            operations: ['Read'],
            host: '*',
          },
        ],
      },
    },
  };
}
