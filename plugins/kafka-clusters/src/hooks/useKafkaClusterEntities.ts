import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_KAFKA_REF,
  KafkaClusterRef,
  KUBERNETES_ANNOTATIONS,
  parseKafkaClusterRefs,
  RESOURCE_TYPES,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { useEffect, useMemo, useState } from 'react';

/** Finds the catalog entities behind Kafka clusters. */
export interface KafkaClusterEntities {
  /** The `kafka-cluster` Resource whose `k8s-kafka.io/kafka-ref` names the cluster. */
  resourceFor(ref: KafkaClusterRef): Entity | undefined;
  /** The entity whose `backstage.io/kubernetes-id` matches the Kafka resource's label. */
  labelledFor(labels: Record<string, string>): Entity | undefined;
}

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'metadata.links',
  'spec.type',
  'spec.owner',
];

interface Index {
  byKafkaRef: Map<string, Entity>;
  byKubernetesId: Map<string, Entity>;
}

/**
 * The catalog entities of Kafka clusters. The status model carries no entity refs, so a
 * Kafka cluster finds its owner, links and entity page here: first the `kafka-cluster`
 * Resource naming it, else the entity its Kubernetes labels were written for. Until the
 * catalog answers, and when it fails, nothing is found: the statuses never wait for it.
 */
export function useKafkaClusterEntities(): KafkaClusterEntities {
  // Optional: an app without the catalog still gets every Kafka status, without links.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const [index, setIndex] = useState<Index>({
    byKafkaRef: new Map(),
    byKubernetesId: new Map(),
  });

  useEffect(() => {
    if (!catalogApi) return undefined;
    let cancelled = false;
    Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'Resource', 'spec.type': RESOURCE_TYPES.kafkaCluster },
        fields: FIELDS,
      }),
      catalogApi.getEntities({
        filter: {
          [`metadata.annotations.${KUBERNETES_ANNOTATIONS.id}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: FIELDS,
      }),
    ])
      .then(([resources, labelled]) => {
        if (!cancelled) {
          setIndex({
            byKafkaRef: indexByKafkaRef(resources.items),
            byKubernetesId: indexByKubernetesId(labelled.items),
          });
        }
      })
      .catch(() => {
        // Owners and entity links are extras; the Kafka statuses stand without them.
      });
    return () => {
      cancelled = true;
    };
  }, [catalogApi]);

  return useMemo(
    () => ({
      resourceFor: (ref: KafkaClusterRef) =>
        index.byKafkaRef.get(stringifyKafkaClusterRef(ref)),
      labelledFor: (labels: Record<string, string>) => {
        const id = labels[KUBERNETES_ANNOTATIONS.id];
        return id ? index.byKubernetesId.get(id) : undefined;
      },
    }),
    [index],
  );
}

function indexByKafkaRef(entities: Entity[]): Map<string, Entity> {
  const index = new Map<string, Entity>();
  for (const entity of entities) {
    const value = entity.metadata.annotations?.[ANNOTATION_KAFKA_REF];
    if (!value) continue;
    try {
      for (const ref of parseKafkaClusterRefs(value)) {
        index.set(stringifyKafkaClusterRef(ref), entity);
      }
    } catch {
      // A malformed annotation names no cluster; the backend reports it on that entity.
    }
  }
  return index;
}

function indexByKubernetesId(entities: Entity[]): Map<string, Entity> {
  const index = new Map<string, Entity>();
  for (const entity of entities) {
    const id = entity.metadata.annotations?.[KUBERNETES_ANNOTATIONS.id];
    // Several entities may share an id; the first keeps the link stable across renders.
    if (id && !index.has(id)) index.set(id, entity);
  }
  return index;
}
