import { errors } from '../api/status';
import { groupResource, KubeObject } from '../types';
import { timestamp } from './metadata';
import {
  ClusterCore,
  DeleteOptions,
  DeleteResult,
  getObject,
  Target,
} from './target';

/**
 * Deletes an object: immediately, or by marking it (deletionTimestamp) while finalizers remain;
 * namespaces go Terminating and are emptied first. Dependents are garbage-collected.
 * @public
 */
export function deleteObject(
  core: ClusterCore,
  target: Target,
  options: DeleteOptions = {},
): DeleteResult {
  const { type } = target;
  const current = getObject(core, target);
  const old = current.object;
  const pre = options.preconditions ?? {};
  if (pre.uid && pre.uid !== old.metadata.uid) {
    throw errors.conflict(
      type,
      String(old.metadata.name),
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  if (
    pre.resourceVersion &&
    pre.resourceVersion !== old.metadata.resourceVersion
  ) {
    throw errors.conflict(
      type,
      String(old.metadata.name),
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
    );
  }
  if (options.dryRun) return { object: old, deleted: true };
  const resource = groupResource(type);
  const pending =
    type.kind === 'Namespace' && type.builtin
      ? ['kubernetes']
      : old.metadata.finalizers ?? [];
  if (pending.length) {
    if (old.metadata.deletionTimestamp) return { object: old, deleted: false };
    const marked = structuredClone(old) as KubeObject;
    marked.metadata.deletionTimestamp = timestamp(new Date(core.now()));
    marked.metadata.deletionGracePeriodSeconds = 0;
    if (type.tracksGeneration)
      marked.metadata.generation = (old.metadata.generation ?? 1) + 1;
    if (type.kind === 'Namespace' && type.builtin) {
      marked.status = { ...(marked.status as object), phase: 'Terminating' };
      const entry = core.store.put(resource, marked);
      setImmediate(() => finalizeNamespace(core, String(old.metadata.name)));
      return { object: entry.object, deleted: false };
    }
    return { object: core.store.put(resource, marked).object, deleted: false };
  }
  if (type.kind === 'CustomResourceDefinition' && type.builtin) {
    deleteCustomResources(core, old);
  }
  const removed = core.store.remove(resource, current.key)!;
  collectGarbage(
    core,
    removed.object,
    options.propagationPolicy ?? 'Background',
  );
  return { object: removed.object, deleted: true };
}

/** The namespace controller's work: delete everything in the namespace, then the namespace. */
function finalizeNamespace(core: ClusterCore, namespace: string) {
  for (const type of core.registry.all()) {
    if (!type.namespaced) continue;
    const resource = groupResource(type);
    for (const entry of core.store.list(resource, namespace)) {
      core.store.remove(resource, entry.key);
    }
  }
  core.store.remove('namespaces', namespace);
}

function deleteCustomResources(core: ClusterCore, crd: Readonly<KubeObject>) {
  const spec = crd.spec as { group: string; names: { plural: string } };
  const resource = `${spec.names.plural}.${spec.group}`;
  for (const entry of core.store.list(resource)) {
    core.store.remove(resource, entry.key);
  }
}

/**
 * The garbage collector's part of a delete: dependents whose owners are all gone are deleted
 * (in the background, as the GC controller does); Orphan removes the owner reference instead.
 */
export function collectGarbage(
  core: ClusterCore,
  owner: Readonly<KubeObject>,
  policy: NonNullable<DeleteOptions['propagationPolicy']>,
) {
  const uid = owner.metadata.uid;
  if (!uid) return;
  setImmediate(() => {
    let live: Set<string> | undefined;
    const ownerExists = (ref: string) => {
      live ??= new Set(
        core.store
          .resources()
          .flatMap(r => core.store.list(r).map(e => String(e.meta.uid))),
      );
      return live.has(ref);
    };
    for (const type of core.registry.all()) {
      const resource = groupResource(type);
      const candidates =
        type.namespaced && owner.metadata.namespace
          ? core.store.list(resource, owner.metadata.namespace)
          : core.store.list(resource);
      for (const entry of candidates) {
        if (!entry.meta.owners?.includes(uid)) continue;
        const refs = entry.object.metadata.ownerReferences ?? [];
        const rest = refs.filter(r => r.uid !== uid);
        const anyOwnerLeft = rest.some(r => ownerExists(r.uid));
        if (policy === 'Orphan' || anyOwnerLeft) {
          const updated = structuredClone(entry.object) as KubeObject;
          updated.metadata.ownerReferences = rest;
          if (!rest.length) delete updated.metadata.ownerReferences;
          core.store.put(resource, updated);
        } else {
          const target: Target = {
            type,
            namespace: entry.meta.namespace,
            name: entry.meta.name,
          };
          try {
            deleteObject(core, target, { propagationPolicy: 'Background' });
          } catch {
            // Deleted meanwhile: nothing left to collect.
          }
        }
      }
    }
  });
}
