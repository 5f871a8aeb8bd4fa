import { ProjectedPod } from '../../common/core';
import {
  normalizeEndpoint,
  serviceOf,
  splitEndpoints,
} from '../../common/endpoints';
import { ProjectedMeta, keyOf } from '../../common/meta';
import { ProjectedStrimziKafka } from './projections';
import { STRIMZI_LABELS, STRIMZI_NAMES } from '../facts';

/** Strimzi's children name their cluster in this label (Strimzi's docs). */
export const CLUSTER_LABEL = STRIMZI_LABELS.cluster;

/** Objects by `namespace/<cluster label>`. */
export function indexByClusterLabel<T extends { meta: ProjectedMeta }>(
  items: readonly T[] | undefined,
): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items ?? []) {
    const cluster = item.meta.labels[CLUSTER_LABEL];
    if (!cluster) {
      continue;
    }
    const key = keyOf(item.meta.namespace, cluster);
    const bucket = index.get(key);
    if (bucket) {
      bucket.push(item);
    } else {
      index.set(key, [item]);
    }
  }
  return index;
}

/** Pods labelled for a resource: the cluster label `<name>` and the kind label `<kind>`. */
export function podsOf(
  index: ReadonlyMap<string, ProjectedPod[]>,
  namespace: string,
  name: string,
  kind: string,
): ProjectedPod[] {
  return (index.get(keyOf(namespace, name)) ?? []).filter(
    p => p.meta.labels[STRIMZI_LABELS.kind] === kind,
  );
}

/** Kafka clusters by the addresses clients use: its services' DNS names and its listeners' addresses. */
export interface StrimziIndex {
  byService: ReadonlyMap<string, ProjectedStrimziKafka>;
  byAddress: ReadonlyMap<string, ProjectedStrimziKafka>;
}

export function buildStrimziIndex(
  kafkas: readonly ProjectedStrimziKafka[],
): StrimziIndex {
  const byService = new Map<string, ProjectedStrimziKafka>();
  const byAddress = new Map<string, ProjectedStrimziKafka>();
  for (const kafka of kafkas) {
    const { name, namespace } = kafka.meta;
    // <c>-kafka-bootstrap and <c>-kafka-brokers (Strimzi's docs), and one bootstrap service per listener.
    const services = STRIMZI_NAMES.kafkaServices(
      name,
      kafka.listeners.map(listener => listener.name),
    );
    for (const listener of kafka.listeners) {
      for (const address of [
        ...splitEndpoints(listener.bootstrapServers),
        ...(listener.externalAddresses ?? []),
      ]) {
        byAddress.set(normalizeEndpoint(address), kafka);
      }
    }
    for (const service of services) {
      byService.set(keyOf(namespace, service), kafka);
    }
  }
  return { byService, byAddress };
}

/** The Kafka cluster a `bootstrapServers` value points at, if it is in this Kubernetes cluster. */
export function kafkaForBootstrap(
  index: StrimziIndex,
  bootstrapServers: string | undefined,
  namespace: string,
): ProjectedStrimziKafka | undefined {
  const endpoints = splitEndpoints(bootstrapServers);
  for (const endpoint of endpoints) {
    const kafka = index.byAddress.get(endpoint);
    if (kafka) {
      return kafka;
    }
  }
  for (const endpoint of endpoints) {
    const service = serviceOf(endpoint);
    const kafka =
      service &&
      index.byService.get(
        keyOf(service.namespace ?? namespace, service.service),
      );
    if (kafka) {
      return kafka;
    }
  }
  return undefined;
}
