import {
  HealthReason,
  KafkaMetadataMode,
  KafkaNodeGroupStatus,
  KafkaNodeRole,
  KafkaNodeStatus,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  ChangeSignal,
  ChangeState,
  explains,
  specNotObserved,
} from '../../common/change';
import { ProjectedPod } from '../../common/core';
import { GroupKind, assessGroup } from '../../common/groups';
import { keyOf, refOf } from '../../common/meta';
import { PodAssessment, PodFixes, assessPod } from '../../common/pods';
import { parseTime } from '../../common/time';
import { reason } from '../../common/verdict';
import { StrimziEnv } from './env';
import { MIGRATION_STATES } from './health';
import {
  ProjectedStrimziKafka,
  ProjectedStrimziNodePool,
  ProjectedStrimziPodSet,
} from './projections';
import { STRIMZI_LABELS, STRIMZI_NAMES } from '../facts';

/** The pods and pod sets of one Kafka cluster's nodes. */
export interface StrimziNodes {
  pools: ProjectedStrimziNodePool[];
  /** Whether KafkaNodePools are watched at all (else `pools` is empty for lack of data). */
  poolsWatched: boolean;
  /** Broker and controller pods (name label `<c>-kafka`) and ZooKeeper pods; `undefined` when not watched. */
  pods?: ProjectedPod[];
  podSets: ProjectedStrimziPodSet[];
}

export interface StrimziNodeGroups {
  mode: KafkaMetadataMode;
  brokers: KafkaNodeGroupStatus;
  controllers?: KafkaNodeGroupStatus;
  assessed?: PodAssessment[];
  reasons: HealthReason[];
}

export function nodesOf(
  kafka: ProjectedStrimziKafka,
  env: StrimziEnv,
): StrimziNodes {
  const { name, namespace } = kafka.meta;
  const key = keyOf(namespace, name);
  const ofKafka = <T extends { meta: { labels: Record<string, string> } }>(
    items: T[] | undefined,
  ) =>
    (items ?? []).filter(
      i => (i.meta.labels[STRIMZI_LABELS.kind] ?? 'Kafka') === 'Kafka',
    );
  const nodeNames = [
    STRIMZI_NAMES.kafkaNodes(name),
    STRIMZI_NAMES.zookeeperNodes(name),
  ];
  const nodes: StrimziNodes = {
    pools: env.nodePools?.get(key) ?? [],
    poolsWatched: env.nodePools !== undefined,
    podSets: ofKafka(env.podSets?.get(key)),
  };
  if (env.pods) {
    nodes.pods = ofKafka(env.pods.get(key)).filter(p =>
      nodeNames.includes(p.meta.labels[STRIMZI_LABELS.name] ?? ''),
    );
  }
  return nodes;
}

/**
 * KRaft or ZooKeeper: v1beta2's `kafkaMetadataState` when set; else controller node pools mean
 * KRaft, `spec.zookeeper` means ZooKeeper, and v1 (which has no ZooKeeper) means KRaft.
 */
export function metadataModeOf(
  kafka: ProjectedStrimziKafka,
  pools: readonly ProjectedStrimziNodePool[],
): KafkaMetadataMode {
  const state = kafka.kafkaMetadataState;
  if (state === 'KRaft') return 'kraft';
  if (state === 'ZooKeeper') return 'zookeeper';
  if (state && MIGRATION_STATES.includes(state)) return 'migrating';
  if (pools.some(p => p.roles.includes('controller'))) return 'kraft';
  if (kafka.zookeeperReplicas !== undefined) return 'zookeeper';
  if (kafka.meta.apiVersion.endsWith('/v1')) return 'kraft';
  return 'unknown';
}

function rolesOf(
  pod: ProjectedPod,
  kafka: ProjectedStrimziKafka,
  pools: ReadonlyMap<string, ProjectedStrimziNodePool>,
): KafkaNodeRole[] {
  const labels = pod.meta.labels;
  if (
    labels[STRIMZI_LABELS.name] ===
    STRIMZI_NAMES.zookeeperNodes(kafka.meta.name)
  ) {
    return ['zookeeper'];
  }
  if (
    labels[STRIMZI_LABELS.brokerRole] !== undefined ||
    labels[STRIMZI_LABELS.controllerRole] !== undefined
  ) {
    const roles: KafkaNodeRole[] = [];
    if (labels[STRIMZI_LABELS.brokerRole] === 'true') roles.push('broker');
    if (labels[STRIMZI_LABELS.controllerRole] === 'true')
      roles.push('controller');
    return roles;
  }
  const pool = pools.get(labels[STRIMZI_LABELS.poolName] ?? '');
  if (pool) {
    return pool.roles.filter(
      (r): r is KafkaNodeRole => r === 'broker' || r === 'controller',
    );
  }
  // Before node pools, every `<c>-kafka` pod was a broker.
  return ['broker'];
}

function fixesFor(
  kafka: ProjectedStrimziKafka,
): (pod: ProjectedPod) => PodFixes {
  const image = `spec.kafka.version (or spec.kafka.image) of Kafka ${kafka.meta.name}`;
  return pod => {
    const labels = pod.meta.labels;
    if (
      labels[STRIMZI_LABELS.name] ===
      STRIMZI_NAMES.zookeeperNodes(kafka.meta.name)
    ) {
      return {
        memory: `spec.zookeeper.resources of Kafka ${kafka.meta.name}`,
        image,
        storage: `spec.zookeeper.storage of Kafka ${kafka.meta.name}`,
      };
    }
    const pool = labels[STRIMZI_LABELS.poolName];
    if (pool) {
      return {
        memory: `spec.resources of KafkaNodePool ${pool}`,
        image,
        storage: `spec.storage of KafkaNodePool ${pool}`,
      };
    }
    return {
      memory: `spec.kafka.resources of Kafka ${kafka.meta.name}`,
      image,
      storage: `spec.kafka.storage of Kafka ${kafka.meta.name}`,
    };
  };
}

const ROLE_WORDS: Record<string, string> = {
  broker: 'brokers',
  controller: 'controllers',
};

/**
 * Changes of the Kafka's node pools. Scaling is editing a pool, which has a generation of its own
 * that the cluster operator observes (`status.observedGeneration`, KafkaNodePoolStatus): a pool
 * change not yet observed is a change in progress. Once observed, the pool is scaling while its
 * pods number other than `spec.replicas`, or while a pod created since the edit is not ready yet:
 * a scale-up progresses rather than missing pods, and a scale-down is not healthy until it has
 * happened. Only after the pool was edited (its spec's managedFields time later than its
 * creation): a pod that merely went away from an unchanged pool is not scaling.
 */
export function strimziPoolSignals(
  nodes: StrimziNodes,
  paused: boolean,
): ChangeSignal[] {
  if (paused) return [];
  const signals: ChangeSignal[] = [];
  for (const pool of nodes.pools) {
    const { name, generation, specChangedAt, creationTimestamp } = pool.meta;
    const what = `KafkaNodePool ${name}`;
    const pods = nodes.pods?.filter(
      p => p.meta.labels[STRIMZI_LABELS.poolName] === name,
    );
    const edited = parseTime(specChangedAt);
    const created = parseTime(creationTimestamp);
    const wasEdited =
      edited !== undefined && (created === undefined || edited > created);
    const starting =
      pods?.filter(
        p =>
          !p.ready &&
          edited !== undefined &&
          (parseTime(p.meta.creationTimestamp) ?? -Infinity) > edited,
      ) ?? [];
    // Strimzi writes a pool's status (observedGeneration, nodeIds, replicas) when the
    // reconciliation that scales it ends, after the new pods are ready: until then, the pods
    // against spec.replicas tell how far the scaling has got.
    const scaling =
      wasEdited &&
      pods !== undefined &&
      pool.replicas !== undefined &&
      (pods.length !== pool.replicas || starting.length > 0);
    const unobserved =
      generation !== undefined &&
      pool.observedGeneration !== undefined &&
      generation > pool.observedGeneration;
    if (scaling) {
      const from = pods!.filter(p => p.ready).length;
      const role =
        pool.roles.length === 1
          ? ROLE_WORDS[pool.roles[0]] ?? 'nodes'
          : 'nodes';
      signals.push({
        code: 'NodePoolScaling',
        message: `Strimzi is scaling ${role} of ${what}: ${from} → ${
          pool.replicas
        } ready${
          unobserved
            ? ` (generation ${generation} not yet observed, observed ${pool.observedGeneration})`
            : ''
        }`,
        since: specChangedAt,
      });
    } else if (unobserved) {
      signals.push(
        specNotObserved('Strimzi', what, pool.meta, pool.observedGeneration)!,
      );
    }
  }
  return signals;
}

function sumReplicas(
  pools: readonly ProjectedStrimziNodePool[],
  role: string,
): number | undefined {
  const matching = pools.filter(p => p.roles.includes(role));
  return matching.length === 0
    ? undefined
    : matching.reduce((sum, p) => sum + (p.replicas ?? 0), 0);
}

// Without pods, the pod sets' ready counts stand in: `<c>-<pool>` per pool, `<c>-kafka` and
// `<c>-zookeeper` before node pools.
function readyFromPodSets(
  kafka: ProjectedStrimziKafka,
  nodes: StrimziNodes,
  role: 'broker' | 'controller' | 'zookeeper',
): number | undefined {
  const c = kafka.meta.name;
  let names: string[];
  if (role === 'zookeeper') {
    names = [STRIMZI_NAMES.zookeeperNodes(c)];
  } else if (nodes.pools.length > 0) {
    names = nodes.pools
      .filter(p => p.roles.includes(role))
      .map(p => STRIMZI_NAMES.podSet(c, p.meta.name));
  } else {
    names = role === 'broker' ? [STRIMZI_NAMES.kafkaNodes(c)] : [];
  }
  const sets = nodes.podSets.filter(s => names.includes(s.meta.name));
  return sets.length === 0
    ? undefined
    : sets.reduce((sum, s) => sum + (s.readyPods ?? 0), 0);
}

function nodeIdOf(podName: string): number {
  const match = podName.match(/-(\d+)$/);
  return match ? Number(match[1]) : -1;
}

function group(
  kind: GroupKind,
  owner: KubernetesObjectRef,
  desired: number | undefined,
  members: { assessment: PodAssessment; roles: KafkaNodeRole[] }[] | undefined,
  reportedReady: number | undefined,
  change: ChangeState,
): { status: KafkaNodeGroupStatus; reasons: HealthReason[] } {
  const result = assessGroup({
    kind,
    owner,
    desired,
    pods: members?.map(m => m.assessment),
    reportedReady,
    change,
    quorum: kind === 'controllers',
  });
  const nodes: KafkaNodeStatus[] = (members ?? [])
    .map(({ assessment, roles }) => {
      const node: KafkaNodeStatus = {
        ...assessment.status,
        id: nodeIdOf(assessment.pod.meta.name),
        roles,
      };
      const pool = assessment.pod.meta.labels[STRIMZI_LABELS.poolName];
      if (pool) node.pool = pool;
      return node;
    })
    .sort((a, b) => a.id - b.id);
  const status: KafkaNodeGroupStatus = { members: nodes };
  if (result.desired !== undefined) status.desired = result.desired;
  if (result.ready !== undefined) status.ready = result.ready;
  return { status, reasons: result.reasons };
}

/**
 * Brokers and controllers (KRaft controllers or ZooKeeper) of a Strimzi cluster: desired from
 * the node pools (or `spec.kafka.replicas` / `spec.zookeeper.replicas` before node pools), ready
 * from the pods (or the pod sets' `readyPods` when pods are not watched).
 */
export function assessStrimziNodes(
  kafka: ProjectedStrimziKafka,
  nodes: StrimziNodes,
  change: ChangeState,
  env: StrimziEnv,
): StrimziNodeGroups {
  const owner = refOf(kafka.meta);
  const pools = new Map(nodes.pools.map(p => [p.meta.name, p]));
  const mode = metadataModeOf(kafka, nodes.pools);
  const podCtx = {
    ...env.ctx,
    explained: explains(change),
    fixes: fixesFor(kafka),
    currentRevision: env.currentRevision,
  };
  const members = nodes.pods?.map(pod => ({
    assessment: assessPod(pod, podCtx),
    roles: rolesOf(pod, kafka, pools),
  }));
  const withRole = (role: KafkaNodeRole) =>
    members?.filter(m => m.roles.includes(role));
  const brokers = group(
    'brokers',
    owner,
    sumReplicas(nodes.pools, 'broker') ?? kafka.kafkaReplicas,
    withRole('broker'),
    readyFromPodSets(kafka, nodes, 'broker'),
    change,
  );
  const reasons = [...brokers.reasons];
  const result: StrimziNodeGroups = { mode, brokers: brokers.status, reasons };
  const controllerPools = nodes.pools.some(p => p.roles.includes('controller'));
  if (controllerPools) {
    const controllers = group(
      'controllers',
      owner,
      sumReplicas(nodes.pools, 'controller'),
      withRole('controller'),
      readyFromPodSets(kafka, nodes, 'controller'),
      change,
    );
    result.controllers = controllers.status;
    reasons.push(...controllers.reasons);
  } else if (mode === 'zookeeper' || mode === 'migrating') {
    const ensemble = group(
      'controllers',
      owner,
      kafka.zookeeperReplicas,
      withRole('zookeeper'),
      readyFromPodSets(kafka, nodes, 'zookeeper'),
      change,
    );
    result.controllers = ensemble.status;
    reasons.push(...ensemble.reasons);
  } else if (mode === 'kraft') {
    result.controllers = { members: [] };
  }
  if (
    nodes.poolsWatched &&
    nodes.pools.length === 0 &&
    kafka.kafkaReplicas === undefined
  ) {
    // Since 0.46 every broker runs in a node pool; none visible means the counts are unknown.
    const listed =
      kafka.nodePools.length > 0
        ? ` (its status lists ${kafka.nodePools.join(', ')})`
        : '';
    reasons.push(
      reason(
        'NodePoolsNotFound',
        'unknown',
        `No KafkaNodePool labelled ${STRIMZI_LABELS.cluster}=${kafka.meta.name} is visible${listed}, so the desired brokers and controllers are unknown`,
        owner,
        {
          fix: `Create the node pools of Kafka ${kafka.meta.name}, or check that the backend may read them in namespace ${kafka.meta.namespace}`,
        },
      ),
    );
  }
  if (members) {
    result.assessed = members.map(m => m.assessment);
    reasons.push(...members.flatMap(m => m.assessment.reasons));
  }
  return result;
}
