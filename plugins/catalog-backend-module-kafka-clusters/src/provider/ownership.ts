import {
  DEFAULT_NAMESPACE,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_OWNER,
  ANNOTATION_SYSTEM,
  LABEL_OWNER,
  LABEL_SYSTEM,
} from '../annotations';

/** The metadata of a Kubernetes object that ownership is read from. */
export interface OwnedObject {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Which entity kinds a reference may name, and the kind a bare name means. */
interface RefRule {
  defaultKind: string;
  allowedKinds: readonly string[];
}

const OWNER: RefRule = {
  defaultKind: 'group',
  allowedKinds: ['group', 'user'],
};
const SYSTEM: RefRule = { defaultKind: 'system', allowedKinds: ['system'] };
const validator = makeValidator();

/**
 * A full entity reference (`group:default/platform`) from what a person wrote (`platform`,
 * `user:alice`, …); throws a TypeError saying what is wrong.
 */
function normalizeRef(value: string, rule: RefRule): string {
  const ref = parseEntityRef(value.trim(), {
    defaultKind: rule.defaultKind,
    defaultNamespace: DEFAULT_NAMESPACE,
  });
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (!rule.allowedKinds.includes(kind)) {
    throw new TypeError(
      `'${value}' names a ${ref.kind}; expected ${rule.allowedKinds.join(
        ' or ',
      )}`,
    );
  }
  if (
    !validator.isValidNamespace(ref.namespace) ||
    !validator.isValidEntityName(ref.name)
  ) {
    throw new TypeError(`'${value}' is not a valid entity reference`);
  }
  return stringifyEntityRef({ ...ref, kind });
}

/** An owner reference from configuration, e.g. `platform` → `group:default/platform`. */
export function normalizeOwnerRef(value: string): string {
  return normalizeRef(value, OWNER);
}

/** A system reference from configuration, e.g. `commerce` → `system:default/commerce`. */
export function normalizeSystemRef(value: string): string {
  return normalizeRef(value, SYSTEM);
}

/** The outcome of reading one reference off an object. */
export interface ResolvedRef {
  /** The full entity reference, or undefined when nothing applies. */
  ref?: string;
  /** Where it came from. */
  source: 'annotation' | 'label' | 'default' | 'none';
  /** Values on the object that were present but unusable, and why. */
  problems: string[];
}

function resolve(
  object: OwnedObject,
  keys: { annotation: string; label: string },
  rule: RefRule,
  fallback: string | undefined,
): ResolvedRef {
  const problems: string[] = [];
  const candidates: Array<[ResolvedRef['source'], string, string | undefined]> =
    [
      ['annotation', keys.annotation, object.annotations[keys.annotation]],
      ['label', keys.label, object.labels[keys.label]],
    ];
  for (const [source, key, value] of candidates) {
    if (value === undefined || value.trim() === '') continue;
    try {
      return { ref: normalizeRef(value, rule), source, problems };
    } catch (error) {
      problems.push(`${source} ${key}: ${(error as Error).message}`);
    }
  }
  return fallback
    ? { ref: fallback, source: 'default', problems }
    : { source: 'none', problems };
}

/**
 * The owner of a Kafka or KafkaTopic resource: its `k8s-kafka.io/owner` annotation, else its
 * `k8s-kafka.io/owner` label, else `fallback` (already a full reference). A value that is not a
 * Group or User reference is skipped and reported in `problems`.
 */
export function resolveOwner(
  object: OwnedObject,
  fallback: string,
): ResolvedRef & { ref: string } {
  const resolved = resolve(
    object,
    { annotation: ANNOTATION_OWNER, label: LABEL_OWNER },
    OWNER,
    fallback,
  );
  return { ...resolved, ref: resolved.ref ?? fallback };
}

/**
 * The system of a Kafka or KafkaTopic resource: its `k8s-kafka.io/system` annotation, else its
 * `k8s-kafka.io/system` label, else `fallback`, else none.
 */
export function resolveSystem(
  object: OwnedObject,
  fallback: string | undefined,
): ResolvedRef {
  return resolve(
    object,
    { annotation: ANNOTATION_SYSTEM, label: LABEL_SYSTEM },
    SYSTEM,
    fallback,
  );
}
