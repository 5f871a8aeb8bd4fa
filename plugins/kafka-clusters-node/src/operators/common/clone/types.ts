import { OperatorFacts } from '../facts';
import { RenderedObject, RequiredSecret } from '../render/environment';

/**
 * A Kubernetes object as read from a cluster or a file: anything with apiVersion, kind and
 * metadata.
 *
 * @public
 */
export interface SourceObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation?: number;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Where a clone's configuration comes from: a live environment (its Kubernetes cluster) or
 * files of a GitOps repository (its URL and folder), or both when known.
 *
 * @public
 */
export interface CloneSource {
  /** The Kubernetes cluster the source runs on, when known. */
  kubernetesCluster?: string;
  namespace: string;
  /** The source's Kafka resource. */
  name: string;
  repoUrl?: string;
  path?: string;
  /** Whether `objects` were read from the cluster (with status) or from files. */
  live: boolean;
}

/**
 * Data a clone mirrors from its source: topics by name or `*` pattern, consumer groups whose
 * offsets follow (names or `prefix*`).
 *
 * @public
 */
export interface CloneData {
  topics: string[];
  groups?: string[];
  /** The KafkaUser (Strimzi) the mirror reads the source as; `clone-reader` by default. */
  sourceUser?: string;
}

/**
 * What a clone is to be.
 *
 * @public
 */
export interface CloneSpec {
  source: CloneSource;
  target: { kubernetesCluster: string; namespace: string; name: string };
  /** `ephemeral`: the fewest replicas and the smallest storage that run; `source`: as the source. */
  profile: 'ephemeral' | 'source';
  /** Keep listeners and components reachable from outside the Kubernetes cluster. */
  keepExternalAccess: boolean;
  /** Connectors to keep (by resource name); every other connector is dropped. */
  connectors: string[];
  data?: CloneData;
  /** ISO time the clone expires at (`k8s-kafka.io/expires-at`). */
  expiresAt?: string;
  /** The owner annotation and the service label; the source's when absent. */
  owner?: string;
  service?: string;
  /** How the clone is delivered (`pull-request`, `apply`), for the record. */
  delivery?: string;
}

/**
 * A difference between an object of the source and its clone, at a path
 * (`spec.kafka.listeners[name=external]`); `from` absent for an addition, `to` for a removal.
 *
 * @public
 */
export interface CloneChange {
  path: string;
  from?: unknown;
  to?: unknown;
}

/**
 * One transform applied to one object, with the source's original values.
 *
 * @public
 */
export interface CloneTransform {
  step: CloneStep;
  kind: string;
  name: string;
  changes: CloneChange[];
}

/**
 * The steps of a clone, in order.
 *
 * @public
 */
export type CloneStep =
  | 'strip-server-fields'
  | 'rename'
  | 'ephemeral-size'
  | 'drop-external-access'
  | 'stop-connector'
  | 'ownership'
  | 'data-replication';

/**
 * An object of the source left out of the clone, or an object added to it, and why.
 *
 * @public
 */
export interface CloneObjectNote {
  kind: string;
  name: string;
  reason: string;
}

/**
 * How the clone reaches its source's data: the address, its TLS and authentication, and the
 * Secrets those need in the clone's namespace.
 */
export interface SourceAddress {
  bootstrap: string;
  listener: string;
  tls: boolean;
  /** `none`, or the operator's authentication type of the listener. */
  authentication: string;
}

/**
 * What a pack's data step adds and changes.
 */
export interface MirrorResult {
  objects: RenderedObject[];
  /** Objects of the clone to replace (same kind and name). */
  replaced: RenderedObject[];
  /** Objects of the clone to leave out (CFK: a topic that becomes a mirror topic). */
  removed: CloneObjectNote[];
  requiredSecrets: RequiredSecret[];
  warnings: string[];
  source: SourceAddress;
}

/**
 * What the data step of an operator pack gets.
 */
export interface MirrorContext {
  spec: CloneSpec & { data: CloneData };
  /** The source's Kafka as read (with its status when live). */
  sourceKafka: SourceObject;
  /** The source's environment, as read. */
  sourceEnvironment: readonly SourceObject[];
  /** The clone's objects so far. */
  clone: RenderedObject[];
  /** The topic names chosen, patterns resolved against the source's topics. */
  topics: string[];
  /** Whether the clone runs on the source's Kubernetes cluster. */
  sameKubernetesCluster: boolean;
  /** The metadata every added object gets. */
  metadata(name: string): RenderedObject['metadata'];
}

/**
 * What an operator pack knows about cloning its resources. Pure functions of one object, except
 * `mirror`, which writes the data replication of the whole clone.
 *
 * @public
 */
export interface OperatorCloneRules {
  facts: OperatorFacts;
  /** Annotations the operator writes on its resources, or that would stop a clone reconciling. */
  dropAnnotations: readonly string[];
  /**
   * Keys whose string value names a Secret the operator generates for an object of the
   * environment (Strimzi's `<cluster>-cluster-ca-cert`, a KafkaUser's Secret): renamed with it.
   */
  generatedSecretKeys: readonly string[];
  /** The connector kind (dropped unless listed). */
  connectorKind: string;
  /** Kinds that copy data into the environment from elsewhere; never cloned. */
  replicationKinds: readonly string[];
  /** The topic kind, and a topic's Kafka name. */
  topicKind: string;
  topicName(object: RenderedObject): string;
  ephemeral(object: RenderedObject): RenderedObject;
  dropExternalAccess(object: RenderedObject): RenderedObject;
  /** A listed connector as the clone keeps it, and what its reader should know. */
  keepConnector(object: RenderedObject): {
    object: RenderedObject;
    warnings: string[];
  };
  mirror(context: MirrorContext): MirrorResult;
  /** The Secrets the clone's objects name that the operator does not generate. */
  requiredSecrets(objects: readonly RenderedObject[]): RequiredSecret[];
}
