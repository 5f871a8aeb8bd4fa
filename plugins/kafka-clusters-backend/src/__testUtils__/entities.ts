import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_KAFKA_REF } from '@k8s-kafka/plugin-kafka-clusters-common';

export const ID = 'backstage.io/kubernetes-id';

/** The service the tests ask about: its Kafka resources carry `backstage.io/kubernetes-id=orders`. */
export const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: { [ID]: 'orders' },
  },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
};

/** Polls until `check` stops throwing: the caches follow the clusters within seconds. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

/** A `kafka-cluster` Resource as the catalog module makes it, with the relation to its owner. */
export function kafkaClusterResource(kafkaRef: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: kafkaRef.split('/')[2],
      namespace: 'default',
      annotations: { [ANNOTATION_KAFKA_REF]: kafkaRef },
    },
    spec: { type: 'kafka-cluster', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}
