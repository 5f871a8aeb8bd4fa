/**
 * Entity annotation naming the Kafka clusters an entity uses, beyond those its Kubernetes
 * annotations select: `<kubernetes cluster>/<namespace>/<kafka name>`, comma-separated.
 * For shared clusters whose resources carry no service labels.
 *
 * @public
 */
export const ANNOTATION_KAFKA_CLUSTERS = 'k8s-kafka.io/kafka-clusters';

/**
 * Annotation on a `kafka-cluster` Resource entity pointing back at its Kafka resource:
 * `<kubernetes cluster>/<namespace>/<kafka name>`.
 *
 * @public
 */
export const ANNOTATION_KAFKA_REF = 'k8s-kafka.io/kafka-ref';

/**
 * Annotation on every Kubernetes object of an environment `kafka:environment:create` renders:
 * the environment's id. `kafka:environment:apply` writes an object only when the object already
 * in the cluster carries the same id, so one environment never overwrites another's.
 *
 * @public
 */
export const ANNOTATION_ENVIRONMENT_ID = 'k8s-kafka.io/environment-id';

/**
 * Annotation on every object of a clone (`kafka:environment:clone`): the object it was cloned
 * from, `<cluster>/<namespace>/<Kind>/<name>@<generation>`.
 *
 * @public
 */
export const ANNOTATION_CLONED_FROM = 'k8s-kafka.io/cloned-from';

/**
 * Annotation on every object of an ephemeral clone: the ISO time after which it may be removed.
 *
 * @public
 */
export const ANNOTATION_EXPIRES_AT = 'k8s-kafka.io/expires-at';

/**
 * The Kubernetes plugin's entity annotations, which this suite follows as they are.
 *
 * @public
 */
export const KUBERNETES_ANNOTATIONS = {
  id: 'backstage.io/kubernetes-id',
  labelSelector: 'backstage.io/kubernetes-label-selector',
  namespace: 'backstage.io/kubernetes-namespace',
  cluster: 'backstage.io/kubernetes-cluster',
} as const;

/**
 * `spec.type` of the catalog Resource entities the suite discovers.
 *
 * @public
 */
export const RESOURCE_TYPES = {
  kafkaCluster: 'kafka-cluster',
  kafkaTopic: 'kafka-topic',
} as const;

/**
 * Identifies one Kafka resource on one Kubernetes cluster.
 *
 * @public
 */
export interface KafkaClusterRef {
  /** The Kubernetes cluster's name, as configured in `kubernetes.clusterLocatorMethods`. */
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * Parses the value of {@link ANNOTATION_KAFKA_CLUSTERS} or {@link ANNOTATION_KAFKA_REF}.
 *
 * @throws TypeError naming the offending entry when one is not `<cluster>/<namespace>/<name>`.
 * @public
 */
export function parseKafkaClusterRefs(value: string): KafkaClusterRef[] {
  return value
    .split(',')
    .map(entry => entry.trim())
    .filter(entry => entry.length > 0)
    .map(entry => {
      const parts = entry.split('/');
      if (parts.length !== 3 || parts.some(part => part.trim() === '')) {
        throw new TypeError(
          `Invalid Kafka cluster reference '${entry}', expected '<cluster>/<namespace>/<name>'`,
        );
      }
      const [cluster, namespace, name] = parts.map(part => part.trim());
      return { cluster, namespace, name };
    });
}

/**
 * Formats a {@link KafkaClusterRef} as `<cluster>/<namespace>/<name>`.
 *
 * @public
 */
export function stringifyKafkaClusterRef(ref: KafkaClusterRef): string {
  return `${ref.cluster}/${ref.namespace}/${ref.name}`;
}
