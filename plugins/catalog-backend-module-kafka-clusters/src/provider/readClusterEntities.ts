import { Entity } from '@backstage/catalog-model';
import {
  ClusterDetails,
  KafkaOperatorAdapter,
  KubernetesClusterAccess,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { discoverKafkas } from '../discovery/discoverKafkas';
import {
  buildEntities,
  OwnershipDefaults,
  OwnershipProblem,
} from './buildEntities';

/** What one Kubernetes cluster contributes to a run. */
export interface ClusterEntities {
  entities: Entity[];
  kafkas: number;
  topics: number;
  problems: OwnershipProblem[];
}

/**
 * Reads one Kubernetes cluster with the backend's own credential for it and turns its Kafka
 * resources into entities. Rejects when the cluster cannot be read.
 */
export async function readClusterEntities(
  cluster: ClusterDetails,
  options: {
    clusters: KubernetesClusterAccess;
    adapters: readonly KafkaOperatorAdapter[];
    topics: boolean;
    timeoutMs: number;
    /** Namespaces to list instead of the whole cluster (namespace-scoped mode). */
    namespaces?: readonly string[];
    defaults: OwnershipDefaults;
  },
): Promise<ClusterEntities> {
  const kc = await options.clusters.kubeConfig(cluster);
  const kafkas = await discoverKafkas(kc, {
    cluster: cluster.name,
    adapters: options.adapters,
    topics: options.topics,
    timeoutMs: options.timeoutMs,
    namespaces: options.namespaces,
  });
  const { entities, problems } = buildEntities(
    cluster,
    kafkas,
    options.defaults,
  );
  return {
    entities,
    kafkas: kafkas.length,
    topics: kafkas.reduce((sum, kafka) => sum + kafka.topics.length, 0),
    problems,
  };
}
