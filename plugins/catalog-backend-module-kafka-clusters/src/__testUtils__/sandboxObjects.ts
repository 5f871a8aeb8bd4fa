import type { KubeObject, SandboxCluster } from '@k8s-kafka/kube-sandbox';

/** Metadata a test sets on an object. */
export interface TestMeta {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const metadata = (o: TestMeta) => ({
  name: o.name,
  namespace: o.namespace,
  labels: o.labels ?? {},
  annotations: o.annotations ?? {},
});

/** Creates the objects in a sandbox cluster, creating their namespaces first when missing. */
export function put(cluster: SandboxCluster, ...objects: KubeObject[]) {
  for (const object of objects) {
    const namespace = object.metadata.namespace;
    if (namespace && !cluster.api.get('v1', 'Namespace', namespace)) {
      cluster.api.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      });
    }
    cluster.api.create(object);
  }
}

/** A CFK Kafka with the fields its CRD requires. */
export function cfkKafka(o: TestMeta): KubeObject {
  return {
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'Kafka',
    metadata: metadata(o),
    spec: {
      replicas: 3,
      image: {
        application: 'confluentinc/cp-server:8.1.0',
        init: 'confluentinc/confluent-init-container:3.1.0',
      },
      dataVolumeCapacity: '10Gi',
    },
  };
}

/** A CFK KafkaTopic on a Kafka named outright, or through a KafkaRestClass. */
export function cfkTopic(
  o: TestMeta & { kafka?: string; restClass?: string; topicName?: string },
): KubeObject {
  return {
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'KafkaTopic',
    metadata: metadata(o),
    spec: {
      ...(o.topicName && { name: o.topicName }),
      replicas: 3,
      partitionCount: 6,
      ...(o.kafka && { kafkaClusterRef: { name: o.kafka } }),
      ...(o.restClass && { kafkaRestClassRef: { name: o.restClass } }),
    },
  };
}

/** A CFK KafkaRestClass for a Kafka. */
export function cfkRestClass(o: TestMeta & { kafka: string }): KubeObject {
  return {
    apiVersion: 'platform.confluent.io/v1beta1',
    kind: 'KafkaRestClass',
    metadata: metadata(o),
    spec: { kafkaClusterRef: { name: o.kafka } },
  };
}

/** A Strimzi KRaft Kafka, at `v1` or, for Strimzi 0.51 and older, `v1beta2`. */
export function strimziKafka(
  o: TestMeta & { apiVersion?: 'v1' | 'v1beta2' },
): KubeObject {
  return {
    apiVersion: `kafka.strimzi.io/${o.apiVersion ?? 'v1'}`,
    kind: 'Kafka',
    metadata: metadata(o),
    spec: {
      kafka: {
        listeners: [{ name: 'tls', port: 9093, type: 'internal', tls: true }],
      },
    },
  };
}

/** A Strimzi KafkaTopic, placed on its Kafka by the `strimzi.io/cluster` label. */
export function strimziTopic(
  o: TestMeta & {
    kafka: string;
    topicName?: string;
    apiVersion?: 'v1' | 'v1beta2';
  },
): KubeObject {
  return {
    apiVersion: `kafka.strimzi.io/${o.apiVersion ?? 'v1'}`,
    kind: 'KafkaTopic',
    metadata: {
      ...metadata(o),
      labels: { 'strimzi.io/cluster': o.kafka, ...o.labels },
    },
    spec: {
      ...(o.topicName && { topicName: o.topicName }),
      partitions: 3,
      replicas: 3,
    },
  };
}
