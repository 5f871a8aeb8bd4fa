import {
  KafkaClusterStatus,
  KafkaLinkStatus,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { AssembleOptions, KubernetesSnapshot, itemsOf } from '../../types';
import { assessChange, changeReasons } from '../../common/change';
import { isConditionTrue } from '../../common/conditions';
import { ruleContext } from '../../common/context';
import { ProjectedMeta, keyOf, refOf } from '../../common/meta';
import {
  environmentInfo,
  StatusParts,
  finishStatus,
} from '../../common/status';
import { MirrorCluster, ProjectedStrimziMirrorMaker2 } from './appProjections';
import { strimziTopicStatus, strimziUserStatus } from './children';
import {
  ComponentResult,
  strimziConnectorStatus,
  strimziDeploymentStatus,
  strimziMirrorMakerStatus,
  strimziOperandStatuses,
} from './components';
import { StrimziEnv } from './env';
import {
  strimziKafkaReasons,
  strimziKafkaSignals,
  strimziRevisionCheck,
  strimziRollSignal,
} from './health';
import {
  buildStrimziIndex,
  indexByClusterLabel,
  kafkaForBootstrap,
} from './matching';
import { assessStrimziNodes, strimziPoolSignals, nodesOf } from './nodes';
import { ProjectedStrimziKafka } from './projections';
import { strimziPause, warningReasons } from './resourceHealth';
import { strimziWatches } from './watches';

interface Attached {
  components: ComponentResult[];
  links: KafkaLinkStatus[];
}

/**
 * Each object once: a cache that (wrongly) watched both v1 and v1beta2 would hold every object
 * twice, under two apiVersions; the first wins, so list the preferred version first.
 */
function unique<T extends { meta: ProjectedMeta }>(
  items: readonly T[] | undefined,
): T[] | undefined {
  if (!items) {
    return undefined;
  }
  const seen = new Set<string>();
  return items.filter(item => {
    const key =
      item.meta.uid ??
      `${item.meta.kind}/${item.meta.namespace}/${item.meta.name}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function mirrorLink(
  mirrorMaker: ProjectedStrimziMirrorMaker2,
  component: ComponentResult,
  role: 'source' | 'destination',
  source: MirrorCluster,
  peer: ProjectedStrimziKafka | undefined,
  env: StrimziEnv,
): KafkaLinkStatus {
  const other = role === 'destination' ? source : mirrorMaker.target;
  const link: KafkaLinkStatus = {
    type: 'mirror-maker-2',
    resource: component.status.resource,
    labels: mirrorMaker.meta.labels,
    role,
    linkName: `${source.alias}->${mirrorMaker.target?.alias ?? '?'}`,
    peer: {},
    mirrorTopics: [],
    health: component.status.health,
    reasons: component.status.reasons,
  };
  if (other?.bootstrapServers)
    link.peer.bootstrapServers = other.bootstrapServers;
  if (peer) {
    link.peer.ref = {
      cluster: env.cluster,
      namespace: peer.meta.namespace,
      name: peer.meta.name,
    };
    if (peer.clusterId) link.peer.clusterId = peer.clusterId;
  }
  if (mirrorMaker.topicsPattern) link.topicsPattern = mirrorMaker.topicsPattern;
  return link;
}

function attachComponents(
  snapshot: KubernetesSnapshot,
  env: StrimziEnv,
): Map<string, Attached> {
  const attached = new Map<string, Attached>();
  const of = (kafka: ProjectedStrimziKafka) => {
    const key = keyOf(kafka.meta.namespace, kafka.meta.name);
    let entry = attached.get(key);
    if (!entry) {
      entry = { components: [], links: [] };
      attached.set(key, entry);
    }
    return entry;
  };
  for (const connect of unique(itemsOf(snapshot, strimziWatches.connects)) ??
    []) {
    const kafka = kafkaForBootstrap(
      env.index,
      connect.bootstrapServers,
      connect.meta.namespace,
    );
    if (!kafka) continue;
    const connectors = (
      env.connectors.get(keyOf(connect.meta.namespace, connect.meta.name)) ?? []
    ).map(c => strimziConnectorStatus(c, env.ctx));
    of(kafka).components.push(
      strimziDeploymentStatus(connect, connectors, env),
    );
  }
  for (const bridge of unique(itemsOf(snapshot, strimziWatches.bridges)) ??
    []) {
    const kafka = kafkaForBootstrap(
      env.index,
      bridge.bootstrapServers,
      bridge.meta.namespace,
    );
    if (kafka)
      of(kafka).components.push(strimziDeploymentStatus(bridge, [], env));
  }
  for (const mirrorMaker of unique(
    itemsOf(snapshot, strimziWatches.mirrorMakers),
  ) ?? []) {
    const namespace = mirrorMaker.meta.namespace;
    const target = kafkaForBootstrap(
      env.index,
      mirrorMaker.target?.bootstrapServers,
      namespace,
    );
    const sources = mirrorMaker.sources.map(source => ({
      source,
      kafka: kafkaForBootstrap(env.index, source.bootstrapServers, namespace),
    }));
    if (!target && sources.every(s => !s.kafka)) continue;
    const component = strimziMirrorMakerStatus(mirrorMaker, env);
    if (target) {
      of(target).components.push(component);
      for (const { source, kafka } of sources) {
        of(target).links.push(
          mirrorLink(mirrorMaker, component, 'destination', source, kafka, env),
        );
      }
    }
    for (const { source, kafka } of sources) {
      if (kafka && kafka !== target) {
        of(kafka).links.push(
          mirrorLink(mirrorMaker, component, 'source', source, target, env),
        );
      }
    }
  }
  return attached;
}

function buildStatus(
  kafka: ProjectedStrimziKafka,
  attached: Attached,
  env: StrimziEnv,
): KafkaClusterStatus {
  const { ctx } = env;
  const { name, namespace } = kafka.meta;
  const ref = refOf(kafka.meta);
  const pause = strimziPause(kafka);
  const nodes = nodesOf(kafka, env);
  const roll = strimziRollSignal(
    `Kafka ${name}`,
    nodes.pods ?? [],
    nodes.podSets,
    env.currentRevision,
  );
  const { signals, creating } = strimziKafkaSignals(kafka, pause, roll);
  signals.push(...strimziPoolSignals(nodes, pause !== undefined));
  const change = assessChange(
    signals,
    creating,
    nodes.pods,
    ctx.now,
    ctx.thresholds,
    pause !== undefined,
  );
  const groups = assessStrimziNodes(kafka, nodes, change, env);
  const operands = strimziOperandStatuses(kafka, change, env);
  const components = [...operands, ...attached.components];
  const topicKeys = [keyOf(namespace, name)];
  if (kafka.topicNamespace && kafka.topicNamespace !== namespace)
    topicKeys.push(keyOf(kafka.topicNamespace, name));
  const userKeys = [keyOf(namespace, name)];
  if (kafka.userNamespace && kafka.userNamespace !== namespace)
    userKeys.push(keyOf(kafka.userNamespace, name));
  const topics = topicKeys
    .flatMap(k => env.topics.get(k) ?? [])
    .map(t => strimziTopicStatus(t, ctx));
  const access = userKeys
    .flatMap(k => env.users.get(k) ?? [])
    .map(u => strimziUserStatus(u, ctx));
  const eventObjects: KubernetesObjectRef[] = [
    ref,
    ...nodes.pools.map(p => refOf(p.meta)),
    ...nodes.podSets.map(s => refOf(s.meta)),
    ...(groups.assessed ?? []).flatMap(({ pod }) => [
      { kind: 'Pod', namespace: pod.meta.namespace, name: pod.meta.name },
      ...pod.claims.map(claim => ({
        kind: 'PersistentVolumeClaim',
        namespace: pod.meta.namespace,
        name: claim,
      })),
    ]),
    ...components.flatMap(c => c.eventObjects),
    ...[...topics, ...access]
      .filter(c => c.health !== 'healthy')
      .map(c => c.resource),
  ];
  const parts: StatusParts = {
    ref: { cluster: env.cluster, namespace, name },
    resource: ref,
    operator: 'strimzi',
    apiVersion: kafka.meta.apiVersion,
    labels: kafka.meta.labels,
    environment: environmentInfo(kafka.meta.annotations),
    reconcile: {
      caughtUp:
        kafka.observedGeneration !== undefined
          ? kafka.observedGeneration >= (kafka.meta.generation ?? 0)
          : isConditionTrue(kafka.conditions, 'Ready'),
      conditions: kafka.conditions,
      rolling: roll !== undefined,
    },
    metadataMode: groups.mode,
    brokers: groups.brokers,
    components: components.map(c => c.status),
    topics,
    access,
    listeners: kafka.listeners,
    links: attached.links,
    versions: {},
    ownReasons: [
      ...strimziKafkaReasons(kafka, change, pause),
      ...changeReasons(
        change,
        ref,
        ctx.now,
        ctx.thresholds,
        `Read the Strimzi cluster operator's log and the events of Kafka ${name} and its pods`,
      ),
      // Before the operator's first status, missing brokers are expected, not a verdict; pod reasons stand.
      ...(kafka.hasStatus
        ? groups.reasons
        : (groups.assessed ?? []).flatMap(p => p.reasons)),
      ...nodes.pools.flatMap(p => warningReasons(p)),
    ],
    eventObjects,
  };
  const { reconcile, versions } = parts;
  if (kafka.meta.generation !== undefined)
    reconcile.generation = kafka.meta.generation;
  if (kafka.observedGeneration !== undefined)
    reconcile.observedGeneration = kafka.observedGeneration;
  if (pause) reconcile.paused = pause;
  if (groups.controllers) parts.controllers = groups.controllers;
  if (kafka.kafkaMetadataState) parts.metadataState = kafka.kafkaMetadataState;
  if (kafka.authorizationType)
    parts.authorization = { type: kafka.authorizationType };
  const kafkaVersion = kafka.kafkaVersion ?? kafka.version;
  const metadataVersion = kafka.kafkaMetadataVersion ?? kafka.metadataVersion;
  if (kafkaVersion) versions.kafka = kafkaVersion;
  if (metadataVersion) versions.metadataVersion = metadataVersion;
  if (kafka.operatorVersion) versions.operator = kafka.operatorVersion;
  if (kafka.clusterId) versions.clusterId = kafka.clusterId;
  return finishStatus(parts, ctx);
}

/**
 * Builds the status of every Strimzi Kafka cluster in a snapshot: brokers and controllers by
 * node pool, the entity operator and other operands, KafkaConnect (with its connectors),
 * KafkaMirrorMaker2, KafkaBridge, topics and users.
 */
export function assembleStrimzi(
  snapshot: KubernetesSnapshot,
  options: AssembleOptions,
): KafkaClusterStatus[] {
  const kafkas = unique(itemsOf(snapshot, strimziWatches.kafkas)) ?? [];
  if (kafkas.length === 0) {
    return [];
  }
  const w = strimziWatches;
  const pods = itemsOf(snapshot, w.pods);
  const podSets = unique(itemsOf(snapshot, w.podSets));
  const pools = unique(itemsOf(snapshot, w.nodePools));
  const env: StrimziEnv = {
    cluster: snapshot.cluster,
    ctx: ruleContext(snapshot, options),
    index: buildStrimziIndex(kafkas),
    currentRevision: strimziRevisionCheck(
      new Map(
        (podSets ?? []).map(s => [keyOf(s.meta.namespace, s.meta.name), s]),
      ),
    ),
    topics: indexByClusterLabel(unique(itemsOf(snapshot, w.topics))),
    users: indexByClusterLabel(unique(itemsOf(snapshot, w.users))),
    connectors: indexByClusterLabel(unique(itemsOf(snapshot, w.connectors))),
  };
  if (pods) env.pods = indexByClusterLabel(pods);
  if (podSets) env.podSets = indexByClusterLabel(podSets);
  if (pools) env.nodePools = indexByClusterLabel(pools);
  const attached = attachComponents(snapshot, env);
  const none: Attached = { components: [], links: [] };
  return kafkas.map(kafka =>
    buildStatus(
      kafka,
      attached.get(keyOf(kafka.meta.namespace, kafka.meta.name)) ?? none,
      env,
    ),
  );
}
