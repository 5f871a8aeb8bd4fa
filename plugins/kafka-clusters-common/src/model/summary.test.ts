import { KafkaClusterStatus } from './status';
import { summarizeKafkaCluster } from './summary';
import { HealthReason } from './reasons';

function reason(n: number): HealthReason {
  return {
    code: 'PodNotReady',
    severity: 'error',
    impact: 'degraded',
    message: `pod ${n} not ready`,
    resource: {
      kind: 'Pod',
      apiVersion: 'v1',
      namespace: 'kafka',
      name: `kafka-${n}`,
    },
  };
}

const status: KafkaClusterStatus = {
  ref: { cluster: 'prod', namespace: 'kafka', name: 'kafka' },
  resource: {
    kind: 'Kafka',
    apiVersion: 'platform.confluent.io/v1beta1',
    namespace: 'kafka',
    name: 'kafka',
  },
  operator: 'cfk',
  apiVersion: 'platform.confluent.io/v1beta1',
  labels: { team: 'orders' },
  health: 'degraded',
  reasons: [reason(0), reason(1), reason(2), reason(3)],
  reconcile: {
    caughtUp: true,
    conditions: [],
    rolling: false,
    paused: {
      source: 'annotation',
      key: 'platform.confluent.io/block-reconcile',
      reason: 'maintenance',
    },
  },
  metadataMode: 'kraft',
  brokers: { desired: 3, ready: 1, members: [] },
  controllers: { desired: 3, ready: 3, members: [] },
  components: [],
  topics: [
    {
      name: 'a',
      resource: { kind: 'KafkaTopic', namespace: 'kafka', name: 'a' },
      labels: {},
      health: 'healthy',
      reasons: [],
    },
    {
      name: 'b',
      resource: { kind: 'KafkaTopic', namespace: 'kafka', name: 'b' },
      labels: {},
      health: 'degraded',
      reasons: [],
    },
  ],
  access: [],
  listeners: [],
  links: [],
  versions: { platform: '7.9.0' },
  events: [],
  freshness: {
    observedAt: '2026-01-01T00:00:00.000Z',
    ageSeconds: 0,
    stale: false,
  },
};

describe('summarizeKafkaCluster', () => {
  it('keeps the verdict, the first reasons and the counts', () => {
    const summary = summarizeKafkaCluster(status, 2);
    expect(summary.health).toBe('degraded');
    expect(summary.reasons.map(r => r.message)).toEqual([
      'pod 0 not ready',
      'pod 1 not ready',
    ]);
    expect(summary.reasonCount).toBe(4);
    expect(summary.brokers).toEqual({ desired: 3, ready: 1 });
    expect(summary.controllers).toEqual({ desired: 3, ready: 3 });
    expect(summary.paused).toBe(true);
    expect(summary.counts).toEqual({
      components: 0,
      topics: 2,
      topicsNotHealthy: 1,
    });
  });

  it('leaves controllers out when the status has none', () => {
    const summary = summarizeKafkaCluster({
      ...status,
      controllers: undefined,
    });
    expect(summary.controllers).toBeUndefined();
    expect(summary.reasons).toHaveLength(3);
  });
});
