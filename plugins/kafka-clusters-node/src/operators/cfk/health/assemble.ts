import {
  HealthReason,
  KafkaClusterStatus,
  KafkaMetadataMode,
  KafkaNodeGroupStatus,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { AssembleOptions, KubernetesSnapshot, itemsOf } from '../../types';
import { ruleContext } from '../../common/context';
import { serviceOf } from '../../common/endpoints';
import { GroupResult } from '../../common/groups';
import { keyOf, refOf } from '../../common/meta';
import {
  environmentInfo,
  StatusParts,
  finishStatus,
} from '../../common/status';
import { reason } from '../../common/verdict';
import {
  ProjectedCfkClusterLink,
  ProjectedCfkConnector,
  ProjectedCfkRolebinding,
  ProjectedCfkTopic,
} from './appProjections';
import {
  assessCr,
  cfkAccessStatus,
  cfkComponentStatus,
  cfkLinkStatus,
  cfkTopicStatus,
  crObjects,
} from './children';
import { CfkEnv } from './env';
import { cfkMembers } from './health';
import {
  CfkIndex,
  buildCfkIndex,
  indexCfkPods,
  kafkaForComponent,
  kafkaForLinkSide,
  kafkaForTarget,
} from './matching';
import { ProjectedCfkCluster } from './projections';
import { CFK_COMPONENT_WATCHES, cfkWatches } from './watches';

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
  // The controllers' CR named by the Kafka CR itself, in its own namespace (which is watched,
  // since the Kafka CR is seen), of a kind the snapshot holds: when it is not there, it is gone.
  let named: { kind: string; name: string } | undefined;
  if (kafka.kraftControllerRef) {
    mode = 'kraft';
    const ref = kafka.kraftControllerRef;
    wanted = `KRaftController ${ref.namespace ?? namespace}/${
      ref.name
    } (spec.dependencies.kRaftController.clusterRef)`;
    cr = env.kraftControllers.get(keyOf(ref.namespace ?? namespace, ref.name));
    if (
      env.watched.kraftControllers &&
      (ref.namespace ?? namespace) === namespace
    )
      named = { kind: 'KRaftController', name: ref.name };
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
      // Only `discovery` names a Zookeeper CR; an endpoint may be a ZooKeeper CFK does not run.
      if (
        kafka.zookeeperRef &&
        env.watched.zookeepers &&
        (ref.namespace ?? namespace) === namespace
      )
        named = { kind: 'Zookeeper', name: ref.name };
    }
  }
  if (mode === 'unknown') {
    return { mode, reasons: [], eventObjects: [] };
  }
  if (!cr && named) {
    return {
      mode,
      group: { members: [] },
      reasons: [
        reason(
          'ControllersMissing',
          'unhealthy',
          `${wanted} does not exist: Kafka ${kafka.meta.name} has lost its controllers`,
          {
            kind: named.kind,
            apiVersion: kafka.meta.apiVersion,
            namespace,
            name: named.name,
          },
          {
            fix: `Recreate ${named.kind} ${named.name} in namespace ${namespace} (from the GitOps repository), or correct the reference in Kafka ${kafka.meta.name}`,
          },
        ),
      ],
      eventObjects: [],
    };
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
      ...groupCounts(assessment.group),
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

// Only the counts: a group's reasons belong to the cluster's reasons, not to the group.
function groupCounts(
  group: GroupResult,
): Omit<KafkaNodeGroupStatus, 'members'> {
  const counts: Omit<KafkaNodeGroupStatus, 'members'> = {};
  if (group.desired !== undefined) counts.desired = group.desired;
  if (group.ready !== undefined) counts.ready = group.ready;
  return counts;
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
  const components = children.components.map(c => cfkComponentStatus(c, env));
  const topics = children.topics.map(t => cfkTopicStatus(t, env.ctx));
  const access = children.rolebindings.map(b => cfkAccessStatus(b, env.ctx));
  const links = children.links.map(({ link, role }) =>
    cfkLinkStatus(link, role, env),
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
    environment: environmentInfo(kafka.meta.annotations),
    reconcile: {
      caughtUp: brokers.caughtUp,
      conditions: kafka.conditions,
      rolling: brokers.rolling,
    },
    metadataMode: controllers.mode,
    brokers: {
      ...groupCounts(brokers.group),
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
    watched: {
      kraftControllers:
        itemsOf(snapshot, cfkWatches.kraftControllers) !== undefined,
      zookeepers: itemsOf(snapshot, cfkWatches.zookeepers) !== undefined,
    },
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
