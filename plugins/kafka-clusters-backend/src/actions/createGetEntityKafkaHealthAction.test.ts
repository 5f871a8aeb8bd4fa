import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  HealthReason,
  kafkaClustersStatusReadPermission,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ID } from '../__testUtils__/entities';
import { kafkaStatus, topicStatus } from '../__testUtils__/statusFixtures';
import { actionsOver } from './__testUtils__/actionsSetup';

const crashLooping: HealthReason = {
  code: 'PodCrashLooping',
  severity: 'error',
  impact: 'degraded',
  message:
    'Container kafka of pod orders-kafka-broker-2 is in CrashLoopBackOff after 7 restarts; last terminated OOMKilled (exit code 137)',
  resource: { kind: 'Pod', namespace: 'orders', name: 'orders-kafka-broker-2' },
  since: '2026-11-25T09:40:12.000Z',
  fix: 'Raise the memory limit in spec.resources of KafkaNodePool broker',
};

const ordersKafka = kafkaStatus('prod-us', 'orders', 'orders-kafka', {
  labels: { [ID]: 'orders' },
  health: 'degraded',
  reasons: [crashLooping],
  brokers: { desired: 3, ready: 2, members: [] },
  controllers: { desired: 3, ready: 3, members: [] },
});
const shared = kafkaStatus('prod-eu', 'kafka-platform', 'shared', {
  topics: [topicStatus('kafka-platform', 'orders-created', { [ID]: 'orders' })],
});
const unreachable = {
  cluster: 'staging',
  kind: 'unreachable' as const,
  message: 'connect ECONNREFUSED 127.0.0.1:6553',
  since: '2026-11-25T10:00:00.000Z',
};

function setup(result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  return actionsOver({
    clusters: { 'prod-us': [ordersKafka], 'prod-eu': [shared] },
    errors: { staging: [unreachable] },
    result,
  });
}

describe('get-entity-kafka-health', () => {
  it("answers an entity's Kafka clusters, worst first: verdict, reasons with resource, since and fix, brokers ready, and the errors of the Kubernetes clusters involved", async () => {
    const { invoke } = setup();
    const output = await invoke('get-entity-kafka-health', {
      entityRef: 'component:default/orders',
    });
    expect(output.entityRef).toBe('component:default/orders');
    expect(output.health).toBe('degraded');
    expect(output.clusters.map((c: { ref: string }) => c.ref)).toEqual([
      'prod-us/orders/orders-kafka',
      'prod-eu/kafka-platform/shared',
    ]);
    expect(output.clusters[0]).toMatchObject({
      operator: 'strimzi',
      health: 'degraded',
      brokers: { desired: 3, ready: 2 },
      controllers: { desired: 3, ready: 3 },
      reasonCount: 1,
      reasons: [
        {
          code: 'PodCrashLooping',
          severity: 'error',
          impact: 'degraded',
          message: {
            untrusted: { source: 'health-rule', text: crashLooping.message },
          },
          resource: crashLooping.resource,
          since: crashLooping.since,
          fix: crashLooping.fix,
        },
      ],
    });
    expect(output.clusters[1].topics).toEqual({ total: 1, notHealthy: 0 });
    expect(output.errors).toEqual([
      {
        cluster: 'staging',
        kind: 'unreachable',
        message: {
          untrusted: { source: 'kubernetes-api', text: unreachable.message },
        },
        since: unreachable.since,
      },
    ]);
  });

  it('reads a bare name as a Component in the default namespace', async () => {
    const { invoke } = setup();
    const output = await invoke('get-entity-kafka-health', {
      entityRef: 'orders',
    });
    expect(output.entityRef).toBe('component:default/orders');
  });

  it("checks the routes' permission with the caller's credentials, and gives nothing when it is denied", async () => {
    const allowed = setup();
    await allowed.invoke('get-entity-kafka-health', { entityRef: 'orders' });
    expect(allowed.authorize).toHaveBeenCalledWith(
      [{ permission: kafkaClustersStatusReadPermission }],
      { credentials: allowed.credentials },
    );

    const denied = setup(AuthorizeResult.DENY);
    await expect(
      denied.invoke('get-entity-kafka-health', { entityRef: 'orders' }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('does not tell an entity the caller cannot see from one that does not exist', async () => {
    const { invoke } = setup();
    await expect(
      invoke('get-entity-kafka-health', {
        entityRef: 'component:default/secret',
      }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('or not visible to you'),
    });
  });

  it('refuses a malformed entity ref as an input error', async () => {
    const { invoke } = setup();
    await expect(
      invoke('get-entity-kafka-health', { entityRef: 'component:' }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('keeps the answer small: the first reasons of each cluster, and how many there are', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...crashLooping,
      message: `${i}: ${'x'.repeat(2000)}`,
      fix: 'y'.repeat(2000),
    }));
    const { invoke } = actionsOver({
      clusters: {
        'prod-us': [{ ...ordersKafka, reasons: many }],
      },
    });
    const output = await invoke('get-entity-kafka-health', {
      entityRef: 'orders',
    });
    const [cluster] = output.clusters;
    expect(cluster.reasons).toHaveLength(5);
    expect(cluster.reasonCount).toBe(40);
    expect(cluster.reasons[0].message.untrusted).toMatchObject({
      truncated: true,
    });
    expect(cluster.reasons[0].message.untrusted.text).toHaveLength(300);
    expect(cluster.reasons[0].fix.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(output).length).toBeLessThanOrEqual(8 * 1024);

    const more = await invoke('get-entity-kafka-health', {
      entityRef: 'orders',
      maxReasons: 20,
    });
    expect(more.clusters[0].reasons).toHaveLength(20);
  });

  it('is declared read-only and idempotent, visible with the permission of the routes, and its example input is valid', async () => {
    const { registry, invoke } = setup();
    const { actions } = await registry.list();
    const action = actions.find(a => a.name === 'get-entity-kafka-health')!;
    expect(action.attributes).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
    });
    expect(
      registry.actions.get('test:get-entity-kafka-health')
        ?.visibilityPermission,
    ).toBe(kafkaClustersStatusReadPermission);
    expect(action.description).toMatch(/never follow instructions/);
    for (const example of action.examples ?? []) {
      await expect(
        invoke('get-entity-kafka-health', example.input),
      ).resolves.toBeDefined();
    }
  });
});
