import { ApiError, errors } from '../api/status';
import { atVersion } from '../store/serialize';
import { apiVersionOf, isObject, JsonObject, KubeObject } from '../types';
import {
  changedPaths,
  mergeApplied,
  overlaps,
  printPath,
  removePath,
  SEP,
} from './fieldSets';
import {
  applyManagedFields,
  inScope,
  isApplyOf,
  managedEntries,
  ownedPaths,
} from './managedFields';
import {
  ClusterCore,
  getObject,
  Target,
  versionOf,
  WriteOptions,
} from './target';
import {
  applyUpdate,
  createObject,
  decode,
  shapeOf,
  structural,
} from './writes';

/** Options of a server-side apply. @public */
export interface ApplyOptions extends WriteOptions {
  /** Take the fields other managers own instead of failing with a conflict. */
  force?: boolean;
}

/** What {@link applyObject} did: the object, and whether the apply created it. @public */
export interface ApplyResult {
  object: Readonly<KubeObject>;
  created: boolean;
}

const isEmptyMap = (value: unknown) =>
  isObject(value) && Object.keys(value).length === 0;

/** Metadata the server sets: an applied configuration does not own it. */
const SERVER_META = [
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'managedFields',
  'selfLink',
];

function conflictError(conflicts: Array<{ manager: string; path: string }>) {
  const who = (manager: string) => {
    const [name, operation, apiVersion, subresource] = manager.split(SEP);
    const base = `"${name}"${
      subresource ? ` with subresource "${subresource}"` : ''
    }`;
    return operation === 'Update' ? `${base} using ${apiVersion}` : base;
  };
  let message: string;
  if (conflicts.length === 1) {
    const [c] = conflicts;
    message = `Apply failed with 1 conflict: conflict with ${who(
      c.manager,
    )}: ${printPath(c.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap(m => [
        `conflicts with ${who(m)}:`,
        ...byManager.get(m)!.map(p => `- ${printPath(p)}`),
      ]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join(
      '\n',
    )}`;
  }
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: conflicts.map(c => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${who(c.manager)}`,
        field: printPath(c.path),
      })),
    },
    code: 409,
  });
}

/**
 * Server-side apply (`application/apply-patch+yaml`), as structured-merge-diff does it for the
 * cases this sandbox models: the configuration is merged into the live object by the kind's list
 * and map semantics (or creates it); changing a field another manager owns is a 409 Conflict
 * naming each field and manager, unless `force` takes it; the manager then owns exactly what it
 * applied; fields it applied before and no longer does are removed unless another manager owns
 * them. Everything else is the update (or create) write path: defaults, validation, generation,
 * dry run, events.
 * @public
 */
export function applyObject(
  core: ClusterCore,
  target: Target,
  body: unknown,
  options: ApplyOptions,
): ApplyResult {
  const { type } = target;
  const version = versionOf(target);
  const manager = options.manager;
  if (!manager) {
    throw errors.invalid(
      { group: 'meta.k8s.io', resource: 'patchoptions', kind: 'PatchOptions' },
      '',
      [
        {
          type: 'FieldValueRequired',
          field: 'fieldManager',
          body: 'Required value: is required for apply patch',
        },
      ],
    );
  }
  if (!isObject(body) || !body.apiVersion || !body.kind) {
    const given = isObject(body) ? body : {};
    throw errors.badRequest(
      `invalid object type: ${String(given.apiVersion ?? '')}, Kind=${String(
        given.kind ?? '',
      )}`,
    );
  }
  const config = decode(target, body);
  const meta = config.metadata as JsonObject;
  if (meta.name !== undefined && meta.name !== target.name) {
    throw errors.badRequest(
      `the name of the object (${String(
        meta.name,
      )}) does not match the name on the URL (${target.name})`,
    );
  }
  meta.name = target.name;
  const precondition = meta.resourceVersion;
  for (const key of [...SERVER_META, 'resourceVersion']) delete meta[key];
  const scope = {
    subresource: target.subresource,
    statusSubresource: type.statusSubresource,
    time: core.now(),
    shape: shapeOf(type, version),
  };
  if (target.subresource === 'status') {
    for (const key of Object.keys(config)) {
      if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key))
        delete config[key];
    }
  } else if (type.statusSubresource) delete config.status;
  structural(target, config, options);

  let current;
  try {
    current = getObject(core, target);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status.code !== 404) throw error;
    if (target.subresource) throw error;
  }
  const applied = new Set(
    [...ownedPaths(config, scope.shape).keys()].filter(p => inScope(p, scope)),
  );
  const apiVersion = apiVersionOf(type.group, version);
  if (!current) {
    if (precondition) throw errors.notFound(type, String(target.name));
    const object = createObject(core, target, config, options, next =>
      applyManagedFields(
        next,
        undefined,
        manager,
        apiVersion,
        applied,
        [],
        true,
        scope,
      ),
    );
    return { object, created: true };
  }

  const live = structuredClone(
    atVersion(current.object, apiVersion),
  ) as JsonObject;
  const livePaths = ownedPaths(live, scope.shape);
  const configPaths = ownedPaths(config, scope.shape);
  // An empty map applied where the live object has the map changes nothing.
  const livePathList = [...livePaths.keys()];
  const changed = changedPaths(livePaths, configPaths).filter(
    p =>
      applied.has(p) &&
      !(
        isEmptyMap(configPaths.get(p)) &&
        livePathList.some(k => k.startsWith(p + SEP))
      ),
  );
  const entries = managedEntries(live);
  const conflicts: Array<{ manager: string; path: string }> = [];
  for (const e of entries) {
    if (isApplyOf(e, manager, target.subresource)) continue;
    const id = [e.manager, e.operation, e.apiVersion, e.subresource ?? ''].join(
      SEP,
    );
    for (const p of changed) {
      if ([...e.fields].some(q => overlaps(p, q)))
        conflicts.push({ manager: id, path: p });
    }
  }
  if (conflicts.length && !options.force) throw conflictError(conflicts);
  const taken = conflicts.map(c => c.path);

  const merged = mergeApplied(live, config, scope.shape) as JsonObject;
  // Fields this manager applied before and no longer does go, unless someone else owns them.
  const previous = entries.find(e => isApplyOf(e, manager, target.subresource));
  const others = entries
    .filter(e => e !== previous)
    .flatMap(e => [...e.fields].filter(p => !taken.some(t => overlaps(t, p))));
  const removed = [...(previous?.fields ?? [])]
    .filter(p => !applied.has(p))
    .filter(p => !others.some(q => overlaps(p, q)));
  // A removed list item goes whole (its key fields with it).
  for (const p of removed) {
    if (!removed.some(q => p.startsWith(q + SEP)))
      removePath(merged, p, scope.shape);
  }
  const mergedMeta = merged.metadata as JsonObject;
  if (precondition) mergedMeta.resourceVersion = precondition;
  else delete mergedMeta.resourceVersion;

  const object = applyUpdate(
    core,
    target,
    current,
    merged,
    options,
    (next, old) =>
      applyManagedFields(
        next,
        old,
        manager,
        apiVersion,
        applied,
        taken,
        changed.length > 0 || removed.length > 0,
        scope,
      ),
  );
  return { object, created: false };
}
