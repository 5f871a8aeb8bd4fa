import { ANNOTATION_ENVIRONMENT_ID } from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * A Kubernetes object as the write side emits it: plain data, ready for YAML.
 *
 * @public
 */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

/**
 * How big and how durable an environment is; each operator's renderer turns it into replicas,
 * storage, resources and replication.
 *
 * @public
 */
export type SizeProfile = 'dev' | 'staging' | 'production';

/**
 * A topic of a new environment.
 *
 * @public
 */
export interface TopicSpec {
  /** The Kafka topic name, also the resource's name (lower case, digits, `.` and `-`). */
  name: string;
  partitions: number;
  /** Replication factor; the profile's when not given. At most the broker count. */
  replicas?: number;
  config?: Record<string, string>;
}

/**
 * A connector of the environment's Connect cluster.
 *
 * @public
 */
export interface ConnectorSpec {
  name: string;
  class: string;
  tasksMax: number;
  config?: Record<string, string>;
}

/**
 * The optional parts of an environment. Each operator renders the ones it has: CFK Schema
 * Registry, Connect, ksqlDB, Control Center, REST Proxy and a KafkaRestClass; Strimzi
 * KafkaConnect (with KafkaConnector resources) and KafkaBridge. The controllers, and Strimzi's
 * entity operator, are always there.
 *
 * @public
 */
export interface EnvironmentComponents {
  schemaRegistry?: boolean;
  connect?: { connectors: ConnectorSpec[] };
  ksqlDb?: boolean;
  controlCenter?: boolean;
  restProxy?: boolean;
  restClass?: boolean;
  bridge?: boolean;
}

/**
 * An LDAP identity provider for CFK's MDS, needed for `rbac` authorization.
 *
 * @public
 */
export interface MdsSpec {
  /** `ldaps://host:port` of the directory. */
  ldapAddress: string;
}

/**
 * How the environment is secured. Everything on unless a `dev` environment turns it off.
 *
 * @public
 */
export interface SecuritySpec {
  tls: boolean;
  authentication: boolean;
  /** `rbac` is CFK's, with an MDS. */
  authorization: 'simple' | 'rbac' | 'none';
  /** CFK only: the super users of `simple` authorization (`User:<name>`). */
  superUsers?: string[];
  /** CFK `rbac` only. */
  mds?: MdsSpec;
}

/**
 * What a new environment is, whichever operator runs the cluster.
 *
 * @public
 */
export interface EnvironmentSpec {
  name: string;
  namespace: string;
  profile: SizeProfile;
  /** The owning service: the `backstage.io/kubernetes-id` label of every resource. */
  service: string;
  /** The owning group or user, a full entity reference: the `k8s-kafka.io/owner` annotation. */
  owner: string;
  /** `<kubernetes cluster>/<namespace>/<name>`: which environment an object belongs to. */
  environmentId: string;
  topics: TopicSpec[];
  components: EnvironmentComponents;
  security: SecuritySpec;
  /** Overrides of the profile's figures (the platform limits are checked before). */
  brokers?: number;
  storage?: string;
  storageClass?: string;
}

/**
 * Container resources, as Kubernetes writes them.
 *
 * @public
 */
export interface ResourceFigures {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/**
 * What a size profile means in brokers, controllers, storage, resources and replication.
 *
 * @public
 */
export interface SizeFigures {
  brokers: number;
  controllers: number;
  storage: string;
  controllerStorage: string;
  /** Of the brokers (and dual-role nodes). */
  resources: ResourceFigures;
  /** Of the controllers and the other components. */
  componentResources: ResourceFigures;
  /** Of the other components (Connect, Schema Registry, …). */
  componentReplicas: number;
  /** The default of topics, and of the internal topics. */
  replicationFactor: number;
  minInsyncReplicas: number;
}

// dev trades durability for footprint; staging and production keep RF 3 and min.insync 2, so
// one broker can be rolled without refusing acks=all writes.
/** @public */
export const SIZE_PROFILES: Record<SizeProfile, SizeFigures> = {
  dev: {
    brokers: 1,
    controllers: 1,
    storage: '10Gi',
    controllerStorage: '5Gi',
    resources: {
      requests: { cpu: '250m', memory: '1Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    },
    componentResources: {
      requests: { cpu: '100m', memory: '512Mi' },
      limits: { cpu: '500m', memory: '1Gi' },
    },
    componentReplicas: 1,
    replicationFactor: 1,
    minInsyncReplicas: 1,
  },
  staging: {
    brokers: 3,
    controllers: 3,
    storage: '50Gi',
    controllerStorage: '10Gi',
    resources: {
      requests: { cpu: '500m', memory: '2Gi' },
      limits: { cpu: '2', memory: '4Gi' },
    },
    componentResources: {
      requests: { cpu: '250m', memory: '1Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    },
    componentReplicas: 1,
    replicationFactor: 3,
    minInsyncReplicas: 2,
  },
  production: {
    brokers: 5,
    controllers: 3,
    storage: '500Gi',
    controllerStorage: '20Gi',
    resources: {
      requests: { cpu: '2', memory: '8Gi' },
      limits: { cpu: '4', memory: '8Gi' },
    },
    componentResources: {
      requests: { cpu: '500m', memory: '2Gi' },
      limits: { cpu: '2', memory: '4Gi' },
    },
    componentReplicas: 2,
    replicationFactor: 3,
    minInsyncReplicas: 2,
  },
};

/** The figures of a spec: its profile's, with its overrides. */
export function figuresOf(spec: EnvironmentSpec): SizeFigures {
  const profile = SIZE_PROFILES[spec.profile];
  const brokers = spec.brokers ?? profile.brokers;
  // Internal topics and the default never ask for more replicas than there are brokers, and
  // min.insync stays below the replication factor wherever there is more than one replica.
  const replicationFactor = Math.min(profile.replicationFactor, brokers);
  return {
    ...profile,
    brokers,
    storage: spec.storage ?? profile.storage,
    replicationFactor,
    minInsyncReplicas: minInsyncFor(replicationFactor, profile),
  };
}

/** min.insync.replicas for a replication factor: the profile's, below the factor. */
export function minInsyncFor(
  replicationFactor: number,
  profile: Pick<SizeFigures, 'minInsyncReplicas'>,
): number {
  return Math.max(
    1,
    Math.min(profile.minInsyncReplicas, replicationFactor - 1),
  );
}

/** The labels and annotations the suite puts on every resource of an environment. */
export const ENVIRONMENT_LABELS = {
  kubernetesId: 'backstage.io/kubernetes-id',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

/** @public */
export const ENVIRONMENT_ANNOTATIONS = {
  owner: 'k8s-kafka.io/owner',
  environmentId: ANNOTATION_ENVIRONMENT_ID,
} as const;

export function commonLabels(spec: EnvironmentSpec): Record<string, string> {
  return {
    [ENVIRONMENT_LABELS.partOf]: spec.name,
    [ENVIRONMENT_LABELS.managedBy]: 'backstage',
    [ENVIRONMENT_LABELS.kubernetesId]: spec.service,
  };
}

export function commonAnnotations(
  spec: EnvironmentSpec,
): Record<string, string> {
  return {
    [ENVIRONMENT_ANNOTATIONS.owner]: spec.owner,
    [ENVIRONMENT_ANNOTATIONS.environmentId]: spec.environmentId,
  };
}

/** A metadata builder for one environment: name, namespace, labels (plus extra), annotations. */
export function metadataOf(spec: EnvironmentSpec) {
  const labels = commonLabels(spec);
  const annotations = commonAnnotations(spec);
  return (name: string, extraLabels: Record<string, string> = {}) => ({
    name,
    namespace: spec.namespace,
    labels: { ...labels, ...extraLabels },
    annotations: { ...annotations },
  });
}

/**
 * A Secret the environment expects in its namespace; never rendered, only named.
 *
 * @public
 */
export interface RequiredSecret {
  name: string;
  keys: string[];
  purpose: string;
}

/**
 * What one operator's renderer returns.
 *
 * @public
 */
export interface OperatorRendering {
  objects: RenderedObject[];
  requiredSecrets: RequiredSecret[];
  warnings: string[];
}

/** Warnings both operators give for security turned off (only a dev environment may). */
export function securityWarnings(spec: EnvironmentSpec): string[] {
  const off = [
    !spec.security.tls && 'TLS',
    !spec.security.authentication && 'authentication',
    spec.security.authorization === 'none' && 'authorization',
  ].filter((x): x is string => Boolean(x));
  return off.length > 0
    ? [
        `${off.join(
          ', ',
        )} turned off: anyone who reaches the cluster's network can ${
          spec.security.authentication ? 'use' : 'read and write'
        } it; acceptable for a dev environment only`,
      ]
    : [];
}
