import {
  KafkaCondition,
  KafkaListenerStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { projectConditions } from '../../common/conditions';
import { ProjectedMeta, projectMeta } from '../../common/meta';
import { ENVIRONMENT_ANNOTATION_KEYS } from '../../common/status';
import { asObject, bool, get, list, num, str, strings } from '../../common/raw';
import { STRIMZI_ANNOTATIONS, strimziFacts } from '../facts';

/** Strimzi's pause annotation (its value `"true"` pauses reconciliation). */
export const STRIMZI_PAUSE = STRIMZI_ANNOTATIONS.pause;
/** Asks the operator for a rolling update of a StrimziPodSet's pods, or of one pod. */
export const STRIMZI_MANUAL_ROLL = STRIMZI_ANNOTATIONS.manualRoll;
/** The revision of the pod template a Strimzi pod was created from. */
export const STRIMZI_REVISION = STRIMZI_ANNOTATIONS.revision;

const GOOD_CONDITIONS: ReadonlySet<string> = new Set(
  strimziFacts.goodConditions,
);

/** Status fields every Strimzi custom resource has. */
export interface StrimziStatus {
  meta: ProjectedMeta;
  hasStatus: boolean;
  observedGeneration?: number;
  conditions: KafkaCondition[];
}

export function projectStrimziStatus(
  object: unknown,
  annotations: readonly string[] = [STRIMZI_PAUSE],
): StrimziStatus | undefined {
  const meta = projectMeta(object, { annotations });
  if (!meta) {
    return undefined;
  }
  const status = asObject(get(object, 'status'));
  const conditions = projectConditions(status, GOOD_CONDITIONS);
  const observed = num(get(status, 'observedGeneration'));
  const result: StrimziStatus = {
    meta,
    hasStatus: conditions.length > 0 || observed !== undefined,
    conditions,
  };
  if (observed !== undefined) result.observedGeneration = observed;
  return result;
}

/**
 * A Strimzi Kafka CR, v1 or v1beta2 (and the v1beta1 of Argo CD's samples): both shapes are read
 * into one. Listener authentication keeps its type only; OAuth client secrets and the like stay behind.
 */
export interface ProjectedStrimziKafka extends StrimziStatus {
  /** v1beta2 without node pools: `spec.kafka.replicas`. */
  kafkaReplicas?: number;
  /** v1beta2 ZooKeeper clusters: `spec.zookeeper.replicas`. */
  zookeeperReplicas?: number;
  version?: string;
  metadataVersion?: string;
  listeners: KafkaListenerStatus[];
  authorizationType?: string;
  /** Namespaces the entity operator's topic and user operators watch, when not the Kafka's own. */
  topicNamespace?: string;
  userNamespace?: string;
  clusterId?: string;
  kafkaVersion?: string;
  kafkaMetadataVersion?: string;
  kafkaMetadataState?: string;
  operatorVersion?: string;
  /** `status.kafkaNodePools[].name`. */
  nodePools: string[];
}

function projectListeners(object: unknown): KafkaListenerStatus[] {
  const byName = new Map<string, KafkaListenerStatus>();
  for (const item of list(get(object, 'spec', 'kafka', 'listeners'))) {
    const name = str(get(item, 'name'));
    if (!name) {
      continue;
    }
    const listener: KafkaListenerStatus = { name };
    const type = str(get(item, 'type'));
    const port = num(get(item, 'port'));
    const tls = bool(get(item, 'tls'));
    if (type) listener.type = type;
    if (port !== undefined) listener.port = port;
    if (tls !== undefined) listener.tls = tls;
    listener.authentication =
      str(get(item, 'authentication', 'type')) ?? 'none';
    byName.set(name, listener);
  }
  for (const item of list(get(object, 'status', 'listeners'))) {
    // Before `name`, v1beta1 statuses named listeners by `type` (plain, tls, external).
    const name = str(get(item, 'name')) ?? str(get(item, 'type'));
    if (!name) {
      continue;
    }
    const listener = byName.get(name) ?? { name };
    const bootstrap = str(get(item, 'bootstrapServers'));
    const addresses = list(get(item, 'addresses'))
      .map(a => {
        const host = str(get(a, 'host'));
        const port = num(get(a, 'port'));
        return host && port !== undefined ? `${host}:${port}` : host;
      })
      .filter((a): a is string => a !== undefined);
    if (bootstrap) listener.bootstrapServers = bootstrap;
    const external = addresses.filter(a => !a.includes('.svc'));
    if (external.length > 0) listener.externalAddresses = external;
    byName.set(name, listener);
  }
  return [...byName.values()];
}

export function projectStrimziKafka(
  object: unknown,
): ProjectedStrimziKafka | undefined {
  const base = projectStrimziStatus(object, [
    STRIMZI_PAUSE,
    ...ENVIRONMENT_ANNOTATION_KEYS,
  ]);
  if (!base) {
    return undefined;
  }
  const spec = get(object, 'spec');
  const status = get(object, 'status');
  const kafka: ProjectedStrimziKafka = {
    ...base,
    listeners: projectListeners(object),
    nodePools: list(get(object, 'status', 'kafkaNodePools'))
      .map(p => str(get(p, 'name')))
      .filter((n): n is string => n !== undefined),
  };
  const set = <K extends keyof ProjectedStrimziKafka>(
    key: K,
    value: ProjectedStrimziKafka[K] | undefined,
  ) => {
    if (value !== undefined) kafka[key] = value;
  };
  set('kafkaReplicas', num(get(spec, 'kafka', 'replicas')));
  set('zookeeperReplicas', num(get(spec, 'zookeeper', 'replicas')));
  set('version', str(get(spec, 'kafka', 'version')));
  set('metadataVersion', str(get(spec, 'kafka', 'metadataVersion')));
  set('authorizationType', str(get(spec, 'kafka', 'authorization', 'type')));
  set(
    'topicNamespace',
    str(get(spec, 'entityOperator', 'topicOperator', 'watchedNamespace')),
  );
  set(
    'userNamespace',
    str(get(spec, 'entityOperator', 'userOperator', 'watchedNamespace')),
  );
  set('clusterId', str(get(status, 'clusterId')));
  set('kafkaVersion', str(get(status, 'kafkaVersion')));
  set('kafkaMetadataVersion', str(get(status, 'kafkaMetadataVersion')));
  set('kafkaMetadataState', str(get(status, 'kafkaMetadataState')));
  set('operatorVersion', str(get(status, 'operatorLastSuccessfulVersion')));
  return kafka;
}

/** A KafkaNodePool: what it asks for. It has no ready count (Strimzi's docs). */
export interface ProjectedStrimziNodePool extends StrimziStatus {
  replicas?: number;
  roles: string[];
  nodeIds: number[];
  storageClass?: string;
}

export function projectStrimziNodePool(
  object: unknown,
): ProjectedStrimziNodePool | undefined {
  const base = projectStrimziStatus(object);
  if (!base) {
    return undefined;
  }
  const spec = get(object, 'spec');
  const pool: ProjectedStrimziNodePool = {
    ...base,
    roles: strings(get(spec, 'roles')),
    nodeIds: list(get(object, 'status', 'nodeIds'))
      .map(id => num(id))
      .filter((id): id is number => id !== undefined),
  };
  const replicas = num(get(spec, 'replicas'));
  const storageClass =
    str(get(spec, 'storage', 'class')) ??
    list(get(spec, 'storage', 'volumes'))
      .map(v => str(get(v, 'class')))
      .find(c => c !== undefined);
  if (replicas !== undefined) pool.replicas = replicas;
  if (storageClass) pool.storageClass = storageClass;
  return pool;
}

/** A StrimziPodSet: its counts, and the revision each of its pods should run. */
export interface ProjectedStrimziPodSet {
  meta: ProjectedMeta;
  pods?: number;
  readyPods?: number;
  currentPods?: number;
  /** The revision annotation of each pod in the pod set's spec, by pod name. */
  revisions: Record<string, string>;
}

export function projectStrimziPodSet(
  object: unknown,
): ProjectedStrimziPodSet | undefined {
  const meta = projectMeta(object, { annotations: [STRIMZI_MANUAL_ROLL] });
  if (!meta) {
    return undefined;
  }
  const revisions: Record<string, string> = {};
  for (const pod of list(get(object, 'spec', 'pods'))) {
    const name = str(get(pod, 'metadata', 'name'));
    const revision = str(get(pod, 'metadata', 'annotations', STRIMZI_REVISION));
    if (name && revision) revisions[name] = revision;
  }
  const podSet: ProjectedStrimziPodSet = { meta, revisions };
  const status = get(object, 'status');
  const pods = num(get(status, 'pods'));
  const ready = num(get(status, 'readyPods'));
  const current = num(get(status, 'currentPods'));
  if (pods !== undefined) podSet.pods = pods;
  if (ready !== undefined) podSet.readyPods = ready;
  if (current !== undefined) podSet.currentPods = current;
  return podSet;
}
