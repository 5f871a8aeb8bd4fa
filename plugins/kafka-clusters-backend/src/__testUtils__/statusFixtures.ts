import {
  KafkaClusterStatus,
  KafkaTopicStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/** A healthy Kafka cluster status with no children; tests override what they exercise. */
export function kafkaStatus(
  cluster: string,
  namespace: string,
  name: string,
  overrides: Partial<KafkaClusterStatus> = {},
): KafkaClusterStatus {
  return {
    ref: { cluster, namespace, name },
    operator: 'strimzi',
    apiVersion: 'kafka.strimzi.io/v1',
    labels: {},
    health: 'healthy',
    reasons: [],
    reconcile: {
      caughtUp: true,
      conditions: [],
      rolling: false,
      generation: 1,
      observedGeneration: 1,
    },
    metadataMode: 'kraft',
    brokers: { desired: 3, ready: 3, members: [] },
    components: [],
    topics: [],
    access: [],
    listeners: [],
    links: [],
    versions: {},
    events: [],
    freshness: {
      observedAt: new Date().toISOString(),
      ageSeconds: 0,
      stale: false,
    },
    resource: {
      kind: 'Kafka',
      apiVersion: 'kafka.strimzi.io/v1',
      namespace,
      name,
    },
    ...overrides,
  };
}

export function topicStatus(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
): KafkaTopicStatus {
  return {
    name,
    resource: { kind: 'KafkaTopic', namespace, name },
    labels,
    partitions: 3,
    replicationFactor: 3,
    health: 'healthy',
    reasons: [],
  };
}
