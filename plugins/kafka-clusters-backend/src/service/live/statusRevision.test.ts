import { KubernetesClusterCacheStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { kafkaStatus } from '../../__testUtils__/statusFixtures';
import { statusRevision } from './statusRevision';

const cache = (
  overrides: Partial<KubernetesClusterCacheStatus> = {},
): KubernetesClusterCacheStatus => ({
  name: 'prod-eu',
  state: 'synced',
  operators: {
    cfk: { installed: false },
    strimzi: { installed: true, version: 'v1' },
  },
  kafkaClusters: 2,
  errors: [],
  ...overrides,
});

const payments = kafkaStatus('prod-eu', 'payments', 'payments-kafka');
const orders = kafkaStatus('prod-eu', 'orders', 'orders-kafka');

describe('statusRevision', () => {
  const base = statusRevision([payments, orders], [cache()]);

  it('is the same for the same state, whatever the order and the ages', () => {
    const older = {
      ...payments,
      freshness: { ...payments.freshness, ageSeconds: 42 },
    };
    expect(statusRevision([orders, older], [cache({ ageSeconds: 9 })])).toBe(
      base,
    );
  });

  it('changes with a verdict, a reason, a count, staleness or a Kubernetes cluster’s state', () => {
    const changed = [
      statusRevision([{ ...payments, health: 'degraded' }, orders], [cache()]),
      statusRevision(
        [
          {
            ...payments,
            reasons: [
              {
                code: 'PodCrashLooping',
                severity: 'error',
                impact: 'degraded',
                message: 'Pod payments-kafka-1 is crash-looping',
                resource: {
                  kind: 'Pod',
                  namespace: 'payments',
                  name: 'payments-kafka-1',
                },
              },
            ],
          },
          orders,
        ],
        [cache()],
      ),
      statusRevision(
        [{ ...payments, brokers: { ...payments.brokers, ready: 2 } }, orders],
        [cache()],
      ),
      statusRevision(
        [
          {
            ...payments,
            freshness: { ...payments.freshness, stale: true },
          },
          orders,
        ],
        [cache()],
      ),
      statusRevision([payments], [cache()]),
      statusRevision([payments, orders], [cache({ state: 'stale' })]),
      statusRevision(
        [payments, orders],
        [
          cache({
            errors: [
              {
                cluster: 'prod-eu',
                kind: 'forbidden',
                message: 'kafkatopics is forbidden',
                since: new Date().toISOString(),
              },
            ],
          }),
        ],
      ),
    ];
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });
});
