import { Entity } from '@backstage/catalog-model';
import { isKafkaClustersAvailable } from './entityFilter';

function entity(
  overrides: Partial<Entity> & { annotations?: Record<string, string> },
): Entity {
  const { annotations, ...rest } = overrides;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', annotations },
    spec: { type: 'service' },
    ...rest,
  };
}

describe('isKafkaClustersAvailable', () => {
  it.each([
    [
      'the Kubernetes id annotation',
      entity({ annotations: { 'backstage.io/kubernetes-id': 'orders' } }),
    ],
    [
      'the Kubernetes label selector annotation',
      entity({
        annotations: { 'backstage.io/kubernetes-label-selector': 'app=orders' },
      }),
    ],
    [
      'our annotation naming clusters',
      entity({
        annotations: {
          'k8s-kafka.io/kafka-clusters': 'prod-eu/orders/orders-kafka',
        },
      }),
    ],
    [
      'a dependency on a Resource',
      entity({
        relations: [
          { type: 'dependsOn', targetRef: 'resource:default/orders-kafka' },
        ],
      }),
    ],
    [
      'being a kafka-cluster Resource',
      entity({
        kind: 'Resource',
        spec: { type: 'kafka-cluster', owner: 'team-platform' },
      }),
    ],
  ])('offers the Kafka views for an entity with %s', (_, subject) => {
    expect(isKafkaClustersAvailable(subject)).toBe(true);
  });

  it.each([
    ['no annotations or relations', entity({})],
    [
      'only a namespace annotation',
      entity({
        annotations: { 'backstage.io/kubernetes-namespace': 'orders' },
      }),
    ],
    [
      'a dependency on a Component',
      entity({
        relations: [
          { type: 'dependsOn', targetRef: 'component:default/payments' },
        ],
      }),
    ],
    [
      'another relation to a Resource',
      entity({
        relations: [
          { type: 'ownedBy', targetRef: 'resource:default/orders-kafka' },
        ],
      }),
    ],
    [
      'being a Resource of another type',
      entity({ kind: 'Resource', spec: { type: 'database' } }),
    ],
  ])('hides them for an entity with %s', (_, subject) => {
    expect(isKafkaClustersAvailable(subject)).toBe(false);
  });
});
