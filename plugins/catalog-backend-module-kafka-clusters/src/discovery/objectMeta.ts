/** The parts of a Kubernetes object's metadata the entities are made of. */
export interface ObjectMeta {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string') result[key] = v;
    }
  }
  return result;
}

/** The metadata of a namespaced object; undefined when it has no name or namespace. */
export function readObjectMeta(object: unknown): ObjectMeta | undefined {
  const metadata = (object as { metadata?: Record<string, unknown> })?.metadata;
  const name = metadata?.name;
  const namespace = metadata?.namespace;
  if (typeof name !== 'string' || typeof namespace !== 'string') {
    return undefined;
  }
  return {
    namespace,
    name,
    labels: stringMap(metadata?.labels),
    annotations: stringMap(metadata?.annotations),
  };
}

/** `namespace/name`, how objects are looked up within one Kubernetes cluster. */
export function keyOf(o: { namespace: string; name: string }): string {
  return `${o.namespace}/${o.name}`;
}
