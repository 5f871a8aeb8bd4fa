import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  EntityLink,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KAFKA_REF,
  KafkaOperator,
  KUBERNETES_ANNOTATIONS,
  RESOURCE_TYPES,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  defaultOperatorFacts,
  OperatorFacts,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { ANNOTATION_KAFKA_TOPIC_REF, locationOf } from '../annotations';
import { DiscoveredKafka, DiscoveredTopic } from '../discovery/discoverKafkas';
import { kafkaClusterEntityName, kafkaTopicEntityName } from './entityName';

// Each operator's name, and the labels it puts on everything it creates for a Kafka cluster
// (pods, services, pod sets), so the Kubernetes tab of the Resource shows them.
const OPERATORS = new Map<KafkaOperator, OperatorFacts>(
  defaultOperatorFacts.map(facts => [facts.operator, facts]),
);

function factsOf(operator: KafkaOperator): OperatorFacts {
  const facts = OPERATORS.get(operator);
  if (!facts) throw new Error(`Unknown Kafka operator '${operator}'`);
  return facts;
}

/** The Kubernetes cluster a resource was found on. */
export interface KubernetesClusterInfo {
  name: string;
  title?: string;
  dashboardUrl?: string;
}

/** Who owns a resource, and the system it belongs to (full entity references). */
export interface Ownership {
  owner: string;
  system?: string;
}

function locationAnnotations(cluster: string): Record<string, string> {
  const location = locationOf(cluster);
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
}

function dashboardLinks(cluster: KubernetesClusterInfo): EntityLink[] {
  if (!cluster.dashboardUrl) return [];
  return [
    {
      url: cluster.dashboardUrl,
      title: `Kubernetes dashboard of ${cluster.title ?? cluster.name}`,
      icon: 'dashboard',
      type: 'dashboard',
    },
  ];
}

/** The catalog reference of a Kafka cluster's Resource entity. */
export function kafkaClusterEntityRef(
  cluster: string,
  kafka: { namespace: string; name: string },
): string {
  return stringifyEntityRef({
    kind: 'Resource',
    namespace: DEFAULT_NAMESPACE,
    name: kafkaClusterEntityName({ cluster, ...kafka }),
  });
}

/**
 * The `kafka-cluster` Resource of a Kafka resource. It carries `k8s-kafka.io/kafka-ref`, which
 * the kafka-clusters backend follows from the Resource and from every entity that `dependsOn`
 * it, and the Kubernetes plugin's annotations selecting the cluster's workloads.
 */
export function kafkaClusterEntity(
  cluster: KubernetesClusterInfo,
  kafka: DiscoveredKafka,
  ownership: Ownership,
): Entity {
  const ref = {
    cluster: cluster.name,
    namespace: kafka.namespace,
    name: kafka.name,
  };
  const links = dashboardLinks(cluster);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: kafkaClusterEntityName(ref),
      namespace: DEFAULT_NAMESPACE,
      title: `${kafka.name} (${cluster.name}/${kafka.namespace})`,
      description: `${factsOf(kafka.operator).title} Kafka cluster ${
        kafka.namespace
      }/${kafka.name} on Kubernetes cluster ${cluster.name}`,
      tags: ['kafka', kafka.operator],
      annotations: {
        ...locationAnnotations(cluster.name),
        [ANNOTATION_KAFKA_REF]: stringifyKafkaClusterRef(ref),
        [KUBERNETES_ANNOTATIONS.cluster]: cluster.name,
        [KUBERNETES_ANNOTATIONS.namespace]: kafka.namespace,
        [KUBERNETES_ANNOTATIONS.labelSelector]: factsOf(
          kafka.operator,
        ).workloadSelector(kafka.name),
      },
      ...(links.length > 0 && { links }),
    },
    spec: {
      type: RESOURCE_TYPES.kafkaCluster,
      owner: ownership.owner,
      ...(ownership.system && { system: ownership.system }),
    },
  };
}

/**
 * The `kafka-topic` Resource of a KafkaTopic resource, a `dependencyOf` its Kafka cluster's
 * Resource.
 */
export function kafkaTopicEntity(
  cluster: KubernetesClusterInfo,
  kafka: DiscoveredKafka,
  topic: DiscoveredTopic,
  ownership: Ownership,
): Entity {
  const ref = {
    cluster: cluster.name,
    namespace: topic.namespace,
    name: topic.name,
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: kafkaTopicEntityName(ref),
      namespace: DEFAULT_NAMESPACE,
      title: topic.topicName,
      description: `Kafka topic ${topic.topicName} (KafkaTopic ${topic.namespace}/${topic.name}) of Kafka cluster ${kafka.namespace}/${kafka.name} on Kubernetes cluster ${cluster.name}`,
      tags: ['kafka-topic', kafka.operator],
      annotations: {
        ...locationAnnotations(cluster.name),
        [ANNOTATION_KAFKA_TOPIC_REF]: stringifyKafkaClusterRef(ref),
      },
    },
    spec: {
      type: RESOURCE_TYPES.kafkaTopic,
      owner: ownership.owner,
      ...(ownership.system && { system: ownership.system }),
      dependencyOf: [kafkaClusterEntityRef(cluster.name, kafka)],
    },
  };
}
