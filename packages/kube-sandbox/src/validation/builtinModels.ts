/**
 * The Go-typed schemas of the built-in kinds, read from @kubernetes/client-node's generated model
 * metadata (generated from the Kubernetes OpenAPI document, so every field and type is the real
 * API's). They drive what a real server gets from its Go structs: dropping or rejecting unknown
 * fields, the strategic-merge-patch walk, and the OpenAPI documents served for built-ins.
 */

import * as clientNode from '@kubernetes/client-node';

/** A parsed model type reference. @public */
export type TypeRef =
  | { kind: 'model'; name: string }
  | { kind: 'array'; of: TypeRef }
  | { kind: 'map'; of: TypeRef }
  | { kind: 'primitive'; name: string; format: string };

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

interface ModelClass {
  getAttributeTypeMap(): Attribute[];
}

const models = clientNode as unknown as Record<string, unknown>;

const fieldCache = new Map<string, Map<string, TypeRef>>();

/** The JSON fields of a model type and their types, or undefined for an unknown model. @public */
export function modelFields(name: string): Map<string, TypeRef> | undefined {
  const cached = fieldCache.get(name);
  if (cached) {
    return cached;
  }
  const cls = models[name] as ModelClass | undefined;
  if (!cls || typeof cls.getAttributeTypeMap !== 'function') {
    return undefined;
  }
  const fields = new Map<string, TypeRef>();
  for (const a of cls.getAttributeTypeMap()) {
    fields.set(a.baseName, parseType(a.type, a.format));
  }
  fieldCache.set(name, fields);
  return fields;
}

/** Parses client-node's type notation (`Array<X>`, `{ [key: string]: X; }`, class names). */
export function parseType(type: string, format = ''): TypeRef {
  const array = /^Array<(.*)>$/.exec(type);
  if (array) {
    return { kind: 'array', of: parseType(array[1], format) };
  }
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(type);
  if (map) {
    return { kind: 'map', of: parseType(map[1], format) };
  }
  if (/^[A-Z]/.test(type) && !['Date', 'IntOrString'].includes(type)) {
    if (type === 'V1MicroTime') {
      return { kind: 'primitive', name: 'Date', format: 'date-time' };
    }
    return { kind: 'model', name: type };
  }
  return { kind: 'primitive', name: type, format };
}

/** The model class of each built-in kind served. */
export const KIND_MODELS: Record<string, string> = {
  Namespace: 'V1Namespace',
  Pod: 'V1Pod',
  PersistentVolumeClaim: 'V1PersistentVolumeClaim',
  Service: 'V1Service',
  Secret: 'V1Secret',
  ConfigMap: 'V1ConfigMap',
  Event: 'CoreV1Event',
  StatefulSet: 'V1StatefulSet',
  CustomResourceDefinition: 'V1CustomResourceDefinition',
};

/** Patch strategy and merge key of list fields, as the `patchStrategy`/`patchMergeKey` Go tags. */
export interface PatchMeta {
  strategy: 'merge' | 'replace';
  mergeKey?: string;
  retainKeys?: boolean;
}

const merge = (mergeKey?: string, retainKeys = false): PatchMeta => ({
  strategy: 'merge',
  mergeKey,
  retainKeys,
});

const CONTAINER = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
};

/** The strategic-merge tags of the built-in types served (from k8s.io/api's types.go). */
const PATCH_META: Record<string, Record<string, PatchMeta>> = {
  V1ObjectMeta: { finalizers: merge(), ownerReferences: merge('uid') },
  V1PodSpec: {
    containers: merge('name'),
    initContainers: merge('name'),
    ephemeralContainers: merge('name'),
    volumes: merge('name', true),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    resourceClaims: merge('name', true),
    schedulingGates: merge('name'),
  },
  V1Container: CONTAINER,
  V1EphemeralContainer: CONTAINER,
  V1PodStatus: {
    conditions: merge('type'),
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
  },
  V1ServiceSpec: { ports: merge('port') },
  V1ServiceStatus: { conditions: merge('type') },
  V1NamespaceStatus: { conditions: merge('type') },
  V1PersistentVolumeClaimStatus: { conditions: merge('type') },
  V1StatefulSetStatus: { conditions: merge('type') },
};

/** The patch meta of a field of a model, `replace` when it has none. @public */
export function patchMeta(model: string, field: string): PatchMeta {
  return PATCH_META[model]?.[field] ?? { strategy: 'replace' };
}
