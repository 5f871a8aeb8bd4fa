import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  HealthReason,
  KafkaClusterStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { kafkaClusterResource } from '../../__testUtils__/entities';
import { recordingLogger } from '../../__testUtils__/recordingLogger';
import { kafkaStatus } from '../../__testUtils__/statusFixtures';
import { createEpisodeStore } from './episodes';
import {
  createOwnerNotifier,
  OwnerNotificationSettings,
} from './ownerNotifications';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const resource = kafkaClusterResource(
  'prod-eu/payments/payments-kafka',
  'group:default/team-payments',
);

const pvcPending: HealthReason = {
  code: 'PvcPending',
  severity: 'error',
  impact: 'degraded',
  message: 'PVC data0-payments-kafka-1 of pod payments-kafka-1 is Pending',
  resource: {
    kind: 'PersistentVolumeClaim',
    namespace: 'payments',
    name: 'data0-payments-kafka-1',
  },
  fix: 'Check the StorageClass and the provisioner',
};

const at = (
  health: KafkaClusterStatus['health'],
  reasons: HealthReason[] = [],
) => kafkaStatus('prod-eu', 'payments', 'payments-kafka', { health, reasons });

async function setup(settings: Partial<OwnerNotificationSettings> = {}) {
  let now = Date.parse('2026-12-07T10:00:00Z');
  let statuses: KafkaClusterStatus[] = [at('healthy')];
  const sent: NotificationSendOptions[] = [];
  let failSends = false;
  const { logger, lines } = recordingLogger();
  const notifier = createOwnerNotifier({
    served: { fresh: s => s, all: () => statuses },
    episodes: await createEpisodeStore(await databases.init('SQLITE_3')),
    notifications: {
      send: async options => {
        if (failSends) throw new Error('notifications backend unavailable');
        sent.push(options);
      },
    },
    catalog: catalogServiceMock({ entities: [resource] }),
    auth: mockServices.auth(),
    logger,
    settings: {
      enabled: true,
      gracePeriodMs: 300_000,
      notifyDependents: true,
      ...settings,
    },
    now: () => now,
  });
  return {
    sent,
    lines,
    /** Moves the clock by `seconds` and lets the notifier look. */
    async after(seconds: number, next?: KafkaClusterStatus) {
      now += seconds * 1000;
      if (next) statuses = [next];
      await notifier.check();
    },
    failSends(fail: boolean) {
      failSends = fail;
    },
  };
}

describe('owner notifications', () => {
  it('says nothing of a cluster degraded for less than the grace period', async () => {
    const t = await setup();
    await t.after(0, at('degraded', [pvcPending]));
    await t.after(299);
    await t.after(1, at('healthy'));
    await t.after(600);
    expect(t.sent).toEqual([]);
  });

  it('tells the owner once when degraded past the grace period, and again in the same notification on recovery', async () => {
    const t = await setup();
    await t.after(0, at('degraded', [pvcPending]));
    await t.after(299);
    expect(t.sent).toEqual([]);
    await t.after(1);
    await t.after(60);
    await t.after(600);
    expect(t.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/team-payments'],
        },
        payload: {
          title: 'Kafka cluster prod-eu/payments/payments-kafka is degraded',
          description:
            'PVC data0-payments-kafka-1 of pod payments-kafka-1 is Pending. Proposed fix: Check the StorageClass and the provisioner',
          severity: 'high',
          topic: 'Kafka cluster health',
          scope: 'kafka-cluster:prod-eu/payments/payments-kafka',
          link: '/catalog/default/resource/payments-kafka/kafka',
        },
      },
    ]);

    await t.after(10, at('healthy'));
    await t.after(10);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1].payload).toMatchObject({
      title: 'Kafka cluster prod-eu/payments/payments-kafka has recovered',
      severity: 'normal',
      scope: 'kafka-cluster:prod-eu/payments/payments-kafka',
    });
  });

  it('neither opens nor closes an episode on unknown: not reading is no evidence', async () => {
    const t = await setup();
    await t.after(0, at('unknown'));
    await t.after(3600);
    expect(t.sent).toEqual([]);

    await t.after(0, at('unhealthy', [{ ...pvcPending, impact: 'unhealthy' }]));
    await t.after(300);
    expect(t.sent.map(s => s.payload.severity)).toEqual(['critical']);
    await t.after(10, at('unknown'));
    await t.after(3600);
    expect(t.sent).toHaveLength(1);
    await t.after(10, at('healthy'));
    expect(t.sent.map(s => s.payload.title)).toEqual([
      'Kafka cluster prod-eu/payments/payments-kafka is unhealthy',
      'Kafka cluster prod-eu/payments/payments-kafka has recovered',
    ]);
  });

  it('a flap restarts the grace period', async () => {
    const t = await setup();
    await t.after(0, at('degraded', [pvcPending]));
    await t.after(200, at('progressing'));
    await t.after(10, at('degraded', [pvcPending]));
    await t.after(200);
    expect(t.sent).toEqual([]);
    await t.after(100);
    expect(t.sent).toHaveLength(1);
  });

  it('tries again after a failed send, and warns', async () => {
    const t = await setup();
    t.failSends(true);
    await t.after(0, at('degraded', [pvcPending]));
    await t.after(300);
    expect(t.lines).toContainEqual({
      level: 'warn',
      message:
        'Cannot notify the owners of Kafka cluster prod-eu/payments/payments-kafka: notifications backend unavailable',
    });
    t.failSends(false);
    await t.after(30);
    expect(t.sent).toEqual([]);
    await t.after(30);
    expect(t.sent).toHaveLength(1);
  });

  it('sends nothing when switched off', async () => {
    const t = await setup({ enabled: false });
    await t.after(0, at('degraded', [pvcPending]));
    await t.after(3600);
    expect(t.sent).toEqual([]);
  });
});
