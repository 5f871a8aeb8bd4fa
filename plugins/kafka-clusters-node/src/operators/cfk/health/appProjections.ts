import { KafkaCondition } from '@k8s-kafka/plugin-kafka-clusters-common';
import { projectConditions } from '../../common/conditions';
import { ProjectedMeta, projectMeta } from '../../common/meta';
import {
  NameRef,
  asObject,
  get,
  list,
  nameRef,
  num,
  str,
} from '../../common/raw';
import { CFK_GOOD_CONDITIONS } from './projections';

/** Status fields every CFK application CR has (KafkaTopic, Connector, ClusterLink, ConfluentRolebinding). */
export interface CfkAppStatus {
  meta: ProjectedMeta;
  hasStatus: boolean;
  state?: string;
  appState?: string;
  observedGeneration?: number;
  conditions: KafkaCondition[];
}

function projectApp(object: unknown): CfkAppStatus | undefined {
  const meta = projectMeta(object);
  if (!meta) {
    return undefined;
  }
  const status = asObject(get(object, 'status'));
  const app: CfkAppStatus = {
    meta,
    hasStatus: status !== undefined && Object.keys(status).length > 0,
    conditions: projectConditions(status, CFK_GOOD_CONDITIONS),
  };
  const state = str(get(status, 'state'));
  const appState = str(get(status, 'appState'));
  const observed = num(get(status, 'observedGeneration'));
  if (state) app.state = state;
  if (appState) app.appState = appState;
  if (observed !== undefined) app.observedGeneration = observed;
  return app;
}

/** Where a KafkaTopic, KafkaRestClass or role binding says its Kafka cluster is. */
export interface CfkKafkaTarget {
  kafkaClusterRef?: NameRef;
  kafkaRestClassRef?: NameRef;
  /** `spec.kafkaRest.kafkaClusterID`, `spec.clustersScopeByIds.kafkaClusterId` or `status.kafkaClusterID`. */
  clusterIds: string[];
  /** `status.kafkaCluster`, `<namespace>/<name>`. */
  kafkaCluster?: string;
  /** `spec.kafkaRest.endpoint`: the cluster's Admin REST API. */
  restEndpoint?: string;
}

function target(object: unknown): CfkKafkaTarget {
  const spec = get(object, 'spec');
  const status = get(object, 'status');
  const ids = [
    str(get(spec, 'kafkaRest', 'kafkaClusterID')),
    str(get(spec, 'clustersScopeByIds', 'kafkaClusterId')),
    str(get(status, 'kafkaClusterID')),
  ].filter((id): id is string => id !== undefined);
  const result: CfkKafkaTarget = { clusterIds: [...new Set(ids)] };
  const clusterRef = nameRef(get(spec, 'kafkaClusterRef'));
  const restClassRef = nameRef(get(spec, 'kafkaRestClassRef'));
  const kafkaCluster = str(get(status, 'kafkaCluster'));
  const restEndpoint = str(get(spec, 'kafkaRest', 'endpoint'));
  if (clusterRef) result.kafkaClusterRef = clusterRef;
  if (restClassRef) result.kafkaRestClassRef = restClassRef;
  if (kafkaCluster) result.kafkaCluster = kafkaCluster;
  if (restEndpoint) result.restEndpoint = restEndpoint;
  return result;
}

export interface ProjectedCfkTopic extends CfkAppStatus {
  topicName: string;
  partitions?: number;
  replicationFactor?: number;
  target: CfkKafkaTarget;
}

export function projectCfkTopic(
  object: unknown,
): ProjectedCfkTopic | undefined {
  const app = projectApp(object);
  if (!app) {
    return undefined;
  }
  const topic: ProjectedCfkTopic = {
    ...app,
    topicName: str(get(object, 'spec', 'name')) ?? app.meta.name,
    target: target(object),
  };
  // The status holds what Kafka has; the spec what was asked. CFK has no status.replicationFactor.
  const partitions =
    num(get(object, 'status', 'partitionCount')) ??
    num(get(object, 'spec', 'partitionCount'));
  const rf =
    num(get(object, 'status', 'replicas')) ??
    num(get(object, 'spec', 'replicas'));
  if (partitions !== undefined) topic.partitions = partitions;
  if (rf !== undefined) topic.replicationFactor = rf;
  return topic;
}

export interface ProjectedCfkRestClass {
  meta: ProjectedMeta;
  target: CfkKafkaTarget;
}

export function projectCfkRestClass(
  object: unknown,
): ProjectedCfkRestClass | undefined {
  const meta = projectMeta(object);
  return meta && { meta, target: target(object) };
}

export interface ProjectedCfkRolebinding extends CfkAppStatus {
  principal?: string;
  role?: string;
  target: CfkKafkaTarget;
}

export function projectCfkRolebinding(
  object: unknown,
): ProjectedCfkRolebinding | undefined {
  const app = projectApp(object);
  if (!app) {
    return undefined;
  }
  const binding: ProjectedCfkRolebinding = { ...app, target: target(object) };
  const type = str(get(object, 'spec', 'principal', 'type'));
  const name = str(get(object, 'spec', 'principal', 'name'));
  const role =
    str(get(object, 'spec', 'role')) ?? str(get(object, 'status', 'role'));
  if (name) binding.principal = type ? `${type}:${name}` : name;
  if (role) binding.role = role;
  return binding;
}

export interface ProjectedCfkConnector extends CfkAppStatus {
  connectorName: string;
  connectClusterRef?: NameRef;
  connectRestEndpoint?: string;
  connectorState?: string;
  tasksMax?: number;
  /** `status.tasksReady`, e.g. `2/3`. */
  tasksReady?: string;
  failedTasksCount?: number;
  /** Retries of the failed tasks, by task id. */
  failedTaskRetries: Record<string, number>;
}

export function projectCfkConnector(
  object: unknown,
): ProjectedCfkConnector | undefined {
  const app = projectApp(object);
  if (!app) {
    return undefined;
  }
  const spec = get(object, 'spec');
  const status = get(object, 'status');
  const connector: ProjectedCfkConnector = {
    ...app,
    connectorName: str(get(spec, 'name')) ?? app.meta.name,
    failedTaskRetries: {},
  };
  const failedTasks = asObject(get(status, 'failedTasks')) ?? {};
  for (const [task, value] of Object.entries(failedTasks)) {
    connector.failedTaskRetries[task] = num(get(value, 'retryCount')) ?? 0;
  }
  const ref = nameRef(get(spec, 'connectClusterRef'));
  const rest =
    str(get(spec, 'connectRest', 'endpoint')) ??
    str(get(status, 'connectRestEndpoint'));
  const state = str(get(status, 'connectorState'));
  const tasksMax = num(get(spec, 'taskMax'));
  const tasksReady = str(get(status, 'tasksReady'));
  const failed = num(get(status, 'failedTasksCount'));
  if (ref) connector.connectClusterRef = ref;
  if (rest) connector.connectRestEndpoint = rest;
  if (state) connector.connectorState = state;
  if (tasksMax !== undefined) connector.tasksMax = tasksMax;
  if (tasksReady) connector.tasksReady = tasksReady;
  if (failed !== undefined) connector.failedTasksCount = failed;
  return connector;
}

/** One side of a ClusterLink. */
export interface CfkLinkSide {
  bootstrapEndpoint?: string;
  clusterId?: string;
  kafkaRestClassRef?: NameRef;
}

export interface ProjectedCfkClusterLink extends CfkAppStatus {
  linkName: string;
  source: CfkLinkSide;
  destination: CfkLinkSide;
  /** `status.kafkaCluster`, `<namespace>/<name>` of the destination. */
  kafkaCluster?: string;
  /** Mirror topics asked for in the spec. */
  specMirrorTopics: string[];
  /** Mirror topics as the link reports them, by name. */
  mirrorTopics: Record<string, { status?: string; sourceTopicName?: string }>;
}

function side(
  value: unknown,
  statusClusterId: string | undefined,
): CfkLinkSide {
  const result: CfkLinkSide = {};
  const endpoint = str(get(value, 'bootstrapEndpoint'));
  const id = str(get(value, 'clusterID')) ?? statusClusterId;
  const restClass = nameRef(get(value, 'kafkaRestClassRef'));
  if (endpoint) result.bootstrapEndpoint = endpoint;
  if (id) result.clusterId = id;
  if (restClass) result.kafkaRestClassRef = restClass;
  return result;
}

export function projectCfkClusterLink(
  object: unknown,
): ProjectedCfkClusterLink | undefined {
  const app = projectApp(object);
  if (!app) {
    return undefined;
  }
  const spec = get(object, 'spec');
  const status = get(object, 'status');
  const mirrorTopics: ProjectedCfkClusterLink['mirrorTopics'] = {};
  for (const map of [
    get(status, 'mirrorTopics'),
    get(status, 'reverseMirrorTopics'),
  ]) {
    for (const [name, value] of Object.entries(asObject(map) ?? {})) {
      const topic: { status?: string; sourceTopicName?: string } = {};
      const topicStatus = str(get(value, 'status'));
      const source = str(get(value, 'sourceTopicName'));
      if (topicStatus) topic.status = topicStatus;
      if (source) topic.sourceTopicName = source;
      mirrorTopics[name] = topic;
    }
  }
  const link: ProjectedCfkClusterLink = {
    ...app,
    linkName:
      str(get(status, 'clusterLinkName')) ??
      str(get(spec, 'name')) ??
      app.meta.name,
    source: side(
      get(spec, 'sourceKafkaCluster'),
      str(get(status, 'sourceKafkaClusterID')),
    ),
    destination: side(
      get(spec, 'destinationKafkaCluster'),
      str(get(status, 'destinationKafkaClusterID')),
    ),
    specMirrorTopics: list(get(spec, 'mirrorTopics'))
      .map(t => str(get(t, 'name')))
      .filter((n): n is string => n !== undefined),
    mirrorTopics,
  };
  const kafkaCluster = str(get(status, 'kafkaCluster'));
  if (kafkaCluster) link.kafkaCluster = kafkaCluster;
  return link;
}
