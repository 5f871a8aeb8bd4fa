import {
  KafkaClusterRef,
  KafkaClusterStatus,
  KubernetesClusterError,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { EntitySelection } from './entitySelection';
import { matchesLabels } from './labelSelector';

/** What the matcher needs to know of one Kubernetes cluster's cache. */
export interface MatchableCluster {
  name: string;
  statuses: readonly KafkaClusterStatus[];
  errors: KubernetesClusterError[];
  /** False until the cache has listed everything once. */
  synced: boolean;
  /**
   * The statuses whose Kafka resource, topics or users carry this label, so that the usual
   * `kubernetes-id` lookup does not scan every topic of the fleet. Without it, all are scanned.
   */
  withLabel?(key: string, value: string): readonly KafkaClusterStatus[];
  operatorsInstalled: boolean;
}

export interface EntityMatch {
  clusters: KafkaClusterStatus[];
  errors: KubernetesClusterError[];
}

// The view of a shared cluster restricted to one selection's topics and users, kept while its
// status object lives, so repeated requests get the same object (and its cached answer).
const restrictedViews = new WeakMap<
  KafkaClusterStatus,
  Map<string, KafkaClusterStatus>
>();

function restrictedView(
  status: KafkaClusterStatus,
  selectionKey: string,
  topics: KafkaClusterStatus['topics'],
  access: KafkaClusterStatus['access'],
): KafkaClusterStatus {
  let views = restrictedViews.get(status);
  if (!views) {
    views = new Map();
    restrictedViews.set(status, views);
  }
  let view = views.get(selectionKey);
  if (!view) {
    view = { ...status, topics, access };
    views.set(selectionKey, view);
  }
  return view;
}

const sameRef = (a: KafkaClusterRef, b: KafkaClusterRef) =>
  a.cluster === b.cluster && a.namespace === b.namespace && a.name === b.name;

/**
 * The Kafka clusters of an entity: those labelled for it, those whose topics or users are
 * labelled for it (a shared cluster it uses), and those it names. On a cluster it only uses,
 * the entity sees its own topics and users, or all of them when none is labelled for it.
 *
 * `backstage.io/kubernetes-namespace` narrows the Kafka resources an entity owns, not its
 * topics and users: those live with the shared cluster, in the platform team's namespace.
 */
export function matchEntity(
  selection: EntitySelection,
  clusters: readonly MatchableCluster[],
): EntityMatch {
  const { selector, namespace } = selection;
  const onCluster = (cluster: string) =>
    !selection.cluster || cluster === selection.cluster;
  const inScope = (status: { cluster: string; namespace?: string }) =>
    onCluster(status.cluster) && (!namespace || status.namespace === namespace);
  const labelled = (labels: Record<string, string>) =>
    selector !== undefined && matchesLabels(selector, labels);

  // An equality requirement narrows the statuses to look at to those the index holds for it.
  const equality = selector?.find(r => r.op === 'in' && r.values.length === 1);
  const candidates = (
    cluster: MatchableCluster,
  ): readonly KafkaClusterStatus[] => {
    if (!equality || !cluster.withLabel) return cluster.statuses;
    const labelledStatuses = cluster.withLabel(
      equality.key,
      (equality as { values: string[] }).values[0],
    );
    const named = selection.refs.length
      ? cluster.statuses.filter(s =>
          selection.refs.some(ref => sameRef(ref, s.ref)),
        )
      : [];
    return named.length
      ? [...new Set([...labelledStatuses, ...named])]
      : labelledStatuses;
  };

  const selectionKey = JSON.stringify([selector, namespace, selection.cluster]);
  const matched: KafkaClusterStatus[] = [];
  const involved = new Set<string>();
  for (const cluster of clusters) {
    for (const status of candidates(cluster)) {
      const scope = { cluster: cluster.name, namespace: status.ref.namespace };
      if (inScope(scope) && labelled(status.labels)) {
        matched.push(status);
        continue;
      }
      const used = onCluster(cluster.name);
      const topics = used ? status.topics.filter(t => labelled(t.labels)) : [];
      const access = used ? status.access.filter(a => labelled(a.labels)) : [];
      const named = selection.refs.some(ref => sameRef(ref, status.ref));
      if (topics.length > 0 || access.length > 0) {
        matched.push(restrictedView(status, selectionKey, topics, access));
      } else if (named) {
        matched.push(status);
      }
    }
    if (
      selector &&
      (!selection.cluster || selection.cluster === cluster.name)
    ) {
      involved.add(cluster.name);
    }
  }

  const errors: KubernetesClusterError[] = [];
  const byName = new Map(clusters.map(c => [c.name, c]));
  for (const ref of selection.refs) {
    involved.add(ref.cluster);
    const cluster = byName.get(ref.cluster);
    const found = matched.some(status => sameRef(status.ref, ref));
    if (found) continue;
    const name = stringifyKafkaClusterRef(ref);
    const since = new Date().toISOString();
    if (!cluster) {
      errors.push({
        cluster: ref.cluster,
        kind: 'other',
        message: `${name}: no Kubernetes cluster named '${ref.cluster}' is configured`,
        since,
      });
    } else if (cluster.synced && !cluster.operatorsInstalled) {
      errors.push({
        cluster: ref.cluster,
        kind: 'crds-missing',
        message: `${name}: neither CFK's nor Strimzi's CRDs are installed on '${ref.cluster}'`,
        since,
      });
    } else if (cluster.synced && cluster.errors.length === 0) {
      errors.push({
        cluster: ref.cluster,
        kind: 'other',
        message: `${name}: no such Kafka cluster`,
        since,
      });
    }
  }
  for (const name of involved) {
    errors.push(...(byName.get(name)?.errors ?? []));
  }
  return { clusters: matched, errors };
}
