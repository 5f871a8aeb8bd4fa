import { ObjectApi } from '../cluster/objectApi';
import { KubeObject } from '../types';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Creates an object as `kubectl apply` does the first time: with the last-applied annotation
 * holding the applied manifest, and `kubectl-client-side-apply` as its field manager. Existing
 * objects are left as they are (the demo seeds an empty cluster).
 */
export function apply(
  api: ObjectApi,
  object: KubeObject,
): Readonly<KubeObject> {
  const existing = api.get(
    String(object.apiVersion),
    String(object.kind),
    String(object.metadata.name),
    object.metadata.namespace,
  );
  if (existing) return existing;
  const annotated: KubeObject = {
    ...object,
    metadata: {
      ...object.metadata,
      annotations: {
        ...object.metadata.annotations,
        [LAST_APPLIED]: `${JSON.stringify(object)}\n`,
      },
    },
  };
  return api.create(annotated, {
    manager: 'kubectl-client-side-apply',
    fieldValidation: 'Strict',
  });
}

/** The label the demo catalog's services are found by (`backstage.io/kubernetes-id`). */
export function service(id: 'orders' | 'payments' | 'shipping') {
  return { 'backstage.io/kubernetes-id': id };
}

/** A namespace of the demo fleet. */
export function namespace(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}
