import { groupResource, ResourceType } from '../types';

/**
 * The kinds a cluster serves, by group-resource. Built-ins are registered at start; CRDs register
 * and unregister theirs as they are created and deleted.
 * @public
 */
export interface Registry {
  all(): ResourceType[];
  get(group: string, resource: string): ResourceType | undefined;
  byKind(group: string, kind: string): ResourceType | undefined;
  register(type: ResourceType): void;
  unregister(group: string, resource: string): void;
  /** Served groups with their versions, preferred first. */
  groups(): Array<{ name: string; versions: string[] }>;
}

/** Creates an empty registry. @public */
export function createRegistry(): Registry {
  const types = new Map<string, ResourceType>();
  return {
    all: () => [...types.values()],
    get: (group, resource) => types.get(groupResource({ group, resource })),
    byKind: (group, kind) =>
      [...types.values()].find(t => t.group === group && t.kind === kind),
    register(type) {
      types.set(groupResource(type), type);
    },
    unregister(group, resource) {
      types.delete(groupResource({ group, resource }));
    },
    groups() {
      const byGroup = new Map<string, Set<string>>();
      for (const t of types.values()) {
        const versions = byGroup.get(t.group) ?? new Set<string>();
        t.versions.forEach(v => versions.add(v.name));
        byGroup.set(t.group, versions);
      }
      return [...byGroup.entries()].map(([name, versions]) => ({
        name,
        versions: [...versions].sort(compareVersions),
      }));
    },
  };
}

/**
 * Kubernetes' version priority (GA > beta > alpha, then by number, higher first), which decides a
 * group's preferred version and the order of versions in discovery.
 * @public
 */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0, v] as const;
    const stability = { alpha: 1, beta: 2 }[m[2] ?? ''] ?? 3;
    return [stability, Number(m[1]), Number(m[3] ?? 0), v] as const;
  };
  const [sa, ma, na, ra] = parse(a);
  const [sb, mb, nb, rb] = parse(b);
  if (sa !== sb) return sb - sa;
  if (ma !== mb) return mb - ma;
  if (na !== nb) return nb - na;
  return ra.localeCompare(rb);
}
