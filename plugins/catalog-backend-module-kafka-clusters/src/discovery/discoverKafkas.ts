import type { KubeConfig } from '@kubernetes/client-node';
import { KafkaOperator } from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  KafkaOperatorAdapter,
  listObjects,
  pickServedVersion,
  servedVersions,
  WatchSpec,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { keyOf, ObjectMeta, readObjectMeta } from './objectMeta';

/** A KafkaTopic resource, placed on its Kafka cluster. */
export interface DiscoveredTopic extends ObjectMeta {
  /** The topic's name in Kafka, which may differ from the resource's name. */
  topicName: string;
}

/** A Kafka resource of one operator. */
export interface DiscoveredKafka extends ObjectMeta {
  operator: KafkaOperator;
  /** The `group/version` it was read at. */
  apiVersion: string;
  /** Its KafkaTopic resources; empty unless topics were asked for. */
  topics: DiscoveredTopic[];
}

/** Options of {@link discoverKafkas}. */
export interface DiscoverOptions {
  /** The Kubernetes cluster's configured name. */
  cluster: string;
  adapters: readonly KafkaOperatorAdapter[];
  topics: boolean;
  timeoutMs: number;
  /** Namespaces to list instead of the whole cluster (namespace-scoped mode). */
  namespaces?: readonly string[];
}

// How the adapters place a KafkaTopic on its Kafka cluster: the topic itself and, for CFK, the
// KafkaRestClass a topic may name instead of the cluster. Nothing else is listed.
const TOPIC_PLACEMENT_KINDS = ['KafkaTopic', 'KafkaRestClass'];

function project(spec: WatchSpec, objects: readonly unknown[]): unknown[] {
  return objects
    .map(object => spec.project(object))
    .filter(projected => projected !== undefined);
}

/**
 * The topics of each Kafka cluster (by `namespace/name`), placed by the adapter's own matching
 * so the catalog and the Kafka tab agree on which topic belongs where.
 */
async function topicsByKafka(
  kc: KubeConfig,
  adapter: KafkaOperatorAdapter,
  served: readonly string[],
  kafkas: readonly unknown[],
  options: DiscoverOptions,
): Promise<Map<string, DiscoveredTopic[]>> {
  const objects: Record<string, unknown[]> = {
    [adapter.presence.key]: project(adapter.presence, kafkas),
  };
  const topicMeta = new Map<string, ObjectMeta>();
  const specs = adapter.watches.filter(
    spec =>
      spec.group === adapter.presence.group &&
      TOPIC_PLACEMENT_KINDS.includes(spec.kind),
  );
  for (const spec of specs) {
    const version = pickServedVersion(spec, served);
    if (!version) continue;
    const items = await listObjects(kc, spec, version, options);
    objects[spec.key] = project(spec, items);
    if (spec.kind !== 'KafkaTopic') continue;
    for (const item of items) {
      const meta = readObjectMeta(item);
      if (meta) topicMeta.set(keyOf(meta), meta);
    }
  }
  const statuses = adapter.assemble(
    { cluster: options.cluster, objects },
    { now: new Date() },
  );
  return new Map(
    statuses.map(status => [
      keyOf(status.ref),
      status.topics.flatMap(topic => {
        const meta = topicMeta.get(keyOf(topic.resource));
        return meta ? [{ ...meta, topicName: topic.name }] : [];
      }),
    ]),
  );
}

async function discoverOperator(
  kc: KubeConfig,
  adapter: KafkaOperatorAdapter,
  options: DiscoverOptions,
): Promise<DiscoveredKafka[]> {
  const { presence } = adapter;
  const served = await servedVersions(kc, presence.group, options.timeoutMs);
  // One version only, the first the cluster serves, so each object is read once even where
  // the CRD serves two (Strimzi 0.49–0.51 serve v1 and v1beta2).
  const version = pickServedVersion(presence, served);
  if (!version) return [];
  const kafkas = await listObjects(kc, presence, version, options);
  const topics = options.topics
    ? await topicsByKafka(kc, adapter, served, kafkas, options)
    : new Map<string, DiscoveredTopic[]>();
  return kafkas.flatMap(object => {
    const meta = readObjectMeta(object);
    if (!meta) return [];
    return [
      {
        ...meta,
        operator: adapter.operator,
        apiVersion: String(object.apiVersion),
        topics: topics.get(keyOf(meta)) ?? [],
      },
    ];
  });
}

/**
 * Every Kafka resource of the given operators on one Kubernetes cluster, with their topics when
 * asked. An operator whose CRDs are not installed contributes nothing; any other failure
 * (unreachable, refused credentials, missing RBAC, timeout) rejects with a KubeRequestError.
 */
export async function discoverKafkas(
  kc: KubeConfig,
  options: DiscoverOptions,
): Promise<DiscoveredKafka[]> {
  const perOperator = await Promise.all(
    options.adapters.map(adapter => discoverOperator(kc, adapter, options)),
  );
  return perOperator.flat();
}
