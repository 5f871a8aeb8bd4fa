import { randomUUID } from 'node:crypto';
import { ApiError, errors } from '../api/status';
import { jsonPatch, mergePatch, PATCH_TYPES } from '../patch/patches';
import { strategicMergePatch } from '../patch/strategic';
import { objectKey, StoredObject } from '../store/store';
import { atVersion } from '../store/serialize';
import {
  apiVersionOf,
  groupResource,
  isObject,
  jsonEqual,
  JsonObject,
  KubeObject,
  ResourceType,
} from '../types';
import { KIND_MODELS } from '../validation/builtinModels';
import { customResourceValidator } from '../validation/customResources';
import { FieldError } from '../validation/fieldErrors';
import { pruneBuiltin, StructuralReport } from '../validation/structural';
import { collectGarbage } from './deletion';
import { modelShape, schemaShape, Shape } from './fieldSets';
import { updateManagedFields } from './managedFields';
import { generateNameSuffix, timestamp, validateObjectMeta } from './metadata';
import {
  ClusterCore,
  getObject,
  schemaOf,
  strategyOf,
  Target,
  versionOf,
  WriteOptions,
} from './target';

/** The shape of a kind's objects at a version: its fields' list and map semantics. */
export function shapeOf(type: ResourceType, version: string): Shape {
  if (type.builtin) {
    return modelShape({ kind: 'model', name: KIND_MODELS[type.kind] });
  }
  return schemaShape(schemaOf(type, version) ?? {}, true);
}

/** Sets managedFields on an object about to be written (`old`: the stored one, if any). */
export type ManagedFieldsHook = (
  next: JsonObject,
  old: JsonObject | undefined,
) => void;

export function decode(target: Target, body: unknown): JsonObject {
  const { type } = target;
  const version = versionOf(target);
  if (!isObject(body)) {
    throw errors.badRequest(
      `Object 'Kind' is missing in '${JSON.stringify(body)}'`,
    );
  }
  const object = structuredClone(body);
  const expected = apiVersionOf(type.group, version);
  if (object.apiVersion === undefined) object.apiVersion = expected;
  if (object.kind === undefined) object.kind = type.kind;
  if (object.apiVersion !== expected || object.kind !== type.kind) {
    throw errors.badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (!isObject(object.metadata)) object.metadata = {};
  const meta = object.metadata as JsonObject;
  if (type.namespaced) {
    if (
      meta.namespace &&
      target.namespace &&
      meta.namespace !== target.namespace
    ) {
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = target.namespace ?? meta.namespace;
  } else {
    delete meta.namespace;
  }
  return object;
}

/** Prunes unknown fields and reports them as `fieldValidation` asks. */
export function structural(
  target: Target,
  object: JsonObject,
  options: WriteOptions,
) {
  const { type } = target;
  const version = versionOf(target);
  let report: StructuralReport | undefined;
  if (type.builtin) {
    report = pruneBuiltin(object, KIND_MODELS[type.kind]);
  } else {
    const schema = schemaOf(type, version);
    if (schema) report = customResourceValidator(schema).prune(object);
  }
  if (!report) return;
  const cannot = `${type.kind} in version "${version}" cannot be handled as a ${type.kind}`;
  if (report.decode.length) {
    throw errors.badRequest(`${cannot}: ${report.decode[0]}`);
  }
  if (!report.unknown.length || options.fieldValidation === 'Ignore') return;
  const messages = report.unknown.map(u => `unknown field "${u}"`);
  if (options.fieldValidation === 'Strict') {
    throw errors.badRequest(
      `${cannot}: strict decoding error: ${messages.join(', ')}`,
    );
  }
  options.warnings?.push(...messages);
}

function validate(
  target: Target,
  object: JsonObject,
  old?: Readonly<KubeObject>,
) {
  const { type } = target;
  const meta = object.metadata as JsonObject;
  const strategy = strategyOf(type);
  const errs: FieldError[] = [
    ...validateObjectMeta(meta, strategy.nameRule, type.namespaced),
    ...(strategy.validate?.(object, old) ?? []),
  ];
  if (!type.builtin) {
    const schema = schemaOf(type, versionOf(target));
    if (schema) {
      const oldAtVersion = old
        ? atVersion(old, String(object.apiVersion))
        : undefined;
      errs.push(
        ...customResourceValidator(schema).validate(
          object,
          oldAtVersion as JsonObject | undefined,
        ),
      );
    }
  }
  if (
    old?.metadata.deletionTimestamp &&
    (meta.finalizers as string[] | undefined)?.some(
      f => !old.metadata.finalizers?.includes(f),
    )
  ) {
    errs.push({
      type: 'FieldValueForbidden',
      field: 'metadata.finalizers',
      body: 'Forbidden: no new finalizers can be added if the object is being deleted',
    });
  }
  if (errs.length) {
    throw errors.invalid(type, String(meta.name ?? ''), errs);
  }
}

/** Everything but metadata (and status, when it has its own subresource) counts as spec. */
function specPart(type: ResourceType, object: Readonly<JsonObject>) {
  const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = object;
  return type.statusSubresource ? rest : { ...rest, status };
}

function checkNamespace(
  core: ClusterCore,
  type: ResourceType,
  namespace: string | undefined,
) {
  if (!type.namespaced) return;
  const ns = core.store.get('namespaces', String(namespace));
  if (!ns) {
    throw errors.notFound(
      { group: '', resource: 'namespaces' },
      String(namespace),
    );
  }
  if (ns.object.metadata.deletionTimestamp) {
    const error = errors.forbiddenMessage(
      type,
      '',
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
    error.status.message = `${groupResource(
      type,
    )} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`;
    error.status.details = {
      ...error.status.details,
      causes: [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${namespace} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    };
    throw error;
  }
}

function toStorage(type: ResourceType, object: JsonObject) {
  const storage = apiVersionOf(type.group, type.storageVersion);
  const storageSchema = schemaOf(type, type.storageVersion);
  if (!type.builtin && object.apiVersion !== storage && storageSchema) {
    // Conversion `None` changes only apiVersion; what the storage version's schema does not
    // know is pruned silently (and its defaults apply), as when the API server reads it back.
    customResourceValidator(storageSchema).prune(object);
  }
  object.apiVersion = storage;
  return object as KubeObject;
}

/**
 * Creates an object as POST does: decoding, pruning, defaults, server-set metadata, validation,
 * then AlreadyExists. Returns the stored object (or the would-be object on dry run).
 * @public
 */
export function createObject(
  core: ClusterCore,
  target: Target,
  body: unknown,
  options: WriteOptions = {},
  managed?: ManagedFieldsHook,
): Readonly<KubeObject> {
  const { type } = target;
  const object = decode(target, body);
  const meta = object.metadata as JsonObject;
  structural(target, object, options);
  checkNamespace(core, type, meta.namespace as string | undefined);
  if (
    !meta.name &&
    typeof meta.generateName === 'string' &&
    meta.generateName
  ) {
    meta.name = `${meta.generateName}${generateNameSuffix()}`;
  }
  if (meta.resourceVersion) {
    throw errors.internal(
      'resourceVersion should not be set on objects to be created',
    );
  }
  for (const key of [
    'uid',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'generation',
    'managedFields',
    'selfLink',
  ]) {
    delete meta[key];
  }
  if (type.statusSubresource) delete object.status;
  strategyOf(type).prepareForCreate?.(object, core);
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(new Date(core.now()));
  if (type.tracksGeneration) meta.generation = 1;
  validate(target, object);
  const key = objectKey(object as KubeObject);
  const resource = groupResource(type);
  if (core.store.get(resource, key)) {
    throw errors.alreadyExists(type, String(meta.name));
  }
  if (managed) managed(object, undefined);
  else {
    updateManagedFields(
      object,
      undefined,
      options.manager ?? 'kube-sandbox',
      String(object.apiVersion),
      {
        statusSubresource: type.statusSubresource,
        time: core.now(),
        shape: shapeOf(type, versionOf(target)),
      },
    );
  }
  if (options.dryRun) return toStorage(type, object);
  return core.store.put(resource, toStorage(type, object)).object;
}

/**
 * Replaces an object as PUT does (on the main resource or its status subresource), with the
 * resourceVersion precondition, generation bumps on spec changes only, and no write at all when
 * nothing changes.
 * @public
 */
export function updateObject(
  core: ClusterCore,
  target: Target,
  body: unknown,
  options: WriteOptions = {},
): Readonly<KubeObject> {
  const current = getObject(core, target);
  const object = decode(target, body);
  const meta = object.metadata as JsonObject;
  if (meta.name !== undefined && meta.name !== target.name) {
    throw errors.badRequest(
      `the name of the object (${meta.name}) does not match the name on the URL (${target.name})`,
    );
  }
  return applyUpdate(core, target, current, object, options);
}

export function applyUpdate(
  core: ClusterCore,
  target: Target,
  current: StoredObject,
  object: JsonObject,
  options: WriteOptions,
  managed?: ManagedFieldsHook,
): Readonly<KubeObject> {
  const { type } = target;
  const old = current.object;
  const meta = object.metadata as JsonObject;
  if (
    meta.resourceVersion &&
    meta.resourceVersion !== old.metadata.resourceVersion
  ) {
    throw errors.conflict(type, String(old.metadata.name));
  }
  structural(target, object, options);
  let next: JsonObject;
  if (target.subresource === 'status') {
    // Only status changes through the status subresource; the rest is the stored object's.
    next = structuredClone(old) as JsonObject;
    next.apiVersion = object.apiVersion;
    if (object.status === undefined) delete next.status;
    else next.status = object.status;
  } else {
    next = object;
    if (type.statusSubresource) {
      if (old.status === undefined) delete next.status;
      else next.status = structuredClone(old.status);
    }
    strategyOf(type).prepareForUpdate?.(next, old);
  }
  const nextMeta = next.metadata as JsonObject;
  nextMeta.name = old.metadata.name;
  if (type.namespaced) nextMeta.namespace = old.metadata.namespace;
  for (const key of [
    'uid',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ] as const) {
    if (old.metadata[key] === undefined) delete nextMeta[key];
    else nextMeta[key] = old.metadata[key];
  }
  nextMeta.resourceVersion = old.metadata.resourceVersion;
  if (type.tracksGeneration) {
    const oldGeneration = old.metadata.generation ?? 1;
    const changed = !jsonEqual(
      specPart(type, next),
      specPart(type, old as JsonObject),
    );
    nextMeta.generation = changed ? oldGeneration + 1 : oldGeneration;
  } else {
    delete nextMeta.generation;
  }
  validate(target, next, old);
  nextMeta.managedFields = old.metadata.managedFields
    ? structuredClone(old.metadata.managedFields)
    : undefined;
  if (nextMeta.managedFields === undefined) delete nextMeta.managedFields;
  const requested = String(object.apiVersion);
  // An apply's managedFields are part of what it writes; an update's follow from the change.
  if (managed) managed(next, old as JsonObject);
  const stored = toStorage(type, next);
  if (jsonEqual(stored, old)) {
    return old;
  }
  if (!managed) {
    updateManagedFields(
      next,
      old as JsonObject,
      options.manager ?? 'kube-sandbox',
      requested,
      {
        subresource: target.subresource,
        statusSubresource: type.statusSubresource,
        time: core.now(),
        shape: shapeOf(type, versionOf(target)),
      },
    );
  }
  if (options.dryRun) return stored;
  const resource = groupResource(type);
  if (
    old.metadata.deletionTimestamp &&
    !(nextMeta.finalizers as string[] | undefined)?.length
  ) {
    // The last finalizer is gone: the pending deletion completes instead of the update.
    const removed = core.store.remove(resource, current.key)!;
    collectGarbage(core, removed.object, 'Background');
    return removed.object;
  }
  return core.store.put(resource, stored).object;
}

/**
 * Patches an object (JSON patch, merge patch, or strategic merge patch for built-ins), then
 * updates it as PUT would.
 * @public
 */
export function patchObject(
  core: ClusterCore,
  target: Target,
  contentType: string,
  patch: unknown,
  options: WriteOptions = {},
): Readonly<KubeObject> {
  const { type } = target;
  const accepted = type.builtin
    ? [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.strategic]
    : [PATCH_TYPES.json, PATCH_TYPES.merge];
  if (!accepted.includes(contentType as (typeof accepted)[number])) {
    throw errors.unsupportedMediaType([...accepted, PATCH_TYPES.apply]);
  }
  const current = getObject(core, target);
  const base = atVersion(
    current.object,
    apiVersionOf(type.group, versionOf(target)),
  ) as JsonObject;
  let patched: unknown;
  try {
    if (contentType === PATCH_TYPES.json) {
      patched = jsonPatch(base, patch);
    } else if (contentType === PATCH_TYPES.merge) {
      if (!isObject(patch))
        throw new Error('merge patch must be a JSON object');
      patched = mergePatch(base, patch);
    } else {
      if (!isObject(patch))
        throw new Error('strategic merge patch must be a JSON object');
      patched = strategicMergePatch(base, patch, KIND_MODELS[type.kind]);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const failure = errors.invalid(
      type,
      String(current.object.metadata.name),
      [],
    );
    failure.status.message =
      'the server rejected our request due to an error in our request';
    failure.status.details = {
      ...failure.status.details,
      causes: [{ reason: 'UnexpectedServerResponse', message }],
    };
    throw failure;
  }
  const object = decode(target, patched);
  return applyUpdate(core, target, current, object, options);
}
