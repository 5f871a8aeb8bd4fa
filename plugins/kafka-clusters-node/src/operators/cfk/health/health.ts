import {
  HealthReason,
  KafkaNodeRole,
  KafkaNodeStatus,
  KafkaReconcilePause,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  ChangeSignal,
  ChangeState,
  assessChange,
  changeReasons,
  explains,
  specNotObserved,
} from '../../common/change';
import { findCondition } from '../../common/conditions';
import { RuleContext } from '../../common/context';
import { ProjectedPod } from '../../common/core';
import { GroupKind, GroupResult, assessGroup } from '../../common/groups';
import { refOf } from '../../common/meta';
import { PodAssessment, PodFixes, assessPod } from '../../common/pods';
import { latestTime } from '../../common/time';
import { reason } from '../../common/verdict';
import {
  CFK_BLOCK_RECONCILE,
  ProjectedCfkCluster,
  ProjectedStatefulSet,
} from './projections';
import { CFK_CONDITIONS } from '../facts';

/**
 * The only phases any source documents: Argo CD's health checks for CFK's cluster kinds
 * (argoproj/argo-cd `resource_customizations/platform.confluent.io/<Kind>/health.lua`, Kafka,
 * Connect, ControlCenter, KsqlDB, SchemaRegistry, Zookeeper, at
 * 37ee0097) map `RUNNING` to Healthy and `PROVISIONING` to Progressing, and their test data
 * holds no other phase; CFK's CRDs leave `status.phase` a free string. Any other phase is
 * `unknown`, never `healthy`, with what the operator says in its conditions.
 */
export const CFK_KNOWN_PHASES = ['RUNNING', 'PROVISIONING'];

const ROLLING = CFK_CONDITIONS.rolling;
const CLUSTER_READY = CFK_CONDITIONS.clusterReady;
/**
 * The conditions by which CFK says a cluster CR is ready, as its samples show them
 * (`statefulset-available` reason `MinimumReplicasAvailable`, `resources-ready` reason
 * `KubernetesResourcesReady` in Argo CD's testdata; `cluster-ready` from CFK 3.x, which
 * Confluent's examples wait for with `kubectl wait --for=condition=platform.confluent.io/cluster-ready`).
 */
const READINESS_CONDITIONS = [
  CFK_CONDITIONS.statefulSetAvailable,
  CFK_CONDITIONS.resourcesReady,
  CLUSTER_READY,
];
const REVISION_LABEL = 'controller-revision-hash';

/** The rule's verdict on one CFK cluster CR and its pods. */
export interface CfkCrAssessment {
  change: ChangeState;
  /** The CR's own reasons, its group's and its pods'. */
  reasons: HealthReason[];
  group: GroupResult;
  pods?: PodAssessment[];
  paused?: KafkaReconcilePause;
  rolling: boolean;
  rollingSince?: string;
  caughtUp: boolean;
}

export interface CfkCrInput {
  cr: ProjectedCfkCluster;
  /** The CR's pods; `undefined` when pods are not watched. */
  pods?: readonly ProjectedPod[];
  statefulSet?: ProjectedStatefulSet;
  groupKind: GroupKind;
  quorum?: boolean;
}

/** Where CFK takes the usual fixes for a cluster CR's pods. */
export function cfkFixes(cr: ProjectedCfkCluster): PodFixes {
  const where = `${cr.meta.kind} ${cr.meta.name}`;
  return {
    memory: `spec.podTemplate.resources of ${where}`,
    image: `spec.image.application of ${where}`,
    storage: `spec.storageClass.name of ${where}`,
  };
}

function pausedBy(cr: ProjectedCfkCluster): KafkaReconcilePause | undefined {
  if (cr.meta.annotations[CFK_BLOCK_RECONCILE] !== 'true') {
    return undefined;
  }
  return {
    source: 'annotation',
    key: CFK_BLOCK_RECONCILE,
    reason: `${cr.meta.kind} ${cr.meta.name} is annotated ${CFK_BLOCK_RECONCILE}=true`,
  };
}

// Pods on another revision than the StatefulSet's update revision are waiting for the roll.
// Without the StatefulSet, two different hashes among the pods tell the same.
function revisionCheck(
  pods: readonly ProjectedPod[] | undefined,
  sts: ProjectedStatefulSet | undefined,
): { current(pod: ProjectedPod): boolean | undefined; behind: number } {
  const update = sts?.updateRevision;
  if (update) {
    const current = (pod: ProjectedPod) =>
      pod.meta.labels[REVISION_LABEL] === undefined
        ? undefined
        : pod.meta.labels[REVISION_LABEL] === update;
    return {
      current,
      behind: (pods ?? []).filter(p => current(p) === false).length,
    };
  }
  const hashes = new Set(
    (pods ?? []).map(p => p.meta.labels[REVISION_LABEL]).filter(Boolean),
  );
  return { current: () => undefined, behind: hashes.size > 1 ? 1 : 0 };
}

function changeSignals(
  cr: ProjectedCfkCluster,
  paused: boolean,
  behind: number,
  podCount: number,
): ChangeSignal[] {
  const signals: ChangeSignal[] = [];
  const what = `${cr.meta.kind} ${cr.meta.name}`;
  if (cr.phase === 'PROVISIONING') {
    // Provisioning started when a readiness condition last turned False, if one did.
    const since = latestTime(
      ...READINESS_CONDITIONS.map(type => findCondition(cr.conditions, type))
        .filter(c => c?.status === 'False')
        .map(c => c?.lastTransitionTime),
    );
    signals.push({
      code: 'Provisioning',
      message: `CFK is provisioning ${what} (phase PROVISIONING)`,
      since,
    });
  }
  const unobserved = paused
    ? undefined
    : specNotObserved('CFK', what, cr.meta, cr.observedGeneration);
  if (unobserved) signals.push(unobserved);
  const rolling = findCondition(cr.conditions, ROLLING);
  if (rolling?.status === 'True' || behind > 0) {
    const pods =
      behind > 0 && podCount > 0
        ? `: ${podCount - behind}/${podCount} pods on the current revision`
        : '';
    signals.push({
      code: 'RollInProgress',
      message: `CFK is rolling ${what}${pods}`,
      since:
        rolling?.status === 'True' ? rolling.lastTransitionTime : undefined,
    });
  }
  return signals;
}

function operatorReasons(
  cr: ProjectedCfkCluster,
  change: ChangeState,
  paused: KafkaReconcilePause | undefined,
): HealthReason[] {
  const ref = refOf(cr.meta);
  const reasons: HealthReason[] = [];
  if (!cr.hasStatus) {
    reasons.push(
      reason(
        'NoStatus',
        'unknown',
        `CFK has not written a status for ${cr.meta.kind} ${cr.meta.name}`,
        ref,
        {
          since: cr.meta.creationTimestamp,
          fix: `Check that the Confluent for Kubernetes operator is running and watches namespace ${cr.meta.namespace}`,
        },
      ),
    );
  } else if (cr.phase === undefined || !CFK_KNOWN_PHASES.includes(cr.phase)) {
    // What the operator says besides the phase: the messages of its conditions that are not True.
    const said = cr.conditions
      .filter(c => c.status !== 'True' && (c.message || c.reason))
      .map(c => `${c.type}: ${c.message ?? c.reason}`);
    reasons.push(
      reason(
        'UnknownPhase',
        'unknown',
        `${
          cr.phase === undefined
            ? `CFK reports no phase for ${cr.meta.kind} ${cr.meta.name}`
            : `CFK reports phase ${cr.phase} for ${cr.meta.kind} ${cr.meta.name}, which no source documents`
        }${said.length > 0 ? `; it says ${said.join('; ')}` : ''}`,
        ref,
        {
          since: latestTime(...cr.conditions.map(c => c.lastTransitionTime)),
          fix: 'Look at the conditions and the operator’s logs to see what the phase means',
        },
      ),
    );
  }
  // Each readiness condition that is False is a reason of its own, with CFK's reason and message.
  for (const type of READINESS_CONDITIONS) {
    const condition = findCondition(cr.conditions, type);
    if (condition?.status !== 'False') {
      continue;
    }
    const detail = [condition.reason, condition.message]
      .filter(Boolean)
      .join(': ');
    // A change in progress explains it. Without one it is the operator's own word that the
    // cluster is impaired: no grace, unlike a pod's readiness blip ("progressing" would claim
    // the operator is working towards something).
    reasons.push(
      reason(
        'ClusterNotReady',
        explains(change) ? 'progressing' : 'degraded',
        `CFK reports ${type} False for ${cr.meta.kind} ${cr.meta.name}${
          detail ? ` (${detail})` : ''
        }`,
        ref,
        { since: condition.lastTransitionTime },
      ),
    );
  }
  if (paused) {
    const waiting =
      cr.meta.generation !== undefined &&
      cr.observedGeneration !== undefined &&
      cr.meta.generation > cr.observedGeneration
        ? `; generation ${cr.meta.generation} waits for it to be lifted`
        : '';
    reasons.push(
      reason(
        'ReconciliationPaused',
        'healthy',
        `Reconciliation is paused: ${paused.reason}${waiting}`,
        ref,
        {
          fix: `Remove the annotation ${CFK_BLOCK_RECONCILE} when the maintenance is over`,
        },
      ),
    );
  }
  return reasons;
}

/**
 * The rule for a CFK cluster CR (Kafka, KRaftController, Zookeeper, and the components, which
 * CFK runs the same way): phase, generation, rolling condition, replicas and pods.
 */
export function assessCfkClusterCr(
  input: CfkCrInput,
  ctx: RuleContext,
): CfkCrAssessment {
  const { cr, pods } = input;
  const paused = pausedBy(cr);
  const revisions = revisionCheck(pods, input.statefulSet);
  const signals = changeSignals(
    cr,
    paused !== undefined,
    revisions.behind,
    pods?.length ?? 0,
  );
  const creating =
    (cr.phase === 'PROVISIONING' || !cr.hasStatus) &&
    (cr.meta.generation ?? 1) <= 1;
  const change = assessChange(
    signals,
    creating,
    pods,
    ctx.now,
    ctx.thresholds,
    paused !== undefined,
  );
  const podCtx = {
    ...ctx,
    explained: explains(change),
    fixes: () => cfkFixes(cr),
    currentRevision: revisions.current,
  };
  const assessed = pods?.map(pod => assessPod(pod, podCtx));
  const group = assessGroup({
    kind: input.groupKind,
    owner: refOf(cr.meta),
    desired: cr.replicas,
    pods: assessed,
    // CFK leaves zero counts out of its status.
    reportedReady: cr.hasStatus ? cr.readyReplicas ?? 0 : undefined,
    change,
    quorum: input.quorum,
  });
  const rolling = signals.find(s => s.code === 'RollInProgress');
  const caughtUp =
    cr.observedGeneration !== undefined
      ? cr.observedGeneration >= (cr.meta.generation ?? 0)
      : cr.phase === 'RUNNING';
  const result: CfkCrAssessment = {
    change,
    reasons: [
      ...operatorReasons(cr, change, paused),
      ...changeReasons(
        change,
        refOf(cr.meta),
        ctx.now,
        ctx.thresholds,
        `Check the CFK operator's logs and the events of ${cr.meta.kind} ${cr.meta.name} and its pods`,
      ),
      // Before the operator's first status, "no ready broker" is expected, not a verdict.
      ...(cr.hasStatus ? group.reasons : []),
      ...(assessed ?? []).flatMap(p => p.reasons),
    ],
    group,
    rolling: rolling !== undefined,
    caughtUp,
  };
  if (assessed) result.pods = assessed;
  if (paused) result.paused = paused;
  if (rolling?.since) result.rollingSince = rolling.since;
  return result;
}

/** The ordinal of a StatefulSet pod, from its name. */
export function ordinalOf(podName: string): number {
  const match = podName.match(/-(\d+)$/);
  return match ? Number(match[1]) : -1;
}

/** The members of a node group, by ordinal. */
export function cfkMembers(
  cr: ProjectedCfkCluster,
  pods: readonly PodAssessment[] | undefined,
  role: KafkaNodeRole,
): KafkaNodeStatus[] {
  return (pods ?? [])
    .map(p => ({
      ...p.status,
      id: ordinalOf(p.pod.meta.name),
      roles: [role],
      pool: cr.meta.name,
    }))
    .sort((a, b) => a.id - b.id);
}
