import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import {
  ANNOTATION_KAFKA_CLUSTERS,
  KUBERNETES_ANNOTATIONS,
  RESOURCE_TYPES,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * Whether the backend can find Kafka clusters for an entity: it selects Kubernetes
 * resources through the Kubernetes plugin's annotations, names clusters in
 * `k8s-kafka.io/kafka-clusters`, depends on a Resource, or is a `kafka-cluster` Resource.
 *
 * A relation names its target but not the target's type, so any `dependsOn` a Resource
 * counts: the tab then says when none of them is a Kafka cluster, rather than hiding
 * from a service whose only link to Kafka is that relation.
 *
 * @public
 */
export function isKafkaClustersAvailable(entity: Entity): boolean {
  return namesKafkaClusters(entity) || dependsOnResource(entity);
}

/**
 * Whether the entity itself points at Kafka: by annotations, or by being a `kafka-cluster`
 * Resource. A `dependsOn` a Resource may point at anything.
 */
export function namesKafkaClusters(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  if (
    annotations[KUBERNETES_ANNOTATIONS.id] ||
    annotations[KUBERNETES_ANNOTATIONS.labelSelector] ||
    annotations[ANNOTATION_KAFKA_CLUSTERS]
  ) {
    return true;
  }
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === RESOURCE_TYPES.kafkaCluster
  );
}

function dependsOnResource(entity: Entity): boolean {
  return (entity.relations ?? []).some(
    relation =>
      relation.type === RELATION_DEPENDS_ON &&
      relation.targetRef.toLocaleLowerCase('en-US').startsWith('resource:'),
  );
}
