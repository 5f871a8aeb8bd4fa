import { isObject, JsonObject } from '../../types';
import { every, key, since, SimContext } from '../context';
import { updateObject, writeStatus } from '../writer';

/** The CSI driver that provisions the default storage class (an EBS-backed `gp3`, as in the fixtures). */
export const PROVISIONER = 'ebs.csi.aws.com';

/**
 * The persistent volume controller and the CSI provisioner of one claim: a Pending claim is
 * provisioned and bound after `pvcBindMs`, unless a pvcPending fault covers it; then it stays
 * Pending with a ProvisioningFailed event, counted once per retry.
 */
export function reconcileClaim(
  ctx: SimContext,
  namespace: string,
  name: string,
) {
  const pvc = ctx.api.get('v1', 'PersistentVolumeClaim', name, namespace);
  if (!pvc || pvc.metadata.deletionTimestamp) return;
  const status = (pvc.status ?? {}) as JsonObject;
  if (status.phase && status.phase !== 'Pending') return;
  const spec = (pvc.spec ?? {}) as JsonObject;
  const storageClass = String(spec.storageClassName ?? ctx.storageClass);
  const self = key('pvc', '', namespace, name);
  const fault = ctx.faults.pvcPending(namespace, name);
  if (fault) {
    if (
      every(ctx, `ProvisioningFailed|${pvc.metadata.uid}`, ctx.timings.retryMs)
    ) {
      ctx.events.warning(
        pvc,
        'ProvisioningFailed',
        fault.message ??
          `storageclass.storage.k8s.io "${storageClass}" not found`,
        { component: 'persistentvolume-controller' },
      );
    }
    ctx.enqueue(self, ctx.timings.retryMs);
    return;
  }
  const wait =
    ctx.timings.pvcBindMs - since(ctx, pvc.metadata.creationTimestamp);
  if (wait > 0) {
    ctx.enqueue(self, wait);
    return;
  }
  const volumeName = `pvc-${pvc.metadata.uid}`;
  const bound = updateObject(
    ctx,
    pvc,
    copy => {
      (copy.spec as JsonObject).volumeName = volumeName;
      copy.metadata.annotations = {
        ...copy.metadata.annotations,
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': PROVISIONER,
        'volume.kubernetes.io/storage-provisioner': PROVISIONER,
      };
    },
    'kube-controller-manager',
  );
  const requests =
    isObject(spec.resources) && isObject(spec.resources.requests)
      ? spec.resources.requests
      : {};
  writeStatus(
    ctx,
    bound,
    {
      phase: 'Bound',
      accessModes: spec.accessModes,
      capacity: { storage: requests.storage },
    },
    'kube-controller-manager',
  );
}
