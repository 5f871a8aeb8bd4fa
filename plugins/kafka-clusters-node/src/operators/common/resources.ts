import { HealthReason } from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthThresholds } from '../types';
import { ProjectedMeta, refOf } from './meta';
import { ageSeconds } from './time';
import { reason } from './verdict';

/**
 * When the resource's spec last changed: from `managedFields`, else its creation when it was
 * never changed (generation 1). `undefined` when unknown, so a change is never called stuck on a
 * guess.
 */
export function changeSince(meta: ProjectedMeta): string | undefined {
  if (meta.specChangedAt) {
    return meta.specChangedAt;
  }
  return meta.generation === undefined || meta.generation <= 1
    ? meta.creationTimestamp
    : undefined;
}

/**
 * A resource the operator has not written a status for: `progressing` while young (the
 * operator has not got to it yet), `unknown` once older than the stuck threshold.
 */
export function noStatusReasons(
  meta: ProjectedMeta,
  operator: string,
  now: Date,
  thresholds: HealthThresholds,
): HealthReason[] {
  const ref = refOf(meta);
  // Without a status since creation, however often the spec changed.
  const since = meta.creationTimestamp;
  const age = ageSeconds(since, now);
  if (age !== undefined && age <= thresholds.changeStuckAfterSeconds) {
    return [
      reason(
        'ResourcePending',
        'progressing',
        `${meta.kind} ${meta.name} has no status yet: waiting for ${operator}`,
        ref,
        {
          since,
        },
      ),
    ];
  }
  return [
    reason(
      'NoStatus',
      'unknown',
      `${meta.kind} ${meta.name} has no status: ${operator} has not reconciled it`,
      ref,
      {
        since,
        fix: `Check that ${operator} is running and watches namespace ${meta.namespace}`,
      },
    ),
  ];
}

/**
 * A resource the operator is still working on: `progressing`, or `degraded` (`ChangeStuck`)
 * once its last spec change is older than the stuck threshold.
 */
export function pendingReasons(
  meta: ProjectedMeta,
  message: string,
  now: Date,
  thresholds: HealthThresholds,
  fix?: string,
): HealthReason[] {
  const ref = refOf(meta);
  const since = changeSince(meta);
  const age = ageSeconds(since, now);
  if (age !== undefined && age > thresholds.changeStuckAfterSeconds) {
    return [
      reason(
        'ChangeStuck',
        'degraded',
        `${message}, for ${Math.round(age / 60)} min`,
        ref,
        {
          since,
          fix:
            fix ?? `Check the operator's logs about ${meta.kind} ${meta.name}`,
        },
      ),
    ];
  }
  return [reason('ResourcePending', 'progressing', message, ref, { since })];
}
