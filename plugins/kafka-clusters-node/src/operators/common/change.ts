import {
  HealthReason,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthThresholds } from '../types';
import { ProjectedPod } from './core';
import { ageSeconds, latestTime } from './time';
import { reason } from './verdict';

/** One sign that the operator is working towards a new desired state. */
export interface ChangeSignal {
  code:
    | 'Provisioning'
    | 'SpecNotObserved'
    | 'RollInProgress'
    | 'NodePoolScaling'
    | 'MetadataMigration';
  message: string;
  /** When the change started, when the sources tell. */
  since?: string;
}

/** Whether a change explains missing readiness, and whether it is stuck. */
export interface ChangeState {
  signals: ChangeSignal[];
  /** The operator is moving pods or resources (any signal but a metadata migration). */
  inProgress: boolean;
  /** The resource is being created for the first time: nothing was serving before. */
  creating: boolean;
  /** In progress, yet nothing moved for longer than the threshold. */
  stuck: boolean;
  /** The last sign of movement: the change's start, or a pod created or turning ready since. */
  lastProgress?: string;
}

/**
 * The operator has not yet observed the latest spec of a resource (`metadata.generation` ahead
 * of `status.observedGeneration`): a change it has still to start, since the spec's last write.
 */
export function specNotObserved(
  operator: string,
  what: string,
  meta: { generation?: number; specChangedAt?: string },
  observedGeneration: number | undefined,
): ChangeSignal | undefined {
  const { generation } = meta;
  if (
    generation === undefined ||
    observedGeneration === undefined ||
    generation <= observedGeneration
  ) {
    return undefined;
  }
  return {
    code: 'SpecNotObserved',
    message: `${operator} has not yet observed generation ${generation} of ${what} (observed ${observedGeneration})`,
    since: meta.specChangedAt,
  };
}

/** A change in progress that is not stuck explains pods that are not ready. */
export function explains(change: ChangeState): boolean {
  return change.inProgress && !change.stuck;
}

/**
 * A change that may make an operator's failure condition stale: only pods actually moving (a
 * roll) count. A spec the operator has not observed yet does not excuse
 * the failure of the previous one.
 */
export function excusesFailure(change: ChangeState): boolean {
  return (
    !change.stuck &&
    change.signals.some(
      s => s.code === 'RollInProgress' || s.code === 'MetadataMigration',
    )
  );
}

// A metadata migration is a state the user moves on (Strimzi waits in KRaftDualWriting until
// told to finish), not work the operator does: it never counts as stuck, and it does not
// explain pods that are not ready.
function isMoving(signal: ChangeSignal): boolean {
  return signal.code !== 'MetadataMigration';
}

export function assessChange(
  signals: ChangeSignal[],
  creating: boolean,
  pods: readonly ProjectedPod[] | undefined,
  now: Date,
  thresholds: HealthThresholds,
  /** Reconciliation is paused: a roll or unobserved spec waits for the pause, it is not stuck. */
  paused = false,
): ChangeState {
  const moving = signals.filter(isMoving);
  const inProgress = moving.length > 0;
  // "Stuck" rests on when the change began, as every backend replica reads it from the objects
  // (managedFields times, conditions' lastTransitionTime): never the pods' age, which says
  // nothing about a change that began after they started. Pods created or turning ready since
  // the start are progress; without a start, nobody can tell a change is stuck.
  const started = latestTime(...moving.map(s => s.since));
  const startedMs = started === undefined ? undefined : Date.parse(started);
  const lastProgress =
    startedMs === undefined
      ? undefined
      : latestTime(
          started,
          ...(pods ?? [])
            .flatMap(p => [p.meta.creationTimestamp, p.readySince])
            .filter(t => t !== undefined && Date.parse(t) > startedMs),
        );
  const age = ageSeconds(lastProgress, now);
  return {
    signals,
    inProgress,
    creating: creating && inProgress,
    stuck:
      !paused &&
      inProgress &&
      age !== undefined &&
      age > thresholds.changeStuckAfterSeconds,
    lastProgress,
  };
}

function minutes(seconds: number): string {
  return `${Math.round(seconds / 60)} min`;
}

/**
 * Reasons for a change: each signal as `progressing`, and when stuck one `ChangeStuck` that
 * makes the verdict `degraded`.
 */
export function changeReasons(
  change: ChangeState,
  resource: KubernetesObjectRef,
  now: Date,
  thresholds: HealthThresholds,
  fix: string,
): HealthReason[] {
  const stuckSignals = change.signals.filter(isMoving);
  const reasons = change.signals.map(s =>
    reason(s.code, 'progressing', s.message, resource, { since: s.since }),
  );
  if (change.stuck) {
    const idle = ageSeconds(change.lastProgress, now) ?? 0;
    reasons.unshift(
      reason(
        'ChangeStuck',
        'degraded',
        `${stuckSignals
          .map(s => s.message)
          .join('; ')}, with no progress for ${minutes(
          idle,
        )} (threshold ${minutes(thresholds.changeStuckAfterSeconds)})`,
        resource,
        { since: change.lastProgress, fix },
      ),
    );
  }
  return reasons;
}
