/**
 * Annotation on a Kafka or KafkaTopic resource naming the entity that owns it: an entity
 * reference such as `group:default/platform`, `user:default/alice` or just `platform` (a Group
 * in the `default` namespace). Wins over {@link LABEL_OWNER}.
 *
 * @public
 */
export const ANNOTATION_OWNER = 'k8s-kafka.io/owner';

/**
 * Label on a Kafka or KafkaTopic resource naming the Group that owns it, in the `default`
 * namespace. A label cannot hold `:` or `/`, so it names a Group only; use
 * {@link ANNOTATION_OWNER} for anything else.
 *
 * @public
 */
export const LABEL_OWNER = 'k8s-kafka.io/owner';

/**
 * Annotation on a Kafka or KafkaTopic resource naming the System it belongs to: an entity
 * reference such as `system:default/commerce` or `commerce`. Wins over {@link LABEL_SYSTEM}.
 *
 * @public
 */
export const ANNOTATION_SYSTEM = 'k8s-kafka.io/system';

/**
 * Label on a Kafka or KafkaTopic resource naming its System, in the `default` namespace.
 *
 * @public
 */
export const LABEL_SYSTEM = 'k8s-kafka.io/system';

/**
 * Annotation on a `kafka-topic` Resource entity pointing back at its KafkaTopic resource:
 * `<kubernetes cluster>/<namespace>/<KafkaTopic name>`.
 *
 * @public
 */
export const ANNOTATION_KAFKA_TOPIC_REF = 'k8s-kafka.io/kafka-topic-ref';

/**
 * The location type of the entities this module emits: their
 * `backstage.io/managed-by-location` is `kafka-clusters:<kubernetes cluster>`.
 *
 * @public
 */
export const LOCATION_TYPE = 'kafka-clusters';

/** The location of one Kubernetes cluster's entities, also their mutation's `locationKey`. */
export function locationOf(kubernetesCluster: string): string {
  return `${LOCATION_TYPE}:${kubernetesCluster}`;
}
