import { isObject, JsonObject, KubeObject } from '../types';
import { nowIso, SimContext } from './context';

/*
 * Every write of the simulator goes through the cluster's in-process API, the same path as a
 * client's request (defaults, structural and CEL validation, generation, managedFields, watch
 * events), with strict field validation: a field the CRD does not know fails loudly instead of
 * being pruned.
 */

const STRICT = 'Strict' as const;

/** True when `have` holds everything `want` says (server-added defaults and fields do not count). */
export function covers(have: unknown, want: unknown): boolean {
  if (want === undefined) return true;
  if (Array.isArray(want)) {
    return (
      Array.isArray(have) &&
      have.length === want.length &&
      want.every((w, i) => covers(have[i], w))
    );
  }
  if (isObject(want)) {
    return (
      isObject(have) && Object.keys(want).every(k => covers(have[k], want[k]))
    );
  }
  return have === want;
}

/** Reads the current state of an object (undefined when missing). */
export function current(
  ctx: SimContext,
  object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>,
): Readonly<KubeObject> | undefined {
  return ctx.api.get(
    String(object.apiVersion),
    String(object.kind),
    String(object.metadata.name),
    object.metadata.namespace,
  );
}

/**
 * Creates the object, or updates it when it lacks something `desired` says (spec, labels,
 * annotations, owners); leaves it alone otherwise. Returns the stored object.
 */
export function ensure(
  ctx: SimContext,
  desired: KubeObject,
  manager: string,
): Readonly<KubeObject> {
  const existing = current(ctx, desired);
  if (!existing) {
    return ctx.api.create(desired, { manager, fieldValidation: STRICT });
  }
  const { metadata, status: _status, ...body } = desired;
  const wantMeta = {
    labels: metadata.labels,
    annotations: metadata.annotations,
    ownerReferences: metadata.ownerReferences,
  };
  if (covers(existing, body) && covers(existing.metadata, wantMeta)) {
    return existing;
  }
  const next = structuredClone(existing) as KubeObject;
  Object.assign(next, structuredClone(body));
  next.metadata = {
    ...next.metadata,
    labels: { ...next.metadata.labels, ...metadata.labels },
    annotations: { ...next.metadata.annotations, ...metadata.annotations },
    ...(metadata.ownerReferences
      ? { ownerReferences: metadata.ownerReferences }
      : {}),
  };
  return ctx.api.update(next, { manager, fieldValidation: STRICT });
}

/** Writes a status (no write, and no watch event, when it is unchanged). */
export function writeStatus(
  ctx: SimContext,
  object: Readonly<KubeObject>,
  status: JsonObject,
  manager: string,
): Readonly<KubeObject> {
  return ctx.api.updateStatus(
    { ...structuredClone(object), status } as KubeObject,
    { manager, fieldValidation: STRICT },
  );
}

/** Writes the main resource with a change applied to a copy of it (no write when unchanged). */
export function updateObject(
  ctx: SimContext,
  object: Readonly<KubeObject>,
  change: (copy: KubeObject) => void,
  manager: string,
): Readonly<KubeObject> {
  const copy = structuredClone(object) as KubeObject;
  change(copy);
  return ctx.api.update(copy, { manager, fieldValidation: STRICT });
}

/** Deletes an object if it is still there. */
export function remove(ctx: SimContext, object: Readonly<KubeObject>) {
  if (!current(ctx, object)) return;
  ctx.api.delete(
    String(object.apiVersion),
    String(object.kind),
    String(object.metadata.name),
    object.metadata.namespace,
    { preconditions: { uid: object.metadata.uid } },
  );
}

/** A condition as the operators write them. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/**
 * The condition with its `lastTransitionTime` kept from the previous one of its type while the
 * status does not change, as every Kubernetes controller does. `probeTime` adds CFK's
 * `lastProbeTime` (set at the transition too).
 */
export function transition(
  ctx: SimContext,
  previous: unknown,
  next: Condition,
  probeTime = false,
): JsonObject {
  const old = (Array.isArray(previous) ? previous : []).find(
    c => isObject(c) && c.type === next.type,
  ) as JsonObject | undefined;
  const kept =
    old?.status === next.status && typeof old.lastTransitionTime === 'string';
  const at = kept ? String(old!.lastTransitionTime) : nowIso(ctx);
  return {
    ...(probeTime
      ? { lastProbeTime: kept && old!.lastProbeTime ? old!.lastProbeTime : at }
      : {}),
    lastTransitionTime: at,
    ...(next.message !== undefined ? { message: next.message } : {}),
    ...(next.reason !== undefined ? { reason: next.reason } : {}),
    status: next.status,
    type: next.type,
  };
}
