import { ApiError, errors } from '../api/status';
import { listObjects, ListOptions } from '../resources/list';
import { applyObject, ApplyOptions } from '../resources/apply';
import { bindPod } from '../resources/binding';
import { deleteObject } from '../resources/deletion';
import {
  ClusterCore,
  DeleteOptions,
  getObject,
  Target,
  WriteOptions,
} from '../resources/target';
import { createObject, patchObject, updateObject } from '../resources/writes';
import { PATCH_TYPES } from '../patch/patches';
import { atVersion } from '../store/serialize';
import { KubeObject, ResourceType } from '../types';

/** The patch types of {@link ObjectApi.patch}. @public */
export type PatchType = 'merge' | 'json' | 'strategic';

/**
 * In-process access to a cluster's objects through the same write path as HTTP (defaults,
 * validation, resourceVersions, generation, managedFields, events): for tests and for a simulator
 * that writes objects and status. Errors are thrown as ApiError with the Status a client would get.
 * Returned objects are frozen.
 * @public
 */
export interface ObjectApi {
  create(object: KubeObject, options?: WriteOptions): Readonly<KubeObject>;
  get(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Readonly<KubeObject> | undefined;
  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
    options?: ListOptions,
  ): Array<Readonly<KubeObject>>;
  /** Server-side apply of a configuration (creates the object when missing). */
  apply(
    object: KubeObject,
    options?: ApplyOptions & { subresource?: 'status' },
  ): Readonly<KubeObject>;
  /** PUT: replaces the object (its status stays, where the kind has a status subresource). */
  update(object: KubeObject, options?: WriteOptions): Readonly<KubeObject>;
  /** PUT on /status: replaces only the status. */
  updateStatus(
    object: KubeObject,
    options?: WriteOptions,
  ): Readonly<KubeObject>;
  patch(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    patch: unknown,
    type?: PatchType,
    options?: WriteOptions & { subresource?: 'status' },
  ): Readonly<KubeObject>;
  delete(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
    options?: DeleteOptions,
  ): Readonly<KubeObject>;
  /**
   * POST on `pods/{name}/binding`, as the scheduler does: assigns the pod to a node and marks it
   * scheduled (409 when it already has one).
   */
  bind(
    namespace: string,
    name: string,
    nodeName: string,
    options?: Pick<WriteOptions, 'manager'>,
  ): Readonly<KubeObject>;
}

/** Creates the in-process API of a cluster. */
export function createObjectApi(core: ClusterCore): ObjectApi {
  const resolve = (
    apiVersion: string,
    kind: string,
  ): { type: ResourceType; version: string } => {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/')
      : ['', apiVersion];
    const type = core.registry.byKind(group, kind);
    if (!type || !type.versions.some(v => v.name === version)) {
      throw errors.badRequest(
        `no matches for kind "${kind}" in version "${apiVersion}"`,
      );
    }
    return { type, version };
  };
  const target = (object: KubeObject, subresource?: 'status'): Target => ({
    ...resolve(String(object.apiVersion), String(object.kind)),
    namespace: object.metadata?.namespace,
    name: object.metadata?.name,
    subresource,
  });
  const manager = (options?: WriteOptions) => ({
    manager: 'kube-sandbox',
    ...options,
  });
  const at = (o: Readonly<KubeObject>, apiVersion: string) =>
    Object.freeze(atVersion(o, apiVersion));
  return {
    create: (object, options) =>
      at(
        createObject(core, target(object), object, manager(options)),
        String(object.apiVersion),
      ),
    get(apiVersion, kind, name, namespace) {
      const t = { ...resolve(apiVersion, kind), name, namespace };
      try {
        return at(getObject(core, t).object, apiVersion);
      } catch (error) {
        if (error instanceof ApiError && error.status.code === 404) {
          return undefined;
        }
        throw error;
      }
    },
    list(apiVersion, kind, namespace, options = {}) {
      const { type } = resolve(apiVersion, kind);
      return listObjects(core, type, namespace, options).items.map(e =>
        at(e.object, apiVersion),
      );
    },
    apply(object, options = {}) {
      const { subresource, ...write } = options;
      return at(
        applyObject(core, target(object, subresource), object, manager(write))
          .object,
        String(object.apiVersion),
      );
    },
    update: (object, options) =>
      at(
        updateObject(core, target(object), object, manager(options)),
        String(object.apiVersion),
      ),
    updateStatus: (object, options) =>
      at(
        updateObject(core, target(object, 'status'), object, manager(options)),
        String(object.apiVersion),
      ),
    patch(
      apiVersion,
      kind,
      name,
      namespace,
      patch,
      type = 'merge',
      options = {},
    ) {
      const { subresource, ...write } = options;
      const t: Target = {
        ...resolve(apiVersion, kind),
        name,
        namespace,
        subresource,
      };
      return at(
        patchObject(core, t, PATCH_TYPES[type], patch, manager(write)),
        apiVersion,
      );
    },
    delete(apiVersion, kind, name, namespace, options) {
      const t: Target = { ...resolve(apiVersion, kind), name, namespace };
      return at(deleteObject(core, t, options).object, apiVersion);
    },
    bind: (namespace, name, nodeName, options) =>
      bindPod(core, namespace, name, nodeName, options?.manager),
  };
}
