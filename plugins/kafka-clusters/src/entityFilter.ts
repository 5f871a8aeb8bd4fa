import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KAFKA_CLUSTERS,
  KUBERNETES_ANNOTATIONS,
  RESOURCE_TYPES,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * Whether the backend can find Kafka clusters for an entity: it selects Kubernetes
 * resources through the Kubernetes plugin's annotations or ours, depends on a
 * `kafka-cluster` Resource, or is one.
 *
 * @public
 */
export function isKafkaClustersAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  if (
    annotations[KUBERNETES_ANNOTATIONS.id] ||
    annotations[KUBERNETES_ANNOTATIONS.labelSelector] ||
    annotations[ANNOTATION_KAFKA_CLUSTERS]
  ) {
    return true;
  }
  if (entity.kind === 'Resource' && entity.spec?.type === RESOURCE_TYPES.kafkaCluster) {
    return true;
  }
  return (entity.relations ?? []).some(
    relation =>
      relation.type === 'dependsOn' && relation.targetRef.startsWith('resource:'),
  );
}
