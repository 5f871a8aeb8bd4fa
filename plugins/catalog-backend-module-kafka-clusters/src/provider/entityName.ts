import { createHash } from 'node:crypto';

/**
 * Identifies one Kubernetes object on one Kubernetes cluster.
 *
 * @public
 */
export interface KubernetesObjectLocation {
  /** The Kubernetes cluster's configured name. */
  cluster: string;
  namespace: string;
  name: string;
}

const MAX_LENGTH = 63;
const HASH_LENGTH = 10;
// Kubernetes names are lowercase DNS-1123: never an underscore, which is why `_` separates the
// parts and the plain form can be read back unambiguously.
const NAMESPACE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const OBJECT_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
// The catalog compares names case-insensitively, so a cluster name only appears as it is when
// it is lowercase (and has no `_`, which would make the parts ambiguous).
const CLUSTER_NAME = OBJECT_NAME;

function shortHash(parts: readonly string[]): string {
  // JSON keeps the parts apart whatever they contain.
  return createHash('sha256')
    .update(JSON.stringify(parts))
    .digest('hex')
    .slice(0, HASH_LENGTH);
}

function hashed(readable: string, parts: readonly string[]): string {
  const prefix = readable
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, MAX_LENGTH - HASH_LENGTH - 1)
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[^a-z0-9]+$/, '');
  const hash = shortHash(parts);
  return prefix ? `${prefix}-${hash}` : hash;
}

function entityName(
  kind: 'kafka-cluster' | 'kafka-topic',
  prefix: string,
  { cluster, namespace, name }: KubernetesObjectLocation,
): string {
  const readable = `${prefix}${cluster}_${namespace}_${name}`;
  const plain =
    CLUSTER_NAME.test(cluster) &&
    NAMESPACE.test(namespace) &&
    OBJECT_NAME.test(name) &&
    readable.length <= MAX_LENGTH;
  return plain ? readable : hashed(readable, [kind, cluster, namespace, name]);
}

/**
 * The catalog name of a Kafka cluster's Resource entity: `<cluster>_<namespace>_<name>`, e.g.
 * `prod-eu_kafka-platform_shared`. Neither namespaces nor Kubernetes names can contain `_`,
 * so distinct Kafka resources get distinct names. When that form is longer than 63 characters,
 * or the Kubernetes cluster's name is not lowercase DNS-style, the name is cut to fit and ends
 * in `-` plus 10 hex digits of a SHA-256 of the kind, cluster, namespace and name.
 *
 * @public
 */
export function kafkaClusterEntityName(
  kafka: KubernetesObjectLocation,
): string {
  return entityName('kafka-cluster', '', kafka);
}

/**
 * The catalog name of a KafkaTopic's Resource entity: `topic_<cluster>_<namespace>_<name>` of
 * the KafkaTopic resource, shortened as {@link kafkaClusterEntityName} shortens. It has three
 * `_` where a cluster's name has two, so the two never meet.
 *
 * @public
 */
export function kafkaTopicEntityName(topic: KubernetesObjectLocation): string {
  return entityName('kafka-topic', 'topic_', topic);
}
