import {
  KafkaCondition,
  KafkaListenerStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { projectConditions } from '../../common/conditions';
import { ProjectedMeta, projectMeta } from '../../common/meta';
import { ENVIRONMENT_ANNOTATION_KEYS } from '../../common/status';
import {
  NameRef,
  asObject,
  get,
  list,
  nameRef,
  num,
  str,
} from '../../common/raw';
import { projectCfkListeners } from './listeners';
import { CFK_ANNOTATIONS, CFK_LABELS, cfkFacts } from '../facts';

/** The CFK annotation that pauses reconciliation. */
export const CFK_BLOCK_RECONCILE = CFK_ANNOTATIONS.blockReconcile;

/** Conditions whose messages are not kept when they are True. */
export const CFK_GOOD_CONDITIONS: ReadonlySet<string> = new Set(
  cfkFacts.goodConditions,
);

const CR_ANNOTATIONS = [CFK_BLOCK_RECONCILE, ...ENVIRONMENT_ANNOTATION_KEYS];

/**
 * A CFK cluster CR (Kafka, KRaftController, Zookeeper, SchemaRegistry, Connect, KsqlDB,
 * ControlCenter, KafkaRestProxy) reduced to what the rules read. Secrets never get here:
 * `internalSecrets`, `arbitraryData`, listener `client` snippets, `configOverrides`, TLS and
 * authentication settings are all left behind.
 */
export interface ProjectedCfkCluster {
  meta: ProjectedMeta;
  /** `spec.replicas`, else `status.replicas`. */
  replicas?: number;
  /** `spec.image.application`. */
  image?: string;
  hasStatus: boolean;
  phase?: string;
  observedGeneration?: number;
  readyReplicas?: number;
  conditions: KafkaCondition[];
  clusterId?: string;
  operatorVersion?: string;
  clusterVersion?: string;
  /** Kafka only. */
  listeners?: KafkaListenerStatus[];
  authorizationType?: string;
  kraftControllerRef?: NameRef;
  zookeeperEndpoint?: string;
  zookeeperRef?: NameRef;
  /** Components: `spec.dependencies.kafka.bootstrapEndpoint` and `status.kafka.bootstrapEndpoint`. */
  kafkaEndpoints?: string[];
  /** Components: `spec.dependencies.kafka.discovery`. */
  kafkaRef?: NameRef;
  /** Components: `status.restConfig.internalEndpoint`. */
  restEndpoint?: string;
}

export function projectCfkCluster(
  object: unknown,
): ProjectedCfkCluster | undefined {
  const meta = projectMeta(object, { annotations: CR_ANNOTATIONS });
  if (!meta) {
    return undefined;
  }
  const spec = get(object, 'spec');
  const status = asObject(get(object, 'status'));
  const conditions = projectConditions(status, CFK_GOOD_CONDITIONS);
  const cr: ProjectedCfkCluster = {
    meta,
    hasStatus:
      status !== undefined &&
      (str(status.phase) !== undefined ||
        num(status.observedGeneration) !== undefined ||
        conditions.length > 0),
    conditions,
  };
  const set = <K extends keyof ProjectedCfkCluster>(
    key: K,
    value: ProjectedCfkCluster[K] | undefined,
  ) => {
    if (value !== undefined) cr[key] = value;
  };
  set('replicas', num(get(spec, 'replicas')) ?? num(get(status, 'replicas')));
  set('image', str(get(spec, 'image', 'application')));
  set('phase', str(get(status, 'phase')));
  set('observedGeneration', num(get(status, 'observedGeneration')));
  set('readyReplicas', num(get(status, 'readyReplicas')));
  set('clusterId', str(get(status, 'clusterID')));
  set('operatorVersion', str(get(status, 'operatorVersion')));
  set('clusterVersion', str(get(status, 'currentClusterVersion')));
  if (meta.kind === 'Kafka') {
    cr.listeners = projectCfkListeners(object);
    set(
      'authorizationType',
      str(get(status, 'authorizationType')) ??
        str(get(spec, 'authorization', 'type')),
    );
    set(
      'kraftControllerRef',
      nameRef(get(spec, 'dependencies', 'kRaftController', 'clusterRef')),
    );
    set(
      'zookeeperEndpoint',
      str(get(spec, 'dependencies', 'zookeeper', 'endpoint')) ??
        str(get(status, 'zookeeperConnect')),
    );
    set(
      'zookeeperRef',
      nameRef(get(spec, 'dependencies', 'zookeeper', 'discovery')),
    );
  } else {
    const endpoints = [
      str(get(spec, 'dependencies', 'kafka', 'bootstrapEndpoint')),
      str(get(status, 'kafka', 'bootstrapEndpoint')),
    ].filter((e): e is string => e !== undefined);
    if (endpoints.length > 0) cr.kafkaEndpoints = [...new Set(endpoints)];
    set('kafkaRef', nameRef(get(spec, 'dependencies', 'kafka', 'discovery')));
    set('restEndpoint', str(get(status, 'restConfig', 'internalEndpoint')));
  }
  return cr;
}

/** A StatefulSet, for the revision its pods should run. */
export interface ProjectedStatefulSet {
  meta: ProjectedMeta;
  replicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
}

// CFK's StatefulSets carry its labels or an owner reference to its CR; other StatefulSets of
// the cluster are not kept.
function isCfkStatefulSet(object: unknown): boolean {
  const labels = asObject(get(object, 'metadata', 'labels')) ?? {};
  if (
    CFK_LABELS.confluentPlatform in labels ||
    CFK_LABELS.platformType in labels
  ) {
    return true;
  }
  return list(get(object, 'metadata', 'ownerReferences')).some(owner =>
    str(get(owner, 'apiVersion'))?.startsWith(`${cfkFacts.group}/`),
  );
}

export function projectStatefulSet(
  object: unknown,
): ProjectedStatefulSet | undefined {
  if (!isCfkStatefulSet(object)) {
    return undefined;
  }
  const meta = projectMeta(object, { keepLabel: () => false });
  if (!meta) {
    return undefined;
  }
  const sts: ProjectedStatefulSet = { meta };
  const status = get(object, 'status');
  const replicas = num(get(object, 'spec', 'replicas'));
  const ready = num(get(status, 'readyReplicas'));
  const updated = num(get(status, 'updatedReplicas'));
  const current = str(get(status, 'currentRevision'));
  const update = str(get(status, 'updateRevision'));
  if (replicas !== undefined) sts.replicas = replicas;
  if (ready !== undefined) sts.readyReplicas = ready;
  if (updated !== undefined) sts.updatedReplicas = updated;
  if (current) sts.currentRevision = current;
  if (update) sts.updateRevision = update;
  return sts;
}
