import { Entity } from '@backstage/catalog-model';
import { DiscoveredKafka } from '../discovery/discoverKafkas';
import { ClusterDefaults } from './config';
import {
  KubernetesClusterInfo,
  kafkaClusterEntity,
  kafkaTopicEntity,
} from './entities';
import { resolveOwner, resolveSystem } from './ownership';

/** Defaults for the resources of one Kubernetes cluster, most specific first. */
export interface OwnershipDefaults {
  /** This Kubernetes cluster's configured defaults. */
  cluster?: ClusterDefaults;
  /** Full entity reference. */
  owner: string;
  /** Full entity reference. */
  system?: string;
}

/** A value on a Kubernetes object that could not be used, to be logged. */
export interface OwnershipProblem {
  /** `<namespace>/<name>` of the Kafka or KafkaTopic resource. */
  object: string;
  message: string;
}

/**
 * The Resource entities of one Kubernetes cluster's Kafka resources. A Kafka cluster's owner
 * and system come from its own annotation, else its label, else the Kubernetes cluster's
 * default, else the global default; a topic's from its own annotation or label, else its Kafka
 * cluster's.
 */
export function buildEntities(
  cluster: KubernetesClusterInfo,
  kafkas: readonly DiscoveredKafka[],
  defaults: OwnershipDefaults,
): { entities: Entity[]; problems: OwnershipProblem[] } {
  const entities: Entity[] = [];
  const problems: OwnershipProblem[] = [];
  const note = (o: { namespace: string; name: string }, messages: string[]) =>
    problems.push(
      ...messages.map(message => ({
        object: `${o.namespace}/${o.name}`,
        message,
      })),
    );

  for (const kafka of kafkas) {
    const owner = resolveOwner(
      kafka,
      defaults.cluster?.owner ?? defaults.owner,
    );
    const system = resolveSystem(
      kafka,
      defaults.cluster?.system ?? defaults.system,
    );
    note(kafka, [...owner.problems, ...system.problems]);
    entities.push(
      kafkaClusterEntity(cluster, kafka, {
        owner: owner.ref,
        system: system.ref,
      }),
    );
    for (const topic of kafka.topics) {
      const topicOwner = resolveOwner(topic, owner.ref);
      const topicSystem = resolveSystem(topic, system.ref);
      note(topic, [...topicOwner.problems, ...topicSystem.problems]);
      entities.push(
        kafkaTopicEntity(cluster, kafka, topic, {
          owner: topicOwner.ref,
          system: topicSystem.ref,
        }),
      );
    }
  }
  return { entities, problems };
}
