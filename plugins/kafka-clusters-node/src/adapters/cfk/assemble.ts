import {
  KafkaAccessStatus,
  KafkaClusterStatus,
  KafkaComponentStatus,
  KafkaComponentType,
  KafkaLinkStatus,
  KafkaMetadataMode,
  KafkaNodeGroupStatus,
  KafkaTopicStatus,
  HealthReason,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { AssembleOptions, KubernetesSnapshot, itemsOf } from '../types';
import { RuleContext, ruleContext } from '../shared/context';
import { ProjectedPod } from '../shared/core';
import { serviceOf } from '../shared/endpoints';
import { keyOf, refOf } from '../shared/meta';
import { PodAssessment } from '../shared/pods';
import { StatusParts, finishStatus } from '../shared/status';
import { reason, rollUp, sortReasons, verdictOf } from '../shared/verdict';
import {
  ProjectedCfkClusterLink,
  ProjectedCfkConnector,
  ProjectedCfkRolebinding,
  ProjectedCfkTopic,
} from './appProjections';
import {
  assessCfkApp,
  assessCfkConnector,
  assessMirrorTopics,
} from './appHealth';
import { CfkCrAssessment, assessCfkClusterCr, cfkMembers } from './health';
import {
  CfkIndex,
  buildCfkIndex,
  indexCfkPods,
  kafkaForComponent,
  kafkaForLinkSide,
  kafkaForTarget,
  podsOfCr,
} from './matching';
import { ProjectedCfkCluster, ProjectedStatefulSet } from './projections';
import { CFK_COMPONENT_WATCHES, cfkWatches } from './watches';

const COMPONENT_TYPES: Record<string, KafkaComponentType> = {
  SchemaRegistry: 'schema-registry',
  Connect: 'connect',
  KsqlDB: 'ksqldb',
  ControlCenter: 'control-center',
  KafkaRestProxy: 'rest-proxy',
};

/** Everything one assembly reads, indexed once. */
interface CfkEnv {
  cluster: string;
  ctx: RuleContext;
  index: CfkIndex;
  /** `undefined` when pods are not watched. */
  pods?: ReadonlyMap<string, ProjectedPod[]>;
  statefulSets: ReadonlyMap<string, ProjectedStatefulSet>;
  kraftControllers: ReadonlyMap<string, ProjectedCfkCluster>;
  zookeepers: ReadonlyMap<string, ProjectedCfkCluster>;
  connectorsByConnect: ReadonlyMap<string, ProjectedCfkConnector[]>;
}

interface CfkChildren {
  components: ProjectedCfkCluster[];
  topics: ProjectedCfkTopic[];
  rolebindings: ProjectedCfkRolebinding[];
  links: { link: ProjectedCfkClusterLink; role: 'source' | 'destination' }[];
}

function byKey<T extends { meta: { namespace: string; name: string } }>(
  items: readonly T[] | undefined,
): Map<string, T> {
  return new Map(
    (items ?? []).map(i => [keyOf(i.meta.namespace, i.meta.name), i]),
  );
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const bucket = map.get(key);
  if (bucket) {
    bucket.push(value);
  } else {
    map.set(key, [value]);
  }
}

function connectorsByConnect(
  connectors: readonly ProjectedCfkConnector[],
): Map<string, ProjectedCfkConnector[]> {
  const result = new Map<string, ProjectedCfkConnector[]>();
  for (const connector of connectors) {
    const namespace = connector.meta.namespace;
    const ref = connector.connectClusterRef;
    const service = connector.connectRestEndpoint
      ? serviceOf(connector.connectRestEndpoint)
      : undefined;
    const key = ref
      ? keyOf(ref.namespace ?? namespace, ref.name)
      : service && keyOf(service.namespace ?? namespace, service.service);
    if (key) push(result, key, connector);
  }
  return result;
}

function groupChildren(
  snapshot: KubernetesSnapshot,
  index: CfkIndex,
): Map<string, CfkChildren> {
  const children = new Map<string, CfkChildren>();
  const of = (kafka: ProjectedCfkCluster) => {
    const key = keyOf(kafka.meta.namespace, kafka.meta.name);
    let entry = children.get(key);
    if (!entry) {
      entry = { components: [], topics: [], rolebindings: [], links: [] };
      children.set(key, entry);
    }
    return entry;
  };
  for (const spec of CFK_COMPONENT_WATCHES) {
    for (const component of itemsOf(snapshot, spec) ?? []) {
      const kafka = kafkaForComponent(index, component);
      if (kafka) of(kafka).components.push(component);
    }
  }
  for (const topic of itemsOf(snapshot, cfkWatches.topics) ?? []) {
    const kafka = kafkaForTarget(index, topic.target, topic.meta.namespace);
    if (kafka) of(kafka).topics.push(topic);
  }
  for (const binding of itemsOf(snapshot, cfkWatches.rolebindings) ?? []) {
    const kafka = kafkaForTarget(index, binding.target, binding.meta.namespace);
    if (kafka) of(kafka).rolebindings.push(binding);
  }
  for (const link of itemsOf(snapshot, cfkWatches.clusterLinks) ?? []) {
    const namespace = link.meta.namespace;
    const destination =
      kafkaForLinkSide(index, link.destination, namespace) ??
      kafkaForTarget(
        index,
        { clusterIds: [], kafkaCluster: link.kafkaCluster },
        namespace,
      );
    const source = kafkaForLinkSide(index, link.source, namespace);
    if (destination) of(destination).links.push({ link, role: 'destination' });
    if (source && source !== destination)
      of(source).links.push({ link, role: 'source' });
  }
  return children;
}

function assessCr(
  cr: ProjectedCfkCluster,
  env: CfkEnv,
  groupKind: 'brokers' | 'controllers' | 'replicas',
): CfkCrAssessment {
  return assessCfkClusterCr(
    {
      cr,
      pods: env.pods && podsOfCr(env.pods, cr),
      statefulSet: env.statefulSets.get(keyOf(cr.meta.namespace, cr.meta.name)),
      groupKind,
      quorum: groupKind === 'controllers',
    },
    env.ctx,
  );
}

function podObjects(
  pods: readonly PodAssessment[] | undefined,
): KubernetesObjectRef[] {
  return (pods ?? []).flatMap(({ pod }) => [
    { kind: 'Pod', namespace: pod.meta.namespace, name: pod.meta.name },
    ...pod.claims.map(claim => ({
      kind: 'PersistentVolumeClaim',
      namespace: pod.meta.namespace,
      name: claim,
    })),
  ]);
}

function crObjects(
  cr: ProjectedCfkCluster,
  assessment: CfkCrAssessment,
): KubernetesObjectRef[] {
  return [
    refOf(cr.meta),
    { kind: 'StatefulSet', namespace: cr.meta.namespace, name: cr.meta.name },
    ...podObjects(assessment.pods),
  ];
}

interface ControllersResult {
  mode: KafkaMetadataMode;
  group?: KafkaNodeGroupStatus;
  reasons: HealthReason[];
  eventObjects: KubernetesObjectRef[];
}

function controllersOf(
  kafka: ProjectedCfkCluster,
  env: CfkEnv,
): ControllersResult {
  const namespace = kafka.meta.namespace;
  let mode: KafkaMetadataMode = 'unknown';
  let cr: ProjectedCfkCluster | undefined;
  let wanted: string | undefined;
  if (kafka.kraftControllerRef) {
    mode = 'kraft';
    const ref = kafka.kraftControllerRef;
    wanted = `KRaftController ${ref.namespace ?? namespace}/${
      ref.name
    } (spec.dependencies.kRaftController.clusterRef)`;
    cr = env.kraftControllers.get(keyOf(ref.namespace ?? namespace, ref.name));
  } else if (kafka.zookeeperRef || kafka.zookeeperEndpoint) {
    mode = 'zookeeper';
    const service = kafka.zookeeperEndpoint
      ? serviceOf(kafka.zookeeperEndpoint)
      : undefined;
    const ref =
      kafka.zookeeperRef ??
      (service && { name: service.service, namespace: service.namespace });
    if (ref) {
      wanted = `Zookeeper ${ref.namespace ?? namespace}/${
        ref.name
      } (spec.dependencies.zookeeper)`;
      cr = env.zookeepers.get(keyOf(ref.namespace ?? namespace, ref.name));
    }
  }
  if (mode === 'unknown') {
    return { mode, reasons: [], eventObjects: [] };
  }
  if (!cr) {
    return {
      mode,
      group: { members: [] },
      reasons: [
        reason(
          'ControllersNotFound',
          'unknown',
          `${
            wanted ?? 'The ZooKeeper ensemble'
          } is not visible, so the controller quorum cannot be judged`,
          refOf(kafka.meta),
          {
            fix: 'Check the reference, and that the backend may read that namespace',
          },
        ),
      ],
      eventObjects: [],
    };
  }
  const assessment = assessCr(cr, env, 'controllers');
  return {
    mode,
    group: {
      ...assessment.group,
      members: cfkMembers(
        cr,
        assessment.pods,
        mode === 'kraft' ? 'controller' : 'zookeeper',
      ),
    },
    reasons: assessment.reasons,
    eventObjects: crObjects(cr, assessment),
  };
}

function componentStatus(
  component: ProjectedCfkCluster,
  env: CfkEnv,
): {
  status: KafkaComponentStatus;
  eventObjects: KubernetesObjectRef[];
} {
  const assessment = assessCr(component, env, 'replicas');
  const connectors =
    component.meta.kind === 'Connect'
      ? (
          env.connectorsByConnect.get(
            keyOf(component.meta.namespace, component.meta.name),
          ) ?? []
        ).map(c => assessCfkConnector(c, env.ctx))
      : [];
  const reasons = sortReasons([
    ...assessment.reasons,
    ...connectors.flatMap(c => rollUp(c.reasons)),
  ]);
  const status: KafkaComponentStatus = {
    type: COMPONENT_TYPES[component.meta.kind],
    resource: refOf(component.meta),
    name: component.meta.name,
    labels: component.meta.labels,
    health: verdictOf(reasons),
    reasons,
    pods: (assessment.pods ?? []).map(p => p.status),
    connectors,
  };
  if (assessment.group.desired !== undefined)
    status.desired = assessment.group.desired;
  if (assessment.group.ready !== undefined)
    status.ready = assessment.group.ready;
  if (component.phase) status.phase = component.phase;
  if (component.restEndpoint) status.endpoint = component.restEndpoint;
  return {
    status,
    eventObjects: [
      ...crObjects(component, assessment),
      ...connectors.map(c => c.resource),
    ],
  };
}

function topicStatus(
  topic: ProjectedCfkTopic,
  ctx: RuleContext,
): KafkaTopicStatus {
  const reasons = assessCfkApp(topic, ctx);
  const status: KafkaTopicStatus = {
    name: topic.topicName,
    resource: refOf(topic.meta),
    labels: topic.meta.labels,
    health: verdictOf(reasons),
    reasons,
  };
  const state = topic.state ?? topic.appState;
  if (topic.partitions !== undefined) status.partitions = topic.partitions;
  if (topic.replicationFactor !== undefined)
    status.replicationFactor = topic.replicationFactor;
  if (state) status.state = state;
  return status;
}

function accessStatus(
  binding: ProjectedCfkRolebinding,
  ctx: RuleContext,
): KafkaAccessStatus {
  const reasons = assessCfkApp(binding, ctx);
  const status: KafkaAccessStatus = {
    kind: 'ConfluentRolebinding',
    resource: refOf(binding.meta),
    labels: binding.meta.labels,
    health: verdictOf(reasons),
    reasons,
  };
  const state = binding.state ?? binding.appState;
  if (binding.principal) status.principal = binding.principal;
  if (binding.role) status.role = binding.role;
  if (state) status.state = state;
  return status;
}

function linkStatus(
  link: ProjectedCfkClusterLink,
  role: 'source' | 'destination',
  env: CfkEnv,
): KafkaLinkStatus {
  const app = assessCfkApp(link, env.ctx);
  const mirrors = assessMirrorTopics(link, env.ctx);
  const reasons = sortReasons([
    ...app,
    ...(app.some(r => r.code === 'ResourceFailed') ? [] : mirrors.reasons),
  ]);
  const peerSide = role === 'destination' ? link.source : link.destination;
  const peerKafka = kafkaForLinkSide(env.index, peerSide, link.meta.namespace);
  const peer: KafkaLinkStatus['peer'] = {};
  const clusterId = peerSide.clusterId ?? peerKafka?.clusterId;
  if (peerSide.bootstrapEndpoint)
    peer.bootstrapServers = peerSide.bootstrapEndpoint;
  if (clusterId) peer.clusterId = clusterId;
  if (peerKafka) {
    peer.ref = {
      cluster: env.cluster,
      namespace: peerKafka.meta.namespace,
      name: peerKafka.meta.name,
    };
  }
  const status: KafkaLinkStatus = {
    type: 'cluster-link',
    resource: refOf(link.meta),
    labels: link.meta.labels,
    role,
    linkName: link.linkName,
    peer,
    mirrorTopics: mirrors.topics,
    health: verdictOf(reasons),
    reasons,
  };
  const state = link.state ?? link.appState;
  if (state) status.state = state;
  return status;
}

function imageTag(image: string | undefined): string | undefined {
  const match = image?.match(/:([^:/@]+)$/);
  return match?.[1];
}

function buildStatus(
  kafka: ProjectedCfkCluster,
  children: CfkChildren,
  env: CfkEnv,
): KafkaClusterStatus {
  const brokers = assessCr(kafka, env, 'brokers');
  const controllers = controllersOf(kafka, env);
  const components = children.components.map(c => componentStatus(c, env));
  const topics = children.topics.map(t => topicStatus(t, env.ctx));
  const access = children.rolebindings.map(b => accessStatus(b, env.ctx));
  const links = children.links.map(({ link, role }) =>
    linkStatus(link, role, env),
  );
  const ref = refOf(kafka.meta);
  const parts: StatusParts = {
    ref: {
      cluster: env.cluster,
      namespace: kafka.meta.namespace,
      name: kafka.meta.name,
    },
    resource: ref,
    operator: 'cfk',
    apiVersion: kafka.meta.apiVersion,
    labels: kafka.meta.labels,
    reconcile: {
      caughtUp: brokers.caughtUp,
      conditions: kafka.conditions,
      rolling: brokers.rolling,
    },
    metadataMode: controllers.mode,
    brokers: {
      ...brokers.group,
      members: cfkMembers(kafka, brokers.pods, 'broker'),
    },
    components: components.map(c => c.status),
    topics,
    access,
    listeners: kafka.listeners ?? [],
    links,
    versions: {},
    ownReasons: [...brokers.reasons, ...controllers.reasons],
    eventObjects: [
      ...crObjects(kafka, brokers),
      ...controllers.eventObjects,
      ...components.flatMap(c => c.eventObjects),
      ...[...topics, ...access, ...links]
        .filter(c => c.health !== 'healthy')
        .map(c => c.resource),
    ],
  };
  const { reconcile, versions } = parts;
  if (kafka.meta.generation !== undefined)
    reconcile.generation = kafka.meta.generation;
  if (kafka.observedGeneration !== undefined)
    reconcile.observedGeneration = kafka.observedGeneration;
  if (kafka.phase) reconcile.phase = kafka.phase;
  if (brokers.rollingSince) reconcile.rollingSince = brokers.rollingSince;
  if (brokers.paused) reconcile.paused = brokers.paused;
  if (controllers.group) parts.controllers = controllers.group;
  if (kafka.authorizationType)
    parts.authorization = { type: kafka.authorizationType };
  const platform = kafka.clusterVersion ?? imageTag(kafka.image);
  if (platform) versions.platform = platform;
  if (kafka.operatorVersion) versions.operator = kafka.operatorVersion;
  if (kafka.clusterId) versions.clusterId = kafka.clusterId;
  return finishStatus(parts, env.ctx);
}

/**
 * Builds the status of every CFK Kafka cluster in a snapshot: its brokers, its KRaft
 * controllers or ZooKeeper ensemble, its components and connectors, topics, role bindings and
 * cluster links.
 */
export function assembleCfk(
  snapshot: KubernetesSnapshot,
  options: AssembleOptions,
): KafkaClusterStatus[] {
  const kafkas = itemsOf(snapshot, cfkWatches.kafkas) ?? [];
  if (kafkas.length === 0) {
    return [];
  }
  const index = buildCfkIndex(
    kafkas,
    itemsOf(snapshot, cfkWatches.restClasses) ?? [],
  );
  const pods = itemsOf(snapshot, cfkWatches.pods);
  const env: CfkEnv = {
    cluster: snapshot.cluster,
    ctx: ruleContext(snapshot, options),
    index,
    statefulSets: byKey(itemsOf(snapshot, cfkWatches.statefulSets)),
    kraftControllers: byKey(itemsOf(snapshot, cfkWatches.kraftControllers)),
    zookeepers: byKey(itemsOf(snapshot, cfkWatches.zookeepers)),
    connectorsByConnect: connectorsByConnect(
      itemsOf(snapshot, cfkWatches.connectors) ?? [],
    ),
  };
  if (pods) env.pods = indexCfkPods(pods);
  const children = groupChildren(snapshot, index);
  const none: CfkChildren = {
    components: [],
    topics: [],
    rolebindings: [],
    links: [],
  };
  return kafkas.map(kafka =>
    buildStatus(
      kafka,
      children.get(keyOf(kafka.meta.namespace, kafka.meta.name)) ?? none,
      env,
    ),
  );
}
