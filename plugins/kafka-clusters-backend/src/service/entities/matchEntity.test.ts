import { Entity } from '@backstage/catalog-model';
import { kafkaStatus, topicStatus } from '../../__testUtils__/statusFixtures';
import { readEntitySelection } from './entitySelection';
import { MatchableCluster, matchEntity } from './matchEntity';

const ID = 'backstage.io/kubernetes-id';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

function kafkaResource(name: string, ref: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'k8s-kafka.io/kafka-ref': ref },
    },
    spec: { type: 'kafka-cluster', owner: 'platform' },
  };
}

const ordersKafka = kafkaStatus('prod-eu', 'orders', 'orders-kafka', {
  labels: { [ID]: 'orders' },
});
const stagingOrders = kafkaStatus('staging', 'orders', 'orders-kafka', {
  labels: { [ID]: 'orders' },
});
const shared = kafkaStatus('prod-eu', 'kafka', 'shared', {
  topics: [
    topicStatus('kafka', 'orders-created', { [ID]: 'orders' }),
    topicStatus('kafka', 'payments', { [ID]: 'payments' }),
  ],
});
const other = kafkaStatus('prod-us', 'payments', 'payments-kafka', {
  labels: { [ID]: 'payments' },
});

function fleet(
  overrides: Partial<Record<string, Partial<MatchableCluster>>> = {},
): MatchableCluster[] {
  const base: MatchableCluster[] = [
    {
      name: 'prod-eu',
      statuses: [ordersKafka, shared],
      errors: [],
      synced: true,
      operatorsInstalled: true,
    },
    {
      name: 'prod-us',
      statuses: [other],
      errors: [],
      synced: true,
      operatorsInstalled: true,
    },
    {
      name: 'staging',
      statuses: [stagingOrders],
      errors: [],
      synced: true,
      operatorsInstalled: true,
    },
  ];
  return base.map(c => ({ ...c, ...overrides[c.name] }));
}

const names = (match: {
  clusters: { ref: { cluster: string; namespace: string; name: string } }[];
}) =>
  match.clusters
    .map(c => `${c.ref.cluster}/${c.ref.namespace}/${c.ref.name}`)
    .sort();

describe('matchEntity', () => {
  it('finds Kafka clusters labelled with the kubernetes-id on every cluster, and shared clusters through its topics', () => {
    const match = matchEntity(
      readEntitySelection(component({ [ID]: 'orders' }), []),
      fleet(),
    );
    expect(names(match)).toEqual([
      'prod-eu/kafka/shared',
      'prod-eu/orders/orders-kafka',
      'staging/orders/orders-kafka',
    ]);
    const sharedMatch = match.clusters.find(c => c.ref.name === 'shared')!;
    expect(sharedMatch.topics.map(t => t.name)).toEqual(['orders-created']);
    expect(match.errors).toEqual([]);
  });

  it('narrows label matches to the kubernetes-namespace and kubernetes-cluster annotations', () => {
    const match = matchEntity(
      readEntitySelection(
        component({
          [ID]: 'orders',
          'backstage.io/kubernetes-namespace': 'orders',
          'backstage.io/kubernetes-cluster': 'staging',
        }),
        [],
      ),
      fleet(),
    );
    expect(names(match)).toEqual(['staging/orders/orders-kafka']);
  });

  it("shows a service its own topics and users on a shared cluster in another namespace, not the others'", () => {
    const platform = kafkaStatus('prod-eu', 'kafka-platform', 'shared', {
      topics: [
        topicStatus('kafka-platform', 'orders.created', { [ID]: 'orders' }),
        topicStatus('kafka-platform', 'payments.settled', { [ID]: 'payments' }),
        topicStatus('kafka-platform', 'audit.log'),
      ],
      access: [
        {
          kind: 'ConfluentRolebinding',
          resource: {
            kind: 'ConfluentRolebinding',
            namespace: 'kafka-platform',
            name: 'orders-writer',
          },
          labels: { [ID]: 'orders' },
          principal: 'User:orders',
          role: 'DeveloperWrite',
          health: 'healthy',
          reasons: [],
        },
        {
          kind: 'ConfluentRolebinding',
          resource: {
            kind: 'ConfluentRolebinding',
            namespace: 'kafka-platform',
            name: 'payments-writer',
          },
          labels: { [ID]: 'payments' },
          principal: 'User:payments',
          health: 'healthy',
          reasons: [],
        },
      ],
    });
    const clusters: MatchableCluster[] = [
      {
        name: 'prod-eu',
        statuses: [platform],
        errors: [],
        synced: true,
        operatorsInstalled: true,
      },
    ];
    const entity = component({
      [ID]: 'orders',
      'backstage.io/kubernetes-namespace': 'orders',
    });
    for (const related of [
      [],
      [
        kafkaResource(
          'prod-eu_kafka-platform_shared',
          'prod-eu/kafka-platform/shared',
        ),
      ],
    ]) {
      const [view] = matchEntity(
        readEntitySelection(entity, related),
        clusters,
      ).clusters;
      expect(view.topics.map(t => t.name)).toEqual(['orders.created']);
      expect(view.access.map(a => a.resource.name)).toEqual(['orders-writer']);
    }
  });

  it('prefers the label-selector annotation over the kubernetes-id', () => {
    const match = matchEntity(
      readEntitySelection(
        component({
          [ID]: 'orders',
          'backstage.io/kubernetes-label-selector': `${ID} in (payments)`,
        }),
        [],
      ),
      fleet(),
    );
    expect(names(match)).toEqual([
      'prod-eu/kafka/shared',
      'prod-us/payments/payments-kafka',
    ]);
  });

  it('includes clusters named by annotation and by dependsOn kafka-cluster Resources, with every topic when none is labelled', () => {
    const entity = component({
      'k8s-kafka.io/kafka-clusters': 'prod-us/payments/payments-kafka',
    });
    const match = matchEntity(
      readEntitySelection(entity, [
        kafkaResource('prod-eu-kafka-shared', 'prod-eu/kafka/shared'),
      ]),
      fleet(),
    );
    expect(names(match)).toEqual([
      'prod-eu/kafka/shared',
      'prod-us/payments/payments-kafka',
    ]);
    expect(
      match.clusters.find(c => c.ref.name === 'shared')!.topics,
    ).toHaveLength(2);
  });

  it('a kafka-cluster Resource shows its own cluster', () => {
    const resource = kafkaResource(
      'prod-us-payments',
      'prod-us/payments/payments-kafka',
    );
    expect(
      names(matchEntity(readEntitySelection(resource, []), fleet())),
    ).toEqual(['prod-us/payments/payments-kafka']);
  });

  it('reports each named cluster it cannot show, and the errors of the clusters involved, beside what it found', () => {
    const entity = component({
      [ID]: 'orders',
      'k8s-kafka.io/kafka-clusters':
        'nowhere/a/b, prod-us/payments/gone, staging/x/y, prod-eu/kafka/shared',
    });
    const unreachable = {
      cluster: 'staging',
      kind: 'unreachable' as const,
      message: 'The API server cannot be reached (ECONNREFUSED)',
      since: '2026-11-25T10:00:00Z',
    };
    const match = matchEntity(
      readEntitySelection(entity, []),
      fleet({
        staging: { statuses: [], errors: [unreachable] },
        'prod-us': { statuses: [], operatorsInstalled: false },
      }),
    );
    expect(names(match)).toEqual([
      'prod-eu/kafka/shared',
      'prod-eu/orders/orders-kafka',
    ]);
    expect(match.errors.map(e => [e.cluster, e.kind])).toEqual(
      expect.arrayContaining([
        ['nowhere', 'other'],
        ['prod-us', 'crds-missing'],
        ['staging', 'unreachable'],
      ]),
    );
    expect(match.errors).toHaveLength(3);
  });

  it('gives the same answer through the label index as through a full scan', () => {
    const indexed = fleet().map(cluster => ({
      ...cluster,
      withLabel: (key: string, value: string) =>
        cluster.statuses.filter(s =>
          [s.labels, ...s.topics.map(t => t.labels)].some(
            labels => labels[key] === value,
          ),
        ),
    }));
    const cases: Record<string, string>[] = [
      { [ID]: 'orders' },
      {
        [ID]: 'orders',
        'k8s-kafka.io/kafka-clusters': 'prod-us/payments/payments-kafka',
      },
      { 'backstage.io/kubernetes-label-selector': `${ID} in (payments)` },
    ];
    for (const annotations of cases) {
      const selection = readEntitySelection(component(annotations), []);
      expect(names(matchEntity(selection, indexed))).toEqual(
        names(matchEntity(selection, fleet())),
      );
    }
  });

  it('leaves out a related Resource with an unreadable kafka-ref, saying why, and keeps the others', () => {
    const selection = readEntitySelection(component({}), [
      kafkaResource('broken', 'prod-eu/shared'),
      kafkaResource('fine', 'prod-us/payments/payments-kafka'),
    ]);
    expect(selection.refs).toEqual([
      { cluster: 'prod-us', namespace: 'payments', name: 'payments-kafka' },
    ]);
    expect(selection.ignored).toEqual([
      expect.stringMatching(
        /^Ignoring the dependency on Resource broken: k8s-kafka.io\/kafka-ref: Invalid Kafka cluster reference 'prod-eu\/shared'/,
      ),
    ]);
  });

  it('rejects an unreadable annotation with a message naming it', () => {
    expect(() =>
      readEntitySelection(
        component({ 'k8s-kafka.io/kafka-clusters': 'prod-eu/shared' }),
        [],
      ),
    ).toThrow(
      "k8s-kafka.io/kafka-clusters: Invalid Kafka cluster reference 'prod-eu/shared'",
    );
  });
});
