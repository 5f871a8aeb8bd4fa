import { errors } from '../api/status';
import { isObject, JsonObject, KubeObject } from '../types';
import { updateManagedFields } from './managedFields';
import { timestamp } from './metadata';
import { ClusterCore } from './target';

/**
 * What `POST pods/{name}/binding` does (the scheduler's write): sets `spec.nodeName` on a pod
 * that has none and marks it `PodScheduled=True`. A pod update may not change `spec.nodeName`,
 * so this is the only way a pod gets its node after creation. 409 when already bound.
 * @public
 */
export function bindPod(
  core: ClusterCore,
  namespace: string,
  name: string,
  nodeName: string,
  manager = 'kube-scheduler',
): Readonly<KubeObject> {
  const type = core.registry.get('', 'pods')!;
  const key = `${namespace}/${name}`;
  const current = core.store.get('pods', key);
  if (!current) throw errors.notFound(type, name);
  const old = current.object;
  const oldSpec = (old.spec ?? {}) as JsonObject;
  if (oldSpec.nodeName) {
    throw errors.conflict(
      type,
      name,
      `pod ${name} is already assigned to node "${oldSpec.nodeName}"`,
    );
  }
  if (old.metadata.deletionTimestamp) {
    throw errors.conflict(
      type,
      name,
      `pod ${name} is being deleted, cannot be assigned to a host`,
    );
  }
  const next = structuredClone(old) as JsonObject & KubeObject;
  (next.spec as JsonObject).nodeName = nodeName;
  const status = (isObject(next.status) ? next.status : {}) as JsonObject;
  const conditions = (
    Array.isArray(status.conditions) ? status.conditions : []
  ).filter(c => !isObject(c) || c.type !== 'PodScheduled');
  conditions.push({
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: timestamp(new Date(core.now())),
  });
  next.status = { ...status, conditions };
  updateManagedFields(next, old as JsonObject, manager, 'v1', {
    statusSubresource: false,
    time: core.now(),
  });
  return core.store.put('pods', next).object;
}
