import {
  HealthReason,
  HealthReasonCode,
  KafkaHealth,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ChangeState, explains } from './change';
import { PodAssessment } from './pods';
import { reason } from './verdict';

/** What a group of pods is, for its reason codes and messages. */
export type GroupKind = 'brokers' | 'controllers' | 'replicas';

export interface GroupInput {
  kind: GroupKind;
  /** The CR that asks for the replicas. */
  owner: KubernetesObjectRef;
  desired?: number;
  /** The group's pods, assessed; `undefined` when pods are not watched. */
  pods?: readonly PodAssessment[];
  /** The operator's own ready count, used when pods are not watched. */
  reportedReady?: number;
  change: ChangeState;
  /** Controllers need a majority: fewer ready than ⌊n/2⌋+1 is a lost quorum. */
  quorum?: boolean;
}

export interface GroupResult {
  desired?: number;
  ready?: number;
  reasons: HealthReason[];
}

const NONE_READY: Record<GroupKind, HealthReasonCode> = {
  brokers: 'NoReadyBroker',
  controllers: 'ControllerQuorumLost',
  replicas: 'NoReadyReplica',
};

const SOME_READY: Record<GroupKind, HealthReasonCode> = {
  brokers: 'BrokersNotReady',
  controllers: 'ControllersNotReady',
  replicas: 'ReplicasNotReady',
};

const NONE_READY_FIX: Record<GroupKind, string> = {
  brokers:
    'See the pods’ reasons below; clients cannot produce or consume until a broker is ready',
  controllers:
    'See the pods’ reasons below; without a controller quorum no metadata change (topic, leader election) can happen',
  replicas: 'See the pods’ reasons below',
};

function explanation(change: ChangeState): string {
  return change.signals.map(s => s.message).join('; ');
}

/**
 * Desired vs ready for a group of pods. No ready pod, or a lost controller quorum, is
 * `unhealthy` unless the group is being created; some not ready is `progressing` when a change
 * or the pods' own grace explains it, else `degraded`.
 */
export function assessGroup(input: GroupInput): GroupResult {
  const { kind, owner, desired, pods, change } = input;
  const ready = pods
    ? pods.filter(p => p.status.ready).length
    : input.reportedReady;
  const result: GroupResult = { reasons: [] };
  if (desired !== undefined) result.desired = desired;
  if (ready !== undefined) result.ready = ready;
  if (
    desired === undefined ||
    desired === 0 ||
    ready === undefined ||
    ready >= desired
  ) {
    return result;
  }
  const creating = change.creating && !change.stuck;
  const quorum = Math.floor(desired / 2) + 1;
  if (ready === 0 || (input.quorum && ready < quorum)) {
    const impact: KafkaHealth = creating ? 'progressing' : 'unhealthy';
    const below =
      input.quorum && ready > 0 ? `, below the quorum of ${quorum}` : '';
    result.reasons.push(
      reason(
        ready === 0 ? NONE_READY[kind] : 'ControllerQuorumLost',
        impact,
        `${ready}/${desired} ${kind} ready${below}${
          creating ? ` while being created (${explanation(change)})` : ''
        }`,
        owner,
        {
          since: change.lastProgress,
          fix: creating ? undefined : NONE_READY_FIX[kind],
        },
      ),
    );
    return result;
  }
  const missing = pods ? desired - pods.length : 0;
  const unexplainedPod = (pods ?? []).some(
    p => !p.status.ready && p.status.health !== 'progressing',
  );
  const explained = explains(change);
  let impact: KafkaHealth = 'degraded';
  if (explained) {
    impact = 'progressing';
  } else if (pods && missing <= 0 && !unexplainedPod) {
    // Every pod that is not ready is still within its grace period.
    impact = 'progressing';
  }
  // Pods a change in progress has yet to create (a scale-up) are not missing.
  const missingText =
    missing > 0
      ? `, ${missing} pod${missing > 1 ? 's' : ''} ${
          explained ? 'not yet created' : 'missing'
        }`
      : '';
  let why = ' and no change in progress explains it';
  if (explained) {
    why = `: ${explanation(change)}`;
  } else if (impact === 'progressing') {
    why = ', the pods are starting';
  }
  result.reasons.push(
    reason(
      missing > 0 ? 'PodsMissing' : SOME_READY[kind],
      impact,
      `${ready}/${desired} ${kind} ready${missingText}${why}`,
      owner,
      {
        since: change.lastProgress,
        fix:
          missing > 0 && !explained
            ? `Check the operator's logs and the events of ${owner.kind} ${owner.name}: it should recreate the missing pods`
            : undefined,
      },
    ),
  );
  return result;
}
