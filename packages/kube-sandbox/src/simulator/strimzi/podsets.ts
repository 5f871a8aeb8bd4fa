import { isObject, JsonObject, KubeObject } from '../../types';
import { ownerRef, SimContext } from '../context';
import { hexHash } from '../hash';
import { isReady, ownedPods } from '../kube/statefulsets';
import { writeStatus } from '../writer';
import { PODSET_GROUP, STRIMZI_MANAGER } from './names';

export const REVISION = 'strimzi.io/revision';
export const MANUAL_ROLL = 'strimzi.io/manual-rolling-update';

/** A pod definition with its `strimzi.io/revision`: a hash of everything else in it. */
export function withRevision(pod: KubeObject): KubeObject {
  const revision = hexHash(JSON.stringify(pod), 8);
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      annotations: { ...pod.metadata.annotations, [REVISION]: revision },
    },
  };
}

/** The revision a pod (or a pod definition) carries. */
export function revisionOf(
  pod: Readonly<KubeObject> | JsonObject | undefined,
): string | undefined {
  const meta = isObject(pod?.metadata) ? pod!.metadata : {};
  return isObject(meta.annotations)
    ? (meta.annotations[REVISION] as string | undefined)
    : undefined;
}

/** The pod definitions of a StrimziPodSet's spec. */
export function podDefinitions(podSet: Readonly<KubeObject>): JsonObject[] {
  const pods = (podSet.spec as JsonObject | undefined)?.pods;
  return (Array.isArray(pods) ? pods : []).filter(isObject);
}

/** A StrimziPodSet holding complete pod definitions, owned by the resource it runs. */
export function desiredPodSet(
  owner: Readonly<KubeObject>,
  apiVersion: string,
  name: string,
  labels: Record<string, string>,
  matchLabels: Record<string, string>,
  pods: KubeObject[],
): KubeObject {
  return {
    apiVersion,
    kind: 'StrimziPodSet',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels,
      ownerReferences: [ownerRef(owner)],
    },
    spec: { selector: { matchLabels }, pods },
  };
}

/**
 * The StrimziPodSet controller (part of Strimzi's cluster operator): a pod for every definition
 * in the spec, none for others, and the counts in status (`currentPods`: pods on the revision
 * their definition holds).
 */
export function reconcilePodSet(
  ctx: SimContext,
  namespace: string,
  name: string,
) {
  const api = ctx.storedAt(PODSET_GROUP, 'StrimziPodSet');
  const podSet = api && ctx.api.get(api, 'StrimziPodSet', name, namespace);
  if (!podSet || podSet.metadata.deletionTimestamp) return;
  const matchLabels =
    ((podSet.spec as JsonObject).selector as JsonObject | undefined)
      ?.matchLabels ?? {};
  const definitions = podDefinitions(podSet);
  const owned = ownedPods(ctx, podSet, matchLabels as Record<string, string>);
  const byName = new Map(owned.map(p => [String(p.metadata.name), p]));
  for (const definition of definitions) {
    const meta = definition.metadata as JsonObject;
    const podName = String(meta.name);
    if (byName.has(podName) || ctx.api.get('v1', 'Pod', podName, namespace))
      continue;
    const created = ctx.api.create(
      {
        ...(structuredClone(definition) as KubeObject),
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...(structuredClone(meta) as KubeObject['metadata']),
          namespace,
          ownerReferences: [ownerRef(podSet)],
        },
      },
      { manager: STRIMZI_MANAGER, fieldValidation: 'Strict' },
    );
    byName.set(podName, created);
  }
  for (const pod of owned) {
    if (
      !definitions.some(
        d => (d.metadata as JsonObject).name === pod.metadata.name,
      )
    ) {
      ctx.api.delete('v1', 'Pod', String(pod.metadata.name), namespace);
      byName.delete(String(pod.metadata.name));
    }
  }
  const pods = definitions.map(d =>
    byName.get(String((d.metadata as JsonObject).name)),
  );
  writeStatus(
    ctx,
    podSet,
    {
      observedGeneration: podSet.metadata.generation,
      pods: definitions.length,
      readyPods: pods.filter(isReady).length,
      currentPods: pods.filter(
        (p, i) => p && revisionOf(p) === revisionOf(definitions[i]),
      ).length,
    },
    STRIMZI_MANAGER,
  );
}

/** The pod sets a resource owns, by its labels. */
export function podSetsOf(
  ctx: SimContext,
  owner: Readonly<KubeObject>,
): Array<Readonly<KubeObject>> {
  const api = ctx.storedAt(PODSET_GROUP, 'StrimziPodSet');
  if (!api) return [];
  return ctx.api
    .list(api, 'StrimziPodSet', owner.metadata.namespace)
    .filter(s =>
      s.metadata.ownerReferences?.some(r => r.uid === owner.metadata.uid),
    );
}
