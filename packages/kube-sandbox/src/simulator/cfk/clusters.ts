import { asObject, KubeObject } from '../../types';
import { SimContext } from '../context';
import { kafkaClusterId } from '../hash';
import {
  isReady,
  ordinalOf,
  ownedPods,
  revisionOf,
} from '../kube/statefulsets';
import { ensure, writeStatus } from '../writer';
import { CFK_API, CFK_MANAGER, clusterKind, cfkLabels } from './kinds';
import { cfkClusterStatus } from './status';
import { desiredService, desiredStatefulSet } from './template';

const obj = asObject;

/** A roll CFK has begun: pods created before `startedAt` are restarted (CFK's docs). */
interface Roll {
  generation: number;
  startedAt: number;
}

/** Not written while provisioning; behind the generation until a roll is done. */
function observedOf(
  phase: string,
  roll: Roll | undefined,
  observed: unknown,
  generation: number,
) {
  if (phase !== 'RUNNING') return undefined;
  return roll ? (observed as number) : generation;
}

/** Whether CFK leaves a CR alone: `platform.confluent.io/block-reconcile`, or an operatorStuck fault. */
export function cfkPaused(ctx: SimContext, cr: Readonly<KubeObject>): boolean {
  return (
    cr.metadata.annotations?.['platform.confluent.io/block-reconcile'] ===
      'true' ||
    ctx.faults.operatorStuck(
      String(cr.metadata.namespace),
      String(cr.metadata.name),
    )
  );
}

/** The Kafka cluster ID: the KRaft controller's (brokers join its cluster), else one of its own. */
function clusterIdOf(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
): string | undefined {
  const spec = obj(cr.spec);
  if (cr.kind === 'KRaftController') {
    return typeof spec.clusterID === 'string'
      ? spec.clusterID
      : kafkaClusterId(String(cr.metadata.uid));
  }
  if (cr.kind !== 'Kafka') return undefined;
  const ref = obj(obj(obj(spec.dependencies).kRaftController).clusterRef);
  if (ref.name) {
    const controller = ctx.api.get(
      CFK_API,
      'KRaftController',
      String(ref.name),
      String(ref.namespace ?? cr.metadata.namespace),
    );
    const id = obj(controller?.status).clusterID;
    return typeof id === 'string' ? id : undefined;
  }
  return kafkaClusterId(String(cr.metadata.uid));
}

/**
 * CFK's reconcile of a cluster CR: its Service and StatefulSet, a roll one pod at a time from
 * the highest ordinal after a spec change (each restarted pod ready before the next goes), and
 * its status: PROVISIONING until every replica was first ready, then RUNNING; `observedGeneration`
 * catches up when the roll is done.
 */
export function reconcileCfkCluster(
  ctx: SimContext,
  kindName: string,
  namespace: string,
  name: string,
) {
  const kind = clusterKind(kindName);
  const cr = ctx.api.get(CFK_API, kindName, name, namespace);
  if (!kind || !cr || cr.metadata.deletionTimestamp || cfkPaused(ctx, cr))
    return;
  const status = obj(cr.status);
  const generation = Number(cr.metadata.generation ?? 1);
  const replicas = Number(obj(cr.spec).replicas ?? 1);

  ensure(ctx, desiredService(cr, kind), CFK_MANAGER);
  const sts = ensure(ctx, desiredStatefulSet(cr, kind), CFK_MANAGER);
  const updateRevision = revisionOf(sts);
  const pods = ownedPods(ctx, sts, cfkLabels(name, namespace, kind.type));

  const rollKey = `cfk-roll|${kindName}|${namespace}|${name}`;
  let roll = ctx.memory.get(rollKey) as Roll | undefined;
  const observed = status.observedGeneration;
  if (
    status.phase === 'RUNNING' &&
    typeof observed === 'number' &&
    generation > observed &&
    (!roll || roll.generation < generation)
  ) {
    // Creation times have whole seconds: a roll starts at a whole second, or a pod recreated in
    // the same second would look older than it.
    roll = { generation, startedAt: Math.floor(ctx.clock.now() / 1000) * 1000 };
    ctx.memory.set(rollKey, roll);
  }
  const stale = (pod: Readonly<KubeObject>) =>
    pod.metadata.labels?.['controller-revision-hash'] !== updateRevision ||
    (roll !== undefined &&
      Date.parse(String(pod.metadata.creationTimestamp)) < roll.startedAt);
  const pending = pods
    .filter(stale)
    .sort((a, b) => ordinalOf(b, name) - ordinalOf(a, name));
  const allReady = pods.length >= replicas && pods.every(isReady);
  const next = pending[0];
  if (next && status.phase === 'RUNNING' && (allReady || !isReady(next))) {
    ctx.api.delete('v1', 'Pod', String(next.metadata.name), namespace);
  }
  const done = !pending.length && allReady;
  if (roll && done) {
    ctx.memory.delete(rollKey);
    roll = undefined;
  }
  const ready = pods.filter(isReady).length;
  const phase =
    status.phase === 'RUNNING' || ready >= replicas
      ? 'RUNNING'
      : 'PROVISIONING';
  writeStatus(
    ctx,
    cr,
    cfkClusterStatus(ctx, {
      cr,
      kind,
      phase,
      ready,
      current: pods.length,
      rolling:
        status.phase === 'RUNNING' &&
        (roll !== undefined || pending.length > 0),
      observedGeneration: observedOf(phase, roll, observed, generation),
      clusterID: clusterIdOf(ctx, cr),
    }),
    CFK_MANAGER,
  );
}
