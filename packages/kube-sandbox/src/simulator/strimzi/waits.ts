import { isObject, JsonObject, KubeObject } from '../../types';
import { SimContext } from '../context';
import { transition, writeStatus } from '../writer';
import { STRIMZI_MANAGER } from './names';
import { RollState } from './roller';

/**
 * Where a Strimzi reconcile stands while it waits for its pods: `ready` (go on and write Ready),
 * `waiting` (keep the status as it is: conditions change only when a reconcile ends), or
 * `timedOut` (the operation timeout passed with no progress; a new wait starts at the next
 * periodic reconcile).
 */
export function waitFor(
  ctx: SimContext,
  self: string,
  state: RollState,
): 'ready' | 'waiting' | 'timedOut' {
  const memo = `strimzi-wait|${self}`;
  if (state.allReady && !state.rolling) {
    ctx.memory.delete(memo);
    return 'ready';
  }
  const now = ctx.clock.now();
  let start = ctx.memory.get(memo) as number | undefined;
  // A pod restarted by the roll is progress: the timeout counts from there.
  if (start === undefined || state.restarted) {
    start = now;
    ctx.memory.set(memo, start);
  }
  const deadline = start + ctx.timings.strimziOperationTimeoutMs;
  if (now >= deadline) {
    ctx.memory.set(memo, now + ctx.timings.strimziReconcileMs);
    ctx.enqueue(
      self,
      ctx.timings.strimziReconcileMs + ctx.timings.strimziOperationTimeoutMs,
    );
    return 'timedOut';
  }
  ctx.enqueue(self, deadline - now);
  return 'waiting';
}

/**
 * What Strimzi writes when a reconcile fails (Strimzi's docs): `NotReady=True` with the
 * exception's class name as reason and its message, here the readiness timeout of Argo CD's sample.
 */
export function reconcileFailed(
  ctx: SimContext,
  resource: Readonly<KubeObject>,
  state: RollState,
  manager: string,
) {
  const status = (
    isObject(resource.status) ? resource.status : {}
  ) as JsonObject;
  const timeout = ctx.timings.strimziOperationTimeoutMs;
  const what = state.waitingFor ? `Pod resource ${state.waitingFor}` : 'Pods';
  writeStatus(
    ctx,
    resource,
    {
      ...status,
      conditions: [
        transition(ctx, status.conditions, {
          type: 'NotReady',
          status: 'True',
          reason: 'TimeoutException',
          message: `Exceeded timeout of ${timeout}ms while waiting for ${what} in namespace ${resource.metadata.namespace} to be ready`,
        }),
      ],
      observedGeneration: resource.metadata.generation,
    },
    manager,
  );
}

/**
 * A Kafka or Connect cluster whose reconciliation is paused: the operator says so in a
 * condition and leaves everything else as it is.
 */
export function writePaused(ctx: SimContext, cr: Readonly<KubeObject>) {
  const status = isObject(cr.status) ? cr.status : {};
  writeStatus(
    ctx,
    cr,
    {
      ...status,
      conditions: [
        transition(ctx, status.conditions, {
          type: 'ReconciliationPaused',
          status: 'True',
        }),
      ],
    },
    STRIMZI_MANAGER,
  );
}
