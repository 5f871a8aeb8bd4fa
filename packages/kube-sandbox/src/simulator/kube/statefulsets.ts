import { isObject, JsonObject, KubeObject } from '../../types';
import { controllerOf, every, ownerRef, SimContext } from '../context';
import { safeHash } from '../hash';
import { writeStatus } from '../writer';

const MANAGER = 'kube-controller-manager';

/** `k=v,k2=v2` from a label map (a selector's matchLabels). */
export function selectorOf(labels: Readonly<Record<string, unknown>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The revision a StatefulSet's template hashes to, as its ControllerRevision is named. */
export function revisionOf(sts: Readonly<KubeObject>): string {
  const spec = sts.spec as JsonObject;
  return `${sts.metadata.name}-${safeHash(JSON.stringify(spec.template))}`;
}

/** The ordinal of a StatefulSet pod (`name-<n>`), or -1. */
export function ordinalOf(pod: Readonly<KubeObject>, sts: string): number {
  const name = String(pod.metadata.name);
  const m = new RegExp(`^${sts.replace(/[.]/g, '\\.')}-(\\d+)$`).exec(name);
  return m ? Number(m[1]) : -1;
}

/** Whether a pod reports Ready=True. */
export function isReady(pod: Readonly<KubeObject> | undefined): boolean {
  const conditions = (pod?.status as JsonObject | undefined)?.conditions;
  return (
    Array.isArray(conditions) &&
    conditions.some(
      c => isObject(c) && c.type === 'Ready' && c.status === 'True',
    )
  );
}

/** The pods a StatefulSet (or any controller) owns, by its selector and controller reference. */
export function ownedPods(
  ctx: SimContext,
  owner: Readonly<KubeObject>,
  matchLabels: Readonly<Record<string, unknown>>,
): Array<Readonly<KubeObject>> {
  return ctx.api
    .list('v1', 'Pod', owner.metadata.namespace, {
      labelSelector: selectorOf(matchLabels),
    })
    .filter(p => controllerOf(p)?.uid === owner.metadata.uid);
}

function claimTemplates(spec: JsonObject): JsonObject[] {
  return (
    Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []
  ).filter(isObject);
}

function createClaims(
  ctx: SimContext,
  sts: Readonly<KubeObject>,
  podName: string,
) {
  const spec = sts.spec as JsonObject;
  const matchLabels = ((spec.selector as JsonObject).matchLabels ??
    {}) as Record<string, string>;
  for (const template of claimTemplates(spec)) {
    const meta = (template.metadata ?? {}) as JsonObject;
    const name = `${meta.name}-${podName}`;
    if (
      ctx.api.get('v1', 'PersistentVolumeClaim', name, sts.metadata.namespace)
    )
      continue;
    const claimSpec = (template.spec ?? {}) as JsonObject;
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: sts.metadata.namespace,
          labels: {
            ...matchLabels,
            ...(meta.labels as Record<string, string>),
          },
        },
        spec: {
          ...claimSpec,
          storageClassName: claimSpec.storageClassName ?? ctx.storageClass,
          volumeMode: claimSpec.volumeMode ?? 'Filesystem',
        },
      },
      { manager: MANAGER, fieldValidation: 'Strict' },
    );
  }
}

function createPod(
  ctx: SimContext,
  sts: Readonly<KubeObject>,
  ordinal: number,
  revision: string,
) {
  const spec = sts.spec as JsonObject;
  const template = structuredClone(spec.template) as JsonObject;
  const meta = (template.metadata ?? {}) as JsonObject;
  const podSpec = (template.spec ?? {}) as JsonObject;
  const name = `${sts.metadata.name}-${ordinal}`;
  const claimVolumes = claimTemplates(spec).map(t => ({
    name: String((t.metadata as JsonObject).name),
    persistentVolumeClaim: {
      claimName: `${(t.metadata as JsonObject).name}-${name}`,
    },
  }));
  const volumes = [
    ...(
      (Array.isArray(podSpec.volumes) ? podSpec.volumes : []) as JsonObject[]
    ).filter(v => !claimVolumes.some(c => c.name === v.name)),
    ...claimVolumes,
  ];
  ctx.api.create(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: sts.metadata.namespace,
        labels: {
          ...(meta.labels as Record<string, string>),
          'apps.kubernetes.io/pod-index': String(ordinal),
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': name,
        },
        ...(meta.annotations
          ? { annotations: meta.annotations as Record<string, string> }
          : {}),
        ownerReferences: [ownerRef(sts)],
      },
      spec: {
        ...podSpec,
        hostname: name,
        subdomain: spec.serviceName,
        volumes,
      },
    },
    { manager: MANAGER, fieldValidation: 'Strict' },
  );
}

/**
 * The StatefulSet controller: claims and pods for ordinals below `spec.replicas` (all at once
 * under `Parallel`, one after the other under `OrderedReady`), pods above it deleted from the
 * highest ordinal, `RollingUpdate` replacing outdated pods from the highest ordinal (`OnDelete`
 * leaves that to whoever deletes them, as CFK does), and the counts and revisions in status.
 */
export function reconcileStatefulSet(
  ctx: SimContext,
  namespace: string,
  name: string,
) {
  const sts = ctx.api.get('apps/v1', 'StatefulSet', name, namespace);
  if (!sts || sts.metadata.deletionTimestamp) return;
  const spec = sts.spec as JsonObject;
  const replicas = Number(spec.replicas ?? 1);
  const parallel = spec.podManagementPolicy === 'Parallel';
  const matchLabels = ((spec.selector as JsonObject).matchLabels ??
    {}) as Record<string, string>;
  const updateRevision = revisionOf(sts);
  let pods = ownedPods(ctx, sts, matchLabels);
  const byOrdinal = new Map(pods.map(p => [ordinalOf(p, name), p]));

  for (let i = 0; i < replicas; i++) {
    if (byOrdinal.has(i)) continue;
    const lowerReady = [...Array(i).keys()].every(j =>
      isReady(byOrdinal.get(j)),
    );
    if (!parallel && !lowerReady) break;
    const podName = `${name}-${i}`;
    if (ctx.api.get('v1', 'Pod', podName, namespace)) {
      // A pod of that name that is not the StatefulSet's: it is not adopted, as in Kubernetes.
      if (
        every(ctx, `FailedCreate|${sts.metadata.uid}|${i}`, ctx.timings.retryMs)
      ) {
        ctx.events.warning(
          sts,
          'FailedCreate',
          `create Pod ${podName} in StatefulSet ${name} failed error: pods "${podName}" already exists`,
          { component: 'statefulset-controller' },
        );
      }
      continue;
    }
    createClaims(ctx, sts, podName);
    createPod(ctx, sts, i, updateRevision);
    if (!parallel) break;
  }
  const surplus = pods
    .filter(p => ordinalOf(p, name) >= replicas)
    .sort((a, b) => ordinalOf(b, name) - ordinalOf(a, name));
  for (const pod of parallel ? surplus : surplus.slice(0, 1)) {
    ctx.api.delete('v1', 'Pod', String(pod.metadata.name), namespace);
  }
  const strategy = (spec.updateStrategy ?? {}) as JsonObject;
  if (
    strategy.type !== 'OnDelete' &&
    pods.length === replicas &&
    pods.every(isReady)
  ) {
    const outdated = pods
      .filter(
        p => p.metadata.labels?.['controller-revision-hash'] !== updateRevision,
      )
      .sort((a, b) => ordinalOf(b, name) - ordinalOf(a, name))[0];
    if (outdated)
      ctx.api.delete('v1', 'Pod', String(outdated.metadata.name), namespace);
  }

  pods = ownedPods(ctx, sts, matchLabels);
  const revisionCount = (rev: string) =>
    pods.filter(p => p.metadata.labels?.['controller-revision-hash'] === rev)
      .length;
  const previous = (sts.status ?? {}) as JsonObject;
  const updated = revisionCount(updateRevision);
  const currentRevision =
    updated === pods.length || !previous.currentRevision
      ? updateRevision
      : String(previous.currentRevision);
  const ready = pods.filter(isReady).length;
  const omitZero = (key: string, n: number) => (n ? { [key]: n } : {});
  writeStatus(
    ctx,
    sts,
    {
      observedGeneration: sts.metadata.generation,
      replicas: pods.length,
      ...omitZero('readyReplicas', ready),
      ...omitZero('currentReplicas', revisionCount(currentRevision)),
      ...omitZero('updatedReplicas', updated),
      currentRevision,
      updateRevision,
      collisionCount: 0,
      availableReplicas: ready,
    },
    MANAGER,
  );
}
