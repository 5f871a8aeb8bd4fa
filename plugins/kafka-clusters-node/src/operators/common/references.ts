import { serviceOf, splitEndpoints } from './endpoints';
import { OperatorFacts, OperatorReference } from './facts';

/**
 * An object of the environment, by kind, namespace and name.
 *
 * @public
 */
export interface EnvironmentObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * One reference found in an object: the field (list indexes filled in), its value, and what it
 * names. A `name` reference names its target; a `dns` or `url` reference names one of the
 * target's Services (one reference per in-cluster address; addresses outside the Kubernetes
 * cluster, such as a load balancer's, are not references to the environment and are left out).
 *
 * @public
 */
export interface FoundReference {
  from: EnvironmentObjectRef;
  reference: OperatorReference;
  /** The field's path, e.g. `['spec', 'mirrors', 0, 'source', 'bootstrapServers']`. */
  path: readonly (string | number)[];
  /** The field's value: a name, or one address of it. */
  value: string;
  to:
    | { via: 'name'; kind: string; namespace: string; name: string }
    | { via: 'dns' | 'url'; kind: string; namespace: string; service: string };
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** The values at a path with `'[]'` for every list item, each with its concrete path. */
function valuesAt(
  value: unknown,
  field: readonly string[],
  at: (string | number)[] = [],
): { path: (string | number)[]; value: unknown }[] {
  if (field.length === 0)
    return value === undefined ? [] : [{ path: at, value }];
  const [head, ...rest] = field;
  if (head === '[]') {
    return Array.isArray(value)
      ? value.flatMap((item, i) => valuesAt(item, rest, [...at, i]))
      : [];
  }
  const object = asObject(value);
  return object ? valuesAt(object[head], rest, [...at, head]) : [];
}

function identity(
  object: unknown,
): (EnvironmentObjectRef & { apiVersion: string }) | undefined {
  const o = asObject(object);
  const meta = asObject(o?.metadata);
  const [apiVersion, kind, name, namespace] = [
    o?.apiVersion,
    o?.kind,
    meta?.name,
    meta?.namespace,
  ];
  return typeof apiVersion === 'string' &&
    typeof kind === 'string' &&
    typeof name === 'string' &&
    typeof namespace === 'string'
    ? { apiVersion, kind, name, namespace }
    : undefined;
}

/** The operator whose group an object belongs to, and the object's version. */
function factsOf(
  apiVersion: string,
  facts: readonly OperatorFacts[],
): { facts: OperatorFacts; version: string } | undefined {
  const slash = apiVersion.lastIndexOf('/');
  const group = apiVersion.slice(0, slash);
  const found = facts.find(f => f.group === group);
  return found && { facts: found, version: apiVersion.slice(slash + 1) };
}

/**
 * Every reference an object makes to another object of its environment, by its operator's
 * reference map. Objects of neither operator's group make none.
 *
 * @public
 */
export function findReferences(
  object: unknown,
  facts: readonly OperatorFacts[],
): FoundReference[] {
  const from = identity(object);
  const owner = from && factsOf(from.apiVersion, facts);
  if (!from || !owner) return [];
  const found: FoundReference[] = [];
  for (const reference of owner.facts.references) {
    if (reference.kind !== from.kind) continue;
    if (reference.versions && !reference.versions.includes(owner.version)) {
      continue;
    }
    const { kind, via, namespaceField } = reference.points;
    for (const { path, value } of valuesAt(object, reference.field)) {
      if (typeof value !== 'string' || value === '') continue;
      const self = {
        kind: from.kind,
        namespace: from.namespace,
        name: from.name,
      };
      if (via === 'name') {
        const parent = path.slice(0, -1).length;
        const namespace = namespaceField
          ? valuesAt(object, namespaceField).find(
              n =>
                n.path.slice(0, parent).join('/') ===
                path.slice(0, parent).join('/'),
            )?.value
          : undefined;
        found.push({
          from: self,
          reference,
          path,
          value,
          to: {
            via,
            kind,
            namespace:
              typeof namespace === 'string' ? namespace : from.namespace,
            name: value,
          },
        });
        continue;
      }
      for (const address of splitEndpoints(value)) {
        const service = serviceOf(address);
        if (!service) continue;
        found.push({
          from: self,
          reference,
          path,
          value: address,
          to: {
            via,
            kind,
            namespace: service.namespace ?? from.namespace,
            service: service.service,
          },
        });
      }
    }
  }
  return found;
}

/**
 * The object of `objects` a reference names: by name, or as the owner of the Service an address
 * names; `undefined` when it is not among them.
 *
 * @public
 */
export function resolveReference(
  reference: FoundReference,
  objects: readonly unknown[],
  facts: readonly OperatorFacts[],
): EnvironmentObjectRef | undefined {
  const { to } = reference;
  for (const object of objects) {
    const id = identity(object);
    const owner = id && factsOf(id.apiVersion, facts);
    if (!id || !owner || id.kind !== to.kind || id.namespace !== to.namespace) {
      continue;
    }
    if (
      to.via === 'name'
        ? id.name === to.name
        : owner.facts.serviceNames(id.kind, object).includes(to.service)
    ) {
      return { kind: id.kind, namespace: id.namespace, name: id.name };
    }
  }
  return undefined;
}
