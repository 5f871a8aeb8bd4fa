import { JsonObject, KubeObject } from '../../types';
import { SimContext } from '../context';
import { isReady } from '../kube/statefulsets';
import { updateObject } from '../writer';
import { MANUAL_ROLL, podDefinitions, revisionOf } from './podsets';
import { STRIMZI_MANAGER } from './names';

/** Where a resource's pods stand: rolling or not, all ready or not, and which pod holds it up. */
export interface RollState {
  rolling: boolean;
  allReady: boolean;
  /** The first pod that is missing or not ready. */
  waitingFor?: string;
  /** A pod was restarted in this step. */
  restarted?: string;
}

/**
 * One step of Strimzi's rolling restart over a resource's pod sets: a pod whose revision differs
 * from its definition, or asked to roll by `strimzi.io/manual-rolling-update`, is restarted once
 * every pod is ready (a pod that is not ready may go first), one at a time, in `order`.
 */
export function rollStep(
  ctx: SimContext,
  podSets: ReadonlyArray<Readonly<KubeObject>>,
  order: (a: string, b: string) => number,
): RollState {
  const namespace = String(podSets[0]?.metadata.namespace);
  const entries: Array<{
    name: string;
    pod?: Readonly<KubeObject>;
    stale: boolean;
  }> = [];
  const manualDone: Array<Readonly<KubeObject>> = [];
  for (const podSet of podSets) {
    const marker = `strimzi-manual|${podSet.metadata.uid}`;
    const manual = podSet.metadata.annotations?.[MANUAL_ROLL] === 'true';
    if (manual && !ctx.memory.has(marker)) {
      ctx.memory.set(marker, Math.floor(ctx.clock.now() / 1000) * 1000);
    }
    const since = ctx.memory.get(marker) as number | undefined;
    let pending = false;
    for (const definition of podDefinitions(podSet)) {
      const name = String((definition.metadata as JsonObject).name);
      const pod = ctx.api.get('v1', 'Pod', name, namespace);
      const byManual =
        (manual &&
          since !== undefined &&
          Date.parse(String(pod?.metadata.creationTimestamp)) < since) ||
        pod?.metadata.annotations?.[MANUAL_ROLL] === 'true';
      const stale =
        pod !== undefined &&
        (revisionOf(pod) !== revisionOf(definition) || byManual);
      pending ||= byManual;
      entries.push({ name, pod, stale });
    }
    if (manual && !pending) manualDone.push(podSet);
  }
  // Strimzi removes the annotation once the pods it asked for have rolled.
  for (const podSet of manualDone) {
    updateObject(
      ctx,
      podSet,
      copy => {
        delete copy.metadata.annotations?.[MANUAL_ROLL];
      },
      STRIMZI_MANAGER,
    );
    ctx.memory.delete(`strimzi-manual|${podSet.metadata.uid}`);
  }
  entries.sort((a, b) => order(a.name, b.name));
  const allReady = entries.every(e => e.pod && isReady(e.pod));
  const stale = entries.filter(e => e.stale);
  const next = stale[0];
  let restarted: string | undefined;
  if (next && (allReady || !isReady(next.pod))) {
    ctx.api.delete('v1', 'Pod', next.name, namespace);
    restarted = next.name;
  }
  return {
    rolling: stale.length > 0,
    allReady: allReady && !stale.length,
    waitingFor: entries.find(e => !e.pod || !isReady(e.pod))?.name,
    restarted,
  };
}
