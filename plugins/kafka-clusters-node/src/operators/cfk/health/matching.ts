import { ProjectedPod } from '../../common/core';
import {
  normalizeEndpoint,
  serviceOf,
  splitEndpoints,
} from '../../common/endpoints';
import { keyOf } from '../../common/meta';
import { NameRef } from '../../common/raw';
import {
  CfkKafkaTarget,
  CfkLinkSide,
  ProjectedCfkRestClass,
} from './appProjections';
import { ProjectedCfkCluster } from './projections';
import { CFK_LABELS } from '../facts';

/**
 * Lookups from the ways CFK resources name their Kafka cluster (CFK's docs):
 * a `{name, namespace}` reference, a KafkaRestClass, a Kafka cluster ID, `<ns>/<name>`, or an
 * address of the cluster's service (`<name>.<ns>.svc…`, the CR's name).
 */
export interface CfkIndex {
  kafkas: ReadonlyMap<string, ProjectedCfkCluster>;
  byClusterId: ReadonlyMap<string, ProjectedCfkCluster>;
  byEndpoint: ReadonlyMap<string, ProjectedCfkCluster>;
  restClasses: ReadonlyMap<string, ProjectedCfkRestClass>;
}

export function buildCfkIndex(
  kafkas: readonly ProjectedCfkCluster[],
  restClasses: readonly ProjectedCfkRestClass[],
): CfkIndex {
  const byKey = new Map<string, ProjectedCfkCluster>();
  const byClusterId = new Map<string, ProjectedCfkCluster>();
  const byEndpoint = new Map<string, ProjectedCfkCluster>();
  for (const kafka of kafkas) {
    byKey.set(keyOf(kafka.meta.namespace, kafka.meta.name), kafka);
    if (kafka.clusterId) byClusterId.set(kafka.clusterId, kafka);
    for (const listener of kafka.listeners ?? []) {
      for (const address of [
        listener.bootstrapServers,
        ...(listener.externalAddresses ?? []),
      ]) {
        if (address) byEndpoint.set(normalizeEndpoint(address), kafka);
      }
    }
  }
  return {
    kafkas: byKey,
    byClusterId,
    byEndpoint,
    restClasses: new Map(
      restClasses.map(r => [keyOf(r.meta.namespace, r.meta.name), r]),
    ),
  };
}

export function kafkaByRef(
  index: CfkIndex,
  ref: NameRef | undefined,
  defaultNamespace: string,
): ProjectedCfkCluster | undefined {
  return (
    ref && index.kafkas.get(keyOf(ref.namespace ?? defaultNamespace, ref.name))
  );
}

/** A Kafka cluster by one of its addresses: a listener's endpoint, or its service's DNS name. */
export function kafkaByEndpoints(
  index: CfkIndex,
  endpoints: readonly string[],
  defaultNamespace: string,
): ProjectedCfkCluster | undefined {
  const all = endpoints.flatMap(e => splitEndpoints(e));
  for (const endpoint of all) {
    const exact = index.byEndpoint.get(endpoint);
    if (exact) {
      return exact;
    }
  }
  for (const endpoint of all) {
    const service = serviceOf(endpoint);
    if (!service) {
      continue;
    }
    const namespace = service.namespace ?? defaultNamespace;
    // External access adds a `<name>-bootstrap` service beside the `<name>` one.
    for (const name of [
      service.service,
      service.service.replace(/-bootstrap$/, ''),
    ]) {
      const kafka = index.kafkas.get(keyOf(namespace, name));
      if (kafka) {
        return kafka;
      }
    }
  }
  return undefined;
}

function kafkaByNamespacedName(
  index: CfkIndex,
  value: string | undefined,
): ProjectedCfkCluster | undefined {
  const [namespace, name, ...rest] = value?.split('/') ?? [];
  return namespace && name && rest.length === 0
    ? index.kafkas.get(keyOf(namespace, name))
    : undefined;
}

/** A KafkaRestClass's Kafka cluster. */
export function kafkaByRestClass(
  index: CfkIndex,
  ref: NameRef | undefined,
  defaultNamespace: string,
): ProjectedCfkCluster | undefined {
  const restClass =
    ref &&
    index.restClasses.get(keyOf(ref.namespace ?? defaultNamespace, ref.name));
  return (
    restClass &&
    kafkaForTarget(index, restClass.target, restClass.meta.namespace, false)
  );
}

/**
 * The Kafka cluster of a KafkaTopic, KafkaRestClass or ConfluentRolebinding, trying its
 * references from the most to the least explicit.
 */
export function kafkaForTarget(
  index: CfkIndex,
  target: CfkKafkaTarget,
  namespace: string,
  followRestClass = true,
): ProjectedCfkCluster | undefined {
  return (
    kafkaByRef(index, target.kafkaClusterRef, namespace) ??
    (followRestClass
      ? kafkaByRestClass(index, target.kafkaRestClassRef, namespace)
      : undefined) ??
    target.clusterIds
      .map(id => index.byClusterId.get(id))
      .find(k => k !== undefined) ??
    kafkaByNamespacedName(index, target.kafkaCluster) ??
    (target.restEndpoint
      ? kafkaByEndpoints(index, [target.restEndpoint], namespace)
      : undefined)
  );
}

/** The Kafka cluster a component depends on. */
export function kafkaForComponent(
  index: CfkIndex,
  component: ProjectedCfkCluster,
): ProjectedCfkCluster | undefined {
  const namespace = component.meta.namespace;
  return (
    kafkaByRef(index, component.kafkaRef, namespace) ??
    kafkaByEndpoints(index, component.kafkaEndpoints ?? [], namespace)
  );
}

/** The Kafka cluster one side of a ClusterLink names, if it is in this Kubernetes cluster. */
export function kafkaForLinkSide(
  index: CfkIndex,
  side: CfkLinkSide,
  namespace: string,
): ProjectedCfkCluster | undefined {
  return (
    kafkaByRestClass(index, side.kafkaRestClassRef, namespace) ??
    (side.clusterId ? index.byClusterId.get(side.clusterId) : undefined) ??
    (side.bootstrapEndpoint
      ? kafkaByEndpoints(index, [side.bootstrapEndpoint], namespace)
      : undefined)
  );
}

/** CFK's pods by `namespace/app`: a cluster CR named X owns the pods labelled `app=X`. */
export function indexCfkPods(
  pods: readonly ProjectedPod[],
): ReadonlyMap<string, ProjectedPod[]> {
  const index = new Map<string, ProjectedPod[]>();
  for (const pod of pods) {
    const app = pod.meta.labels.app;
    if (!app) {
      continue;
    }
    const key = keyOf(pod.meta.namespace, app);
    const bucket = index.get(key);
    if (bucket) {
      bucket.push(pod);
    } else {
      index.set(key, [pod]);
    }
  }
  return index;
}

/**
 * The pods of a cluster CR: `app=<name>` in its namespace, and when the pod carries
 * CFK's type label, the CR's kind in lower case.
 */
export function podsOfCr(
  index: ReadonlyMap<string, ProjectedPod[]>,
  cr: ProjectedCfkCluster,
): ProjectedPod[] {
  const type = cr.meta.kind.toLowerCase();
  return (index.get(keyOf(cr.meta.namespace, cr.meta.name)) ?? []).filter(
    pod => {
      const label =
        pod.meta.labels[CFK_LABELS.platformType] ??
        pod.meta.labels[CFK_LABELS.type];
      return label === undefined || label === type;
    },
  );
}
