import { KafkaOperator } from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * One custom resource kind of an operator.
 *
 * @public
 */
export interface OperatorKind {
  kind: string;
  plural: string;
  /**
   * `cluster`: becomes pods (a StatefulSet, a StrimziPodSet or a Deployment);
   * `application`: configures something inside a cluster (a topic, a user, a connector, …).
   */
  role: 'cluster' | 'application';
}

/**
 * How a field of one kind points at another object of the environment.
 * - `name`: the field holds the target's name (its namespace in `namespaceField`, else the
 *   holder's own);
 * - `dns`: the field holds `host:port` addresses (comma-separated), of which the in-cluster ones
 *   name one of the target's Services (`svc`, `svc.ns`, `svc.ns.svc[.cluster.local]`);
 * - `url`: the field holds a URL whose host is such a Service.
 *
 * @public
 */
export type ReferenceVia = 'name' | 'dns' | 'url';

/**
 * One entry of an operator's reference map: a field of `kind` that points at an object of
 * `points.kind`. `field` is the path from the object's root; `'[]'` stands for every item of a
 * list. Clone renames and re-namespaces exactly these fields; "the environment of this Kafka" is
 * what they reach.
 *
 * @public
 */
export interface OperatorReference {
  kind: string;
  field: readonly string[];
  points: {
    kind: string;
    via: ReferenceVia;
    /** Path of the sibling field that holds the target's namespace, for `via: 'name'`. */
    namespaceField?: readonly string[];
  };
  /** API versions that have the field; every version of the group when absent. */
  versions?: readonly string[];
}

/**
 * What one operator is, as data: its API groups and versions, its kinds, the names and labels it
 * gives what it creates, and its reference map. The health rules, the watch specs, the catalog
 * module's selectors and the rendering of new environments are built on these.
 *
 * @public
 */
export interface OperatorFacts {
  operator: KafkaOperator;
  /** The product's name, e.g. for entity descriptions. */
  title: string;
  /** The API group of the operator's kinds. */
  group: string;
  /** Its versions, in order of preference (the first the cluster serves is read). */
  versions: readonly string[];
  /** The kind whose CRD tells whether the operator is installed (its Kafka kind). */
  presenceKind: string;
  kinds: readonly OperatorKind[];
  /** Kinds outside the group that the operator owns (Strimzi's StrimziPodSet), by group. */
  ownedKinds?: readonly (OperatorKind & {
    group: string;
    versions: readonly string[];
  })[];
  /** Label selector of every pod the operator creates. */
  podSelector: string;
  /** Which pod labels the rules read (all others are dropped when a pod is projected). */
  isOperatorPodLabel(key: string): boolean;
  /** Label selector of everything the operator creates for one Kafka cluster. */
  workloadSelector(kafkaName: string): string;
  /** Kinds whose Warning events can explain a verdict (the operator's and what it creates). */
  eventKinds: readonly string[];
  /** Condition types that say all is well when True (their messages are never read). */
  goodConditions: readonly string[];
  /** The Services a resource of a kind gets, by which `dns` and `url` references reach it. */
  serviceNames(kind: string, object: unknown): string[];
  references: readonly OperatorReference[];
}

/** A cluster kind of an operator: it becomes pods. */
export const clusterKind = (kind: string, plural: string): OperatorKind => ({
  kind,
  plural,
  role: 'cluster',
});

/** An application kind of an operator: it configures something inside a cluster. */
export const applicationKind = (
  kind: string,
  plural: string,
): OperatorKind => ({ kind, plural, role: 'application' });
