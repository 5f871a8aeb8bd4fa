/** A JSON object as read from a request body or a YAML file. @public */
export type JsonObject = { [key: string]: unknown };

/** The metadata of a Kubernetes object, as far as the sandbox reads it. @public */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: Array<{
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }>;
  managedFields?: JsonObject[];
  [key: string]: unknown;
}

/** Any Kubernetes object. @public */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** One printer column of a CRD version (additionalPrinterColumns). @public */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

/** One served version of a resource. @public */
export interface ResourceVersion {
  name: string;
  /** The CRD's openAPIV3Schema for this version; undefined for built-ins and schema-less kinds. */
  schema?: JsonObject;
  printerColumns: PrinterColumn[];
}

/**
 * A kind the cluster serves: a built-in or one made served by a CRD.
 * @public
 */
export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  /** Plural resource name, as in URLs. */
  resource: string;
  kind: string;
  listKind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  versions: ResourceVersion[];
  storageVersion: string;
  statusSubresource: boolean;
  /** `.spec.replicas`-style paths of the scale subresource, when served. */
  scale?: {
    specReplicasPath: string;
    statusReplicasPath: string;
    labelSelectorPath?: string;
  };
  /** Built-in kinds take strategic merge patches and have Go-typed schemas. */
  builtin: boolean;
  /** Built-ins whose objects carry metadata.generation (spec-bearing kinds). */
  tracksGeneration: boolean;
  /** True for CRD kinds registered without a schema because the CRD folder is missing. */
  schemaless?: boolean;
}

/** `resource.group` (or `resource` in the core group): the key of a resource in the store. @public */
export function groupResource(type: { group: string; resource: string }) {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

/** `group/version` or `version` in the core group. @public */
export function apiVersionOf(group: string, version: string) {
  return group ? `${group}/${version}` : version;
}

/** Narrowing helper for plain JSON objects. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A status or spec field read as an object: `{}` when absent or of another type. */
export const asObject = (value: unknown): JsonObject =>
  isObject(value) ? value : {};

/** A field read as a list of objects: what is not an object is left out. */
export const asObjectList = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.filter(isObject) : [];

/**
 * Deep equality of JSON values, blind to key order and prototypes (objects from structuredClone
 * and from another realm, as in Jest, compare equal when their JSON does).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  )
    return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ka = Object.keys(a).filter(k => (a as JsonObject)[k] !== undefined);
  const kb = Object.keys(b).filter(k => (b as JsonObject)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every(k => jsonEqual((a as JsonObject)[k], (b as JsonObject)[k]))
  );
}
