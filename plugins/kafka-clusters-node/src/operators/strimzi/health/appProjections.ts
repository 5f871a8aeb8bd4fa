import { get, list, num, str } from '../../common/raw';
import { isoTime } from '../../common/time';
import {
  StrimziStatus,
  STRIMZI_PAUSE,
  projectStrimziStatus,
} from './projections';
import { STRIMZI_ANNOTATIONS } from '../facts';

/** Marks a KafkaTopic or KafkaUser the operator leaves alone. */
export const STRIMZI_MANAGED = STRIMZI_ANNOTATIONS.managed;

export interface ProjectedStrimziTopic extends StrimziStatus {
  topicName: string;
  partitions?: number;
  replicationFactor?: number;
  replicasChange?: {
    state?: string;
    targetReplicas?: number;
    message?: string;
  };
}

export function projectStrimziTopic(
  object: unknown,
): ProjectedStrimziTopic | undefined {
  const base = projectStrimziStatus(object, [STRIMZI_PAUSE, STRIMZI_MANAGED]);
  if (!base) {
    return undefined;
  }
  const spec = get(object, 'spec');
  const status = get(object, 'status');
  const topic: ProjectedStrimziTopic = {
    ...base,
    topicName:
      str(get(spec, 'topicName')) ??
      str(get(status, 'topicName')) ??
      base.meta.name,
  };
  const partitions = num(get(spec, 'partitions'));
  const replicas = num(get(spec, 'replicas'));
  if (partitions !== undefined) topic.partitions = partitions;
  if (replicas !== undefined) topic.replicationFactor = replicas;
  const change = get(status, 'replicasChange');
  if (change) {
    topic.replicasChange = {};
    const state = str(get(change, 'state'));
    const target = num(get(change, 'targetReplicas'));
    const message = str(get(change, 'message'));
    if (state) topic.replicasChange.state = state;
    if (target !== undefined) topic.replicasChange.targetReplicas = target;
    if (message) topic.replicasChange.message = message;
  }
  return topic;
}

/** A KafkaUser: who, and how it authenticates. The Secret's name is not kept. */
export interface ProjectedStrimziUser extends StrimziStatus {
  username?: string;
  authentication?: string;
}

export function projectStrimziUser(
  object: unknown,
): ProjectedStrimziUser | undefined {
  const base = projectStrimziStatus(object, [STRIMZI_PAUSE, STRIMZI_MANAGED]);
  if (!base) {
    return undefined;
  }
  const user: ProjectedStrimziUser = { ...base };
  const username = str(get(object, 'status', 'username'));
  const authentication = str(get(object, 'spec', 'authentication', 'type'));
  if (username) user.username = username;
  if (authentication) user.authentication = authentication;
  return user;
}

/** A Connect-like deployment: KafkaConnect, KafkaBridge or KafkaMirrorMaker2. */
export interface ProjectedStrimziDeployment extends StrimziStatus {
  replicas?: number;
  /** The Kafka clusters it talks to; for MirrorMaker 2 the target (the one it runs against). */
  bootstrapServers?: string;
  url?: string;
}

/** One connector as Connect reports it (KafkaConnector `connectorStatus`, MirrorMaker 2 `connectors[]`). */
export interface ConnectorRuntime {
  name?: string;
  state?: string;
  tasks: { id?: number; state?: string }[];
}

/**
 * Strimzi's auto-restarts of a failed connector (`spec.autoRestart`): KafkaConnector
 * `status.autoRestart`, MirrorMaker 2 `status.autoRestartStatuses[]`, each with the count and the
 * time of the last restart (api/.../connector/AutoRestartStatus.java, tags 0.51.0 and 1.2.0).
 */
export interface AutoRestart {
  count: number;
  lastRestartAt?: string;
}

function autoRestartOf(value: unknown): AutoRestart | undefined {
  const count = num(get(value, 'count'));
  if (count === undefined) {
    return undefined;
  }
  const result: AutoRestart = { count };
  const at = isoTime(str(get(value, 'lastRestartTimestamp')));
  if (at) result.lastRestartAt = at;
  return result;
}

function connectorRuntime(value: unknown): ConnectorRuntime {
  const runtime: ConnectorRuntime = {
    tasks: list(get(value, 'tasks')).map(task => {
      const result: { id?: number; state?: string } = {};
      const id = num(get(task, 'id'));
      const state = str(get(task, 'state'));
      if (id !== undefined) result.id = id;
      if (state) result.state = state;
      return result;
    }),
  };
  const name = str(get(value, 'name'));
  const state = str(get(value, 'connector', 'state'));
  if (name) runtime.name = name;
  if (state) runtime.state = state;
  return runtime;
}

export function projectStrimziDeployment(
  object: unknown,
): ProjectedStrimziDeployment | undefined {
  const base = projectStrimziStatus(object);
  if (!base) {
    return undefined;
  }
  const deployment: ProjectedStrimziDeployment = { ...base };
  const replicas = num(get(object, 'spec', 'replicas'));
  const bootstrap = str(get(object, 'spec', 'bootstrapServers'));
  const url = str(get(object, 'status', 'url'));
  if (replicas !== undefined) deployment.replicas = replicas;
  if (bootstrap) deployment.bootstrapServers = bootstrap;
  if (url) deployment.url = url;
  return deployment;
}

/** One side of a MirrorMaker 2. */
export interface MirrorCluster {
  alias: string;
  bootstrapServers?: string;
}

export interface ProjectedStrimziMirrorMaker2
  extends ProjectedStrimziDeployment {
  target?: MirrorCluster;
  sources: MirrorCluster[];
  topicsPattern?: string;
  connectors: ConnectorRuntime[];
  autoRestarts: number;
  /** Auto-restarts by connector name. */
  autoRestartsByConnector: Record<string, AutoRestart>;
}

/**
 * v1 names the target in `spec.target` and each source in `mirrors[].source`; v1beta2 lists
 * `clusters[]` by alias, with `connectCluster` the target and `mirrors[].sourceCluster` the sources.
 */
export function projectStrimziMirrorMaker2(
  object: unknown,
): ProjectedStrimziMirrorMaker2 | undefined {
  const base = projectStrimziDeployment(object);
  if (!base) {
    return undefined;
  }
  const spec = get(object, 'spec');
  const clusters = new Map<string, MirrorCluster>();
  for (const cluster of list(get(spec, 'clusters'))) {
    const alias = str(get(cluster, 'alias'));
    if (alias)
      clusters.set(alias, {
        alias,
        bootstrapServers: str(get(cluster, 'bootstrapServers')),
      });
  }
  const side = (value: unknown): MirrorCluster | undefined => {
    const alias = str(get(value, 'alias'));
    return alias
      ? { alias, bootstrapServers: str(get(value, 'bootstrapServers')) }
      : undefined;
  };
  const mirrors = list(get(spec, 'mirrors'));
  const target =
    side(get(spec, 'target')) ??
    clusters.get(str(get(spec, 'connectCluster')) ?? '');
  const sources = mirrors
    .map(
      m =>
        side(get(m, 'source')) ??
        clusters.get(str(get(m, 'sourceCluster')) ?? ''),
    )
    .filter((s): s is MirrorCluster => s !== undefined);
  const autoRestartsByConnector: Record<string, AutoRestart> = {};
  for (const item of list(get(object, 'status', 'autoRestartStatuses'))) {
    const connectorName = str(get(item, 'connectorName'));
    const restart = autoRestartOf(item);
    if (connectorName && restart)
      autoRestartsByConnector[connectorName] = restart;
  }
  const mm2: ProjectedStrimziMirrorMaker2 = {
    ...base,
    sources,
    connectors: list(get(object, 'status', 'connectors')).map(connectorRuntime),
    autoRestarts: list(
      get(object, 'status', 'autoRestartStatuses'),
    ).reduce<number>((sum, s) => sum + (num(get(s, 'count')) ?? 0), 0),
    autoRestartsByConnector,
  };
  const pattern = mirrors
    .map(m => str(get(m, 'topicsPattern')))
    .find(p => p !== undefined);
  if (target) {
    mm2.target = target;
    if (target.bootstrapServers) mm2.bootstrapServers = target.bootstrapServers;
  }
  if (pattern) mm2.topicsPattern = pattern;
  return mm2;
}

export interface ProjectedStrimziConnector extends StrimziStatus {
  className?: string;
  tasksMax?: number;
  runtime: ConnectorRuntime;
  autoRestarts?: number;
  autoRestart?: AutoRestart;
}

export function projectStrimziConnector(
  object: unknown,
): ProjectedStrimziConnector | undefined {
  const base = projectStrimziStatus(object);
  if (!base) {
    return undefined;
  }
  const connector: ProjectedStrimziConnector = {
    ...base,
    runtime: connectorRuntime(get(object, 'status', 'connectorStatus')),
  };
  const className = str(get(object, 'spec', 'class'));
  const tasksMax = num(get(object, 'spec', 'tasksMax'));
  const autoRestart = autoRestartOf(get(object, 'status', 'autoRestart'));
  const restarts = autoRestart?.count;
  if (className) connector.className = className;
  if (tasksMax !== undefined) connector.tasksMax = tasksMax;
  if (restarts !== undefined) connector.autoRestarts = restarts;
  if (autoRestart) connector.autoRestart = autoRestart;
  return connector;
}
