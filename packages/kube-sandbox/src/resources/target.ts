import { errors } from '../api/status';
import { Store, StoredObject } from '../store/store';
import { groupResource, KubeObject, ResourceType } from '../types';
import {
  CUSTOM_RESOURCE_STRATEGY,
  STRATEGIES,
  Strategy,
  StrategyContext,
} from './strategies';
import { CRD_STRATEGY } from './crds';
import { Registry } from './registry';

/** What the write path needs of a cluster. @public */
export interface ClusterCore extends StrategyContext {
  store: Store;
  registry: Registry;
  /** The cluster's time (epoch ms): what creationTimestamp, deletionTimestamp and managedFields record. */
  now(): number;
}

/** How unknown fields are treated (the `fieldValidation` parameter). @public */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Options of one write. @public */
export interface WriteOptions {
  /** The field manager recorded in managedFields. Default `kube-sandbox`. */
  manager?: string;
  /** Default `Warn`, as the API server's. */
  fieldValidation?: FieldValidation;
  dryRun?: boolean;
  /** Receives the warnings a real server sends in `Warning` headers. */
  warnings?: string[];
}

/** Which object (or collection) a request addresses. @public */
export interface Target {
  type: ResourceType;
  /** The API version of the request; defaults to the storage version. */
  version?: string;
  namespace?: string;
  name?: string;
  subresource?: 'status';
}

/** Options of a delete (the DeleteOptions body). @public */
export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** The result of a delete: the object as deleted (or as marked for deletion), and whether it is gone. */
export interface DeleteResult {
  object: Readonly<KubeObject>;
  deleted: boolean;
}

export function strategyOf(type: ResourceType): Strategy {
  if (!type.builtin) return CUSTOM_RESOURCE_STRATEGY;
  if (type.kind === 'CustomResourceDefinition') return CRD_STRATEGY;
  return STRATEGIES[type.kind];
}

export const versionOf = (target: Target) =>
  target.version ?? target.type.storageVersion;

export function schemaOf(type: ResourceType, version: string) {
  return type.versions.find(v => v.name === version)?.schema;
}

/** Reads an object; 404 when missing. @public */
export function getObject(core: ClusterCore, target: Target): StoredObject {
  const { type, namespace, name } = target;
  const entry = core.store.get(
    groupResource(type),
    type.namespaced ? `${namespace}/${name}` : String(name),
  );
  if (!entry) throw errors.notFound(type, String(name));
  return entry;
}
