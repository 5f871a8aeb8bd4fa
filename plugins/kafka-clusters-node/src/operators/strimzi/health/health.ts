import {
  HealthReason,
  KafkaReconcilePause,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  ChangeSignal,
  ChangeState,
  excusesFailure,
  specNotObserved,
} from '../../common/change';
import { findCondition } from '../../common/conditions';
import { ProjectedPod } from '../../common/core';
import { keyOf, refOf } from '../../common/meta';
import { latestTime } from '../../common/time';
import { reason } from '../../common/verdict';
import {
  ProjectedStrimziKafka,
  ProjectedStrimziPodSet,
  STRIMZI_MANUAL_ROLL,
  STRIMZI_PAUSE,
  STRIMZI_REVISION,
} from './projections';
import { failureCondition, warningReasons } from './resourceHealth';
import { STRIMZI_LABELS } from '../facts';

/** `kafkaMetadataState` values (v1beta2) that mean a ZooKeeper → KRaft migration is under way. */
export const MIGRATION_STATES = [
  'KRaftMigration',
  'KRaftDualWriting',
  'KRaftPostMigration',
  'PreKRaft',
];

/**
 * Whether a pod runs the revision its StrimziPodSet holds for it: the pod's revision annotation
 * against the same annotation in the pod set's spec (the pod set is the one named by the pod's
 * controller-name label). `undefined` when either is unknown.
 */
export function strimziRevisionCheck(
  podSets: ReadonlyMap<string, ProjectedStrimziPodSet>,
): (pod: ProjectedPod) => boolean | undefined {
  return pod => {
    const podSet = podSets.get(
      keyOf(
        pod.meta.namespace,
        pod.meta.labels[STRIMZI_LABELS.controllerName] ?? '',
      ),
    );
    const expected = podSet?.revisions[pod.meta.name];
    const actual = pod.meta.annotations[STRIMZI_REVISION];
    return expected && actual ? expected === actual : undefined;
  };
}

/**
 * A rolling update in progress: pods on an old revision, a pod set whose `currentPods` is below
 * `pods`, or a manual rolling update asked for.
 */
export function strimziRollSignal(
  owner: string,
  pods: readonly ProjectedPod[],
  podSets: readonly ProjectedStrimziPodSet[],
  current: (pod: ProjectedPod) => boolean | undefined,
): ChangeSignal | undefined {
  const behind = pods.filter(p => current(p) === false).length;
  const setsBehind = podSets.filter(
    s =>
      s.pods !== undefined &&
      s.currentPods !== undefined &&
      s.currentPods < s.pods,
  );
  const manual =
    podSets.some(s => s.meta.annotations[STRIMZI_MANUAL_ROLL] === 'true') ||
    pods.some(p => p.meta.annotations[STRIMZI_MANUAL_ROLL] === 'true');
  if (behind === 0 && setsBehind.length === 0 && !manual) {
    return undefined;
  }
  const details: string[] = [];
  if (behind > 0) {
    details.push(
      `${pods.length - behind}/${pods.length} pods on the current revision`,
    );
  } else if (setsBehind.length > 0) {
    details.push(
      setsBehind
        .map(
          s =>
            `StrimziPodSet ${s.meta.name} has ${s.currentPods}/${s.pods} pods on the current revision`,
        )
        .join(', '),
    );
  }
  if (manual) {
    details.push(
      `a manual rolling update was asked for (${STRIMZI_MANUAL_ROLL})`,
    );
  }
  // The roll began when the cluster operator wrote the new pod definitions (and their
  // `strimzi.io/revision`) into the pod sets' spec, before it restarts a pod: that write's
  // managedFields time (StrimziPodSet spec, see Strimzi's KafkaReconciler and
  // StrimziPodSetController in strimzi-kafka-operator's cluster-operator module).
  const since = latestTime(
    ...(setsBehind.length > 0 ? setsBehind : podSets).map(
      s => s.meta.specChangedAt,
    ),
  );
  return {
    code: 'RollInProgress',
    message: `Strimzi is rolling ${owner}: ${details.join('; ')}`,
    ...(since ? { since } : {}),
  };
}

/** What the Kafka CR itself says is changing. */
export function strimziKafkaSignals(
  kafka: ProjectedStrimziKafka,
  pause: KafkaReconcilePause | undefined,
  roll: ChangeSignal | undefined,
): { signals: ChangeSignal[]; creating: boolean } {
  const signals: ChangeSignal[] = [];
  const what = `Kafka ${kafka.meta.name}`;
  const notReady = findCondition(kafka.conditions, 'NotReady');
  const creating =
    notReady?.status === 'True' && notReady.reason === 'Creating';
  if (creating) {
    signals.push({
      code: 'Provisioning',
      message: `Strimzi is creating ${what}${
        notReady.message ? ` (${notReady.message})` : ''
      }`,
      since: notReady.lastTransitionTime,
    });
  }
  const unobserved = pause
    ? undefined
    : specNotObserved('Strimzi', what, kafka.meta, kafka.observedGeneration);
  if (unobserved) signals.push(unobserved);
  if (
    kafka.kafkaMetadataState &&
    MIGRATION_STATES.includes(kafka.kafkaMetadataState)
  ) {
    signals.push({
      code: 'MetadataMigration',
      message: `${what} is migrating its metadata from ZooKeeper to KRaft (${kafka.kafkaMetadataState})`,
    });
  }
  if (roll) {
    signals.push(roll);
  }
  return { signals, creating };
}

/**
 * The operator's view of the Kafka CR: no status, a failed reconcile (or a stale one while a
 * change is in progress, as conditions only change when a reconcile ends: Strimzi's docs),
 * warnings, and a paused reconciliation.
 */
export function strimziKafkaReasons(
  kafka: ProjectedStrimziKafka,
  change: ChangeState,
  pause: KafkaReconcilePause | undefined,
): HealthReason[] {
  const ref = refOf(kafka.meta);
  const what = `Kafka ${kafka.meta.name}`;
  if (!kafka.hasStatus) {
    return [
      reason(
        'NoStatus',
        'unknown',
        `Strimzi has not written a status for ${what}`,
        ref,
        {
          since: kafka.meta.creationTimestamp,
          fix: `Check that the Strimzi cluster operator is running and watches namespace ${kafka.meta.namespace}`,
        },
      ),
    ];
  }
  const reasons = warningReasons(kafka);
  const failure = failureCondition(kafka);
  if (failure && failure.reason !== 'Creating') {
    const detail = `${failure.reason ? `${failure.reason}: ` : ''}${
      failure.message ?? 'no message'
    }`;
    reasons.push(
      excusesFailure(change)
        ? reason(
            'StaleOperatorCondition',
            'progressing',
            `Strimzi's last reconcile of ${what} failed (${detail}), but that may be stale: ${change.signals
              .map(s => s.message)
              .join('; ')}`,
            ref,
            { since: failure.lastTransitionTime },
          )
        : reason(
            'ReconcileFailed',
            'degraded',
            `Strimzi's last reconcile of ${what} failed: ${detail}`,
            ref,
            {
              since: failure.lastTransitionTime,
              fix: 'Read the cluster operator’s log for this reconcile, and correct the spec or the cluster as the message says',
            },
          ),
    );
  }
  if (pause) {
    reasons.push(
      reason(
        'ReconciliationPaused',
        'healthy',
        `Reconciliation is paused: ${pause.reason}`,
        ref,
        {
          since: pause.since,
          fix: `Remove the annotation ${STRIMZI_PAUSE} when the maintenance is over`,
        },
      ),
    );
  }
  return reasons;
}
