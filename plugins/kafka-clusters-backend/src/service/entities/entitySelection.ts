import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_KAFKA_CLUSTERS,
  ANNOTATION_KAFKA_REF,
  KafkaClusterRef,
  KUBERNETES_ANNOTATIONS,
  parseKafkaClusterRefs,
  RESOURCE_TYPES,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { LabelSelector, parseLabelSelector } from './labelSelector';

/** What an entity asks for, read from its annotations and relations. */
export interface EntitySelection {
  /** Kubernetes resources labelled for the entity: its Kafka clusters, topics, users. */
  selector?: LabelSelector;
  /** `backstage.io/kubernetes-namespace`: label matches only in this namespace. */
  namespace?: string;
  /** `backstage.io/kubernetes-cluster`: label matches only on this Kubernetes cluster. */
  cluster?: string;
  /** Kafka clusters named outright: our annotation, the entity's own ref, related Resources. */
  refs: KafkaClusterRef[];
  /**
   * Why related Resources were left out: a broken annotation on another entity must not take
   * this one's Kafka tab down with it.
   */
  ignored: string[];
}

function parseRefs(
  value: string | undefined,
  source: string,
): KafkaClusterRef[] {
  if (!value) return [];
  try {
    return parseKafkaClusterRefs(value);
  } catch (error) {
    throw new InputError(`${source}: ${(error as Error).message}`);
  }
}

/**
 * The selection of an entity, as the Kubernetes plugin reads its annotations
 * (`kubernetes-label-selector` wins over `kubernetes-id`), plus the Kafka clusters it names.
 *
 * @param related - Resource entities the entity `dependsOn` (only `kafka-cluster` ones count).
 */
export function readEntitySelection(
  entity: Entity,
  related: Entity[],
): EntitySelection {
  const annotations = entity.metadata.annotations ?? {};
  const labelSelector = annotations[KUBERNETES_ANNOTATIONS.labelSelector];
  const id = annotations[KUBERNETES_ANNOTATIONS.id];
  let selector: LabelSelector | undefined;
  if (labelSelector) selector = parseLabelSelector(labelSelector);
  else if (id)
    selector = [{ key: KUBERNETES_ANNOTATIONS.id, op: 'in', values: [id] }];

  const isKafkaCluster = (e: Entity) =>
    e.kind === 'Resource' && e.spec?.type === RESOURCE_TYPES.kafkaCluster;
  const ownRef = (e: Entity, source: string) =>
    parseRefs(e.metadata.annotations?.[ANNOTATION_KAFKA_REF], source);
  const ignored: string[] = [];
  const refs = [
    ...parseRefs(
      annotations[ANNOTATION_KAFKA_CLUSTERS],
      ANNOTATION_KAFKA_CLUSTERS,
    ),
    ...(isKafkaCluster(entity)
      ? ownRef(entity, `${entity.metadata.name}: ${ANNOTATION_KAFKA_REF}`)
      : []),
    ...related.filter(isKafkaCluster).flatMap(resource => {
      try {
        return ownRef(resource, ANNOTATION_KAFKA_REF);
      } catch (error) {
        ignored.push(
          `Ignoring the dependency on Resource ${resource.metadata.name}: ${
            (error as Error).message
          }`,
        );
        return [];
      }
    }),
  ];
  return {
    selector,
    namespace: annotations[KUBERNETES_ANNOTATIONS.namespace],
    cluster: annotations[KUBERNETES_ANNOTATIONS.cluster],
    refs,
    ignored,
  };
}
