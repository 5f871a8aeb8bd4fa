import {
  HealthReason,
  HealthReasonCode,
  KafkaReconcilePause,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ChangeState, excusesFailure } from '../../common/change';
import { findCondition } from '../../common/conditions';
import { RuleContext } from '../../common/context';
import { refOf } from '../../common/meta';
import { noStatusReasons, pendingReasons } from '../../common/resources';
import { reason } from '../../common/verdict';
import { STRIMZI_MANAGED } from './appProjections';
import { STRIMZI_PAUSE, StrimziStatus } from './projections';
import { refusedChange } from './warnings';

export const STRIMZI_OPERATOR = 'the Strimzi operator';

/** Paused by the annotation, or reported paused by the operator's condition. */
export function strimziPause(
  resource: StrimziStatus,
): KafkaReconcilePause | undefined {
  const what = `${resource.meta.kind} ${resource.meta.name}`;
  // Strimzi reads the annotation with Java's Boolean.parseBoolean, so "True" and "TRUE" pause
  // too (Annotations.booleanAnnotation in strimzi-kafka-operator's operator-common module).
  const value = resource.meta.annotations[STRIMZI_PAUSE];
  if (value?.toLowerCase() === 'true') {
    return {
      source: 'annotation',
      key: STRIMZI_PAUSE,
      reason: `${what} is annotated ${STRIMZI_PAUSE}="${value}"`,
    };
  }
  const condition = findCondition(resource.conditions, 'ReconciliationPaused');
  if (condition?.status === 'True') {
    const pause: KafkaReconcilePause = {
      source: 'condition',
      key: 'ReconciliationPaused',
      reason:
        condition.message ?? `Strimzi reports reconciliation of ${what} paused`,
    };
    if (condition.lastTransitionTime)
      pause.since = condition.lastTransitionTime;
    return pause;
  }
  return undefined;
}

/**
 * The condition by which the operator says the last reconcile failed: `NotReady=True`
 * (older operators, and Kafka) or `Ready=False` (the topic operator).
 */
export function failureCondition(resource: StrimziStatus) {
  const notReady = findCondition(resource.conditions, 'NotReady');
  if (notReady?.status === 'True') {
    return notReady;
  }
  const ready = findCondition(resource.conditions, 'Ready');
  return ready?.status === 'False' ? ready : undefined;
}

/**
 * `Warning=True` conditions. Strimzi writes most of them as advice (deprecated fields or objects,
 * unknown fields, replication, min ISR and storage recommendations, the topic operator's
 * throttling note): shown, the verdict unaffected (`OperatorAdvisory`). Only those that say a
 * requested change was refused or ignored degrade (`OperatorWarning`); `warnings.ts` lists them
 * with the Strimzi source that writes each.
 */
export function warningReasons(resource: StrimziStatus): HealthReason[] {
  const what = `${resource.meta.kind} ${resource.meta.name}`;
  return resource.conditions
    .filter(c => c.type === 'Warning' && c.status === 'True')
    .map(c => {
      const detail = `${c.reason ? ` (${c.reason})` : ''}: ${
        c.message ?? 'no message'
      }`;
      const refused = refusedChange(c);
      if (refused) {
        return reason(
          'OperatorWarning',
          'degraded',
          `Strimzi did not apply a change to ${what}: ${refused.what}${detail}`,
          refOf(resource.meta),
          { since: c.lastTransitionTime, fix: refused.fix },
        );
      }
      return reason(
        'OperatorAdvisory',
        'healthy',
        `Strimzi advises about ${what}${detail}`,
        refOf(resource.meta),
        {
          since: c.lastTransitionTime,
          severity: 'warning',
          fix:
            c.reason === 'KafkaStorage'
              ? 'Use persistent-claim storage, or more than one node, so a restart does not lose data'
              : `Change the spec of ${what} as the warning says`,
        },
      );
    });
}

export interface StrimziResourceOptions {
  /**
   * A change in progress that may make a failure condition stale. When given, the caller
   * reports the change itself (creation, unobserved generation), so this rule does not.
   */
  change?: ChangeState;
  failureCode?: HealthReasonCode;
}

/**
 * The rule for Strimzi's other resources (KafkaTopic, KafkaUser, KafkaConnect, KafkaBridge,
 * KafkaMirrorMaker2, KafkaConnector): its conditions, read as the operators write them
 * (Strimzi's docs), and whether the operator has seen its latest spec.
 */
export function assessStrimziResource(
  resource: StrimziStatus,
  ctx: RuleContext,
  options: StrimziResourceOptions = {},
): HealthReason[] {
  const { meta } = resource;
  const ref = refOf(meta);
  const what = `${meta.kind} ${meta.name}`;
  const pause = strimziPause(resource);
  if (pause) {
    return [
      reason(
        'ResourcePaused',
        'healthy',
        `Reconciliation is paused: ${pause.reason}`,
        ref,
        {
          since: pause.since,
          fix: `Remove the annotation ${STRIMZI_PAUSE} when the maintenance is over`,
        },
      ),
    ];
  }
  const unmanaged = findCondition(resource.conditions, 'Unmanaged');
  if (
    unmanaged?.status === 'True' ||
    meta.annotations[STRIMZI_MANAGED] === 'false'
  ) {
    return [
      reason(
        'ResourceUnmanaged',
        'healthy',
        `${what} is not managed by Strimzi (${STRIMZI_MANAGED}: "false")`,
        ref,
        {
          since: unmanaged?.lastTransitionTime,
        },
      ),
    ];
  }
  if (!resource.hasStatus) {
    return noStatusReasons(meta, STRIMZI_OPERATOR, ctx.now, ctx.thresholds);
  }
  const reasons = warningReasons(resource);
  const failure = failureCondition(resource);
  if (failure?.reason === 'Creating') {
    if (!options.change) {
      reasons.push(
        ...pendingReasons(
          meta,
          `${what} is being created`,
          ctx.now,
          ctx.thresholds,
        ),
      );
    }
  } else if (failure) {
    const detail = `${failure.reason ? `${failure.reason}: ` : ''}${
      failure.message ?? 'no message'
    }`;
    if (options.change && excusesFailure(options.change)) {
      reasons.push(
        reason(
          'StaleOperatorCondition',
          'progressing',
          `Strimzi last reported ${what} not ready (${detail}), but a change is in progress since (${options.change.signals
            .map(s => s.message)
            .join('; ')})`,
          ref,
          { since: failure.lastTransitionTime },
        ),
      );
    } else {
      reasons.push(
        reason(
          options.failureCode ?? 'ResourceFailed',
          'degraded',
          `${what} is not ready: ${detail}`,
          ref,
          {
            since: failure.lastTransitionTime,
            fix: `Correct the spec of ${what} as the message says; Strimzi retries on its next reconcile`,
          },
        ),
      );
    }
  } else if (findCondition(resource.conditions, 'Ready')?.status !== 'True') {
    reasons.push(
      ...pendingReasons(
        meta,
        `${what} is not ready yet`,
        ctx.now,
        ctx.thresholds,
      ),
    );
  } else if (
    !options.change &&
    meta.generation !== undefined &&
    resource.observedGeneration !== undefined &&
    meta.generation > resource.observedGeneration
  ) {
    reasons.push(
      ...pendingReasons(
        meta,
        `Strimzi has not yet observed generation ${meta.generation} of ${what} (observed ${resource.observedGeneration})`,
        ctx.now,
        ctx.thresholds,
      ).map(r =>
        // The same signal, and code, as on the Kafka CR.
        r.code === 'ResourcePending'
          ? { ...r, code: 'SpecNotObserved' as const }
          : r,
      ),
    );
  }
  return reasons;
}
