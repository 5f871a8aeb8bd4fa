import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { snapshotOf } from './__testUtils__/snapshot';
import { NOW, ago } from '../__fixtures__/core';
import {
  cfkKafka,
  cfkPodsAndPvcs,
  healthyCfkEnvironment,
  runningConditions,
  statefulSet,
} from '../__fixtures__/cfk';
import {
  StrimziEnvironmentOptions,
  StrimziVersion,
  strimziEnvironment,
} from '../__fixtures__/strimzi';
import { cfkAdapter } from './cfk';
import { strimziAdapter } from './strimzi';

/*
 * Changes in progress against stuck ones, pauses and node-pool scaling, on complete
 * environments (CRs with status, pod sets or StatefulSets, pods, PVCs) with relative times. The
 * default threshold for "stuck" is 30 minutes without progress.
 */

function strimzi(objects: unknown[]): KafkaClusterStatus {
  const statuses = strimziAdapter.assemble(snapshotOf(objects), { now: NOW });
  expect(statuses).toHaveLength(1);
  return statuses[0];
}

function cfk(objects: unknown[]): KafkaClusterStatus {
  const statuses = cfkAdapter.assemble(snapshotOf(objects), { now: NOW });
  expect(statuses).toHaveLength(1);
  return statuses[0];
}

const codes = (status: KafkaClusterStatus) => status.reasons.map(r => r.code);

/** The broker pool as a user left it after editing its spec at `editedAt`. */
function editBrokerPool(
  objects: Record<string, any>[],
  editedAt: string,
  observed = true,
): Record<string, any>[] {
  return objects.map(o => {
    if (o.kind !== 'KafkaNodePool' || o.metadata.name !== 'broker') return o;
    const generation = 2;
    return {
      ...o,
      metadata: {
        ...o.metadata,
        generation,
        managedFields: o.metadata.managedFields.map((f: any) =>
          f.subresource ? f : { ...f, time: editedAt },
        ),
      },
      status: {
        ...o.status,
        observedGeneration: observed ? generation : generation - 1,
      },
    };
  });
}

const VERSIONS: StrimziVersion[] = ['v1', 'v1beta2'];

describe.each(VERSIONS)('Strimzi %s: scaling a node pool', version => {
  const env = (o: StrimziEnvironmentOptions) =>
    strimziEnvironment({ version, ...o });

  it('is progressing, not missing pods, while a scale-up from 3 to 5 brokers starts its new brokers', () => {
    const status = strimzi(
      editBrokerPool(
        env({
          // The pool's status lists the new node ids; node 6 is starting, node 7 not created yet.
          brokerIds: [3, 4, 5, 6, 7],
          nodes: { 6: { created: ago(1), readySince: ago(1), ready: false } },
        }).filter(o => o.metadata.name !== 'my-cluster-broker-7'),
        ago(2),
      ),
    );
    expect(status.health).toBe('progressing');
    expect(status.brokers).toMatchObject({ desired: 5, ready: 3 });
    const scaling = status.reasons.find(r => r.code === 'NodePoolScaling')!;
    expect(scaling).toMatchObject({
      impact: 'progressing',
      message:
        'Strimzi is scaling brokers of KafkaNodePool broker: 3 → 5 ready',
      since: new Date(ago(2)).toISOString(),
    });
    expect(codes(status)).not.toContain('ChangeStuck');
    expect(
      status.reasons.filter(
        r => r.impact !== 'progressing' && r.impact !== 'healthy',
      ),
    ).toEqual([]);
  });

  it('is progressing while the operator has not observed the pool’s new generation', () => {
    const status = strimzi(editBrokerPool(env({}), ago(1), false));
    expect(status.health).toBe('progressing');
    expect(status.reasons[0]).toMatchObject({
      code: 'SpecNotObserved',
      message:
        'Strimzi has not yet observed generation 2 of KafkaNodePool broker (observed 1)',
    });
  });

  it('says how far a scale-up got while Strimzi has not yet written the pool’s status (it does when the new pods are ready)', () => {
    const status = strimzi(
      editBrokerPool(
        env({
          brokerIds: [3, 4, 5, 6, 7],
          nodes: {
            6: { created: ago(0.5), readySince: ago(0.5), ready: false },
            7: { created: ago(0.5), readySince: ago(0.5), ready: false },
          },
        }),
        ago(1),
        false,
      ),
    );
    expect(status.health).toBe('progressing');
    expect(
      status.reasons.find(r => r.code === 'NodePoolScaling')?.message,
    ).toBe(
      'Strimzi is scaling brokers of KafkaNodePool broker: 3 → 5 ready (generation 2 not yet observed, observed 1)',
    );
    expect(codes(status)).not.toContain('SpecNotObserved');
  });

  it('is not healthy until a scale-down from 5 to 3 has happened', () => {
    const during = strimzi(
      editBrokerPool(
        env({ brokerIds: [3, 4, 5, 6, 7], brokerReplicas: 3 }),
        ago(2),
      ),
    );
    expect(during.health).toBe('progressing');
    expect(
      during.reasons.find(r => r.code === 'NodePoolScaling')?.message,
    ).toBe('Strimzi is scaling brokers of KafkaNodePool broker: 5 → 3 ready');

    const done = strimzi(editBrokerPool(env({}), ago(2)));
    expect(done.health).toBe('healthy');
    expect(done.reasons).toEqual([]);
  });

  it('is stuck, and degraded, when the scale-up has not moved for longer than the threshold', () => {
    const status = strimzi(
      editBrokerPool(
        env({ brokerIds: [3, 4, 5, 6] }).filter(
          o => o.metadata.name !== 'my-cluster-broker-6',
        ),
        ago(45),
      ),
    );
    expect(status.health).toBe('degraded');
    expect(status.reasons[0]).toMatchObject({
      code: 'ChangeStuck',
      since: new Date(ago(45)).toISOString(),
    });
  });

  it('does not call a crash-looping broker of an unedited pool scaling', () => {
    const status = strimzi(
      env({
        nodes: {
          4: {
            ready: false,
            readySince: ago(20),
            restarts: 9,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: 'back-off 5m0s restarting failed container',
              },
            },
          },
        },
      }),
    );
    expect(status.health).toBe('degraded');
    expect(codes(status)).not.toContain('NodePoolScaling');
  });
});

describe.each(VERSIONS)('Strimzi %s: when a change began', version => {
  /** A roll whose pod set was rewritten at `startedAt`; node 5 restarted at `restartedAt`. */
  function roll(startedAt: string, restartedAt?: string) {
    return strimziEnvironment({
      version,
      podSets: {
        broker: {
          revision: 'r2',
          specChangedAt: startedAt,
          status: { pods: 3, readyPods: 3, currentPods: 1 },
        },
      },
      nodes: {
        3: { revision: 'r1' },
        4: { revision: 'r1' },
        5: restartedAt
          ? { revision: 'r2', created: restartedAt, readySince: restartedAt }
          : { revision: 'r1' },
      },
    });
  }

  it('reads a roll that began a minute ago on pods stable for a week as progressing, not stuck', () => {
    const status = strimzi(roll(ago(1)));
    expect(status.health).toBe('progressing');
    expect(status.reasons.find(r => r.code === 'RollInProgress')?.since).toBe(
      new Date(ago(1)).toISOString(),
    );
    expect(codes(status)).not.toContain('ChangeStuck');
  });

  it('counts a pod restarted since the start as progress, and is stuck once nothing moved for longer than the threshold', () => {
    expect(strimzi(roll(ago(50), ago(10))).health).toBe('progressing');
    const stuck = strimzi(roll(ago(50), ago(40)));
    expect(stuck.health).toBe('degraded');
    expect(stuck.reasons[0]).toMatchObject({
      code: 'ChangeStuck',
      since: new Date(ago(40)).toISOString(),
    });
  });

  it('shows a pause as a flag with the pods’ own state, reading the annotation as Strimzi does ("True"), never as stuck', () => {
    const paused = roll(ago(120)).map(o =>
      o.kind === 'Kafka'
        ? {
            ...o,
            metadata: {
              ...o.metadata,
              annotations: {
                ...o.metadata.annotations,
                'strimzi.io/pause-reconciliation': 'True',
              },
            },
          }
        : o,
    );
    const status = strimzi(paused);
    expect(status.reconcile.paused).toMatchObject({
      source: 'annotation',
      key: 'strimzi.io/pause-reconciliation',
    });
    expect(codes(status)).toContain('ReconciliationPaused');
    expect(codes(status)).not.toContain('ChangeStuck');
    expect(status.health).not.toBe('degraded');
    expect(status.brokers).toMatchObject({ desired: 3, ready: 3 });
  });
});

describe('CFK: when a change began', () => {
  function provisioning(o: { paused?: boolean; rollingSince?: string } = {}) {
    const conditions = runningConditions().map(c =>
      o.rollingSince && c.type === 'platform.confluent.io/rolling'
        ? {
            ...c,
            status: 'True',
            reason: 'ClusterRolling',
            message: 'Cluster is rolling',
            lastTransitionTime: o.rollingSince,
          }
        : c,
    );
    return [
      ...healthyCfkEnvironment().filter(
        object =>
          object.kind !== 'Kafka' &&
          !(
            ['StatefulSet', 'Pod', 'PersistentVolumeClaim'].includes(
              object.kind,
            ) && object.metadata.name.startsWith('kafka')
          ) &&
          !object.metadata.name.startsWith('data0-kafka'),
      ),
      cfkKafka({
        // Argo CD's CFK "progressing" sample: PROVISIONING, every readiness condition True.
        phase: o.rollingSince ? 'RUNNING' : 'PROVISIONING',
        conditions,
        annotations: o.paused
          ? { 'platform.confluent.io/block-reconcile': 'true' }
          : {},
      }),
      statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
      // Pods up for a week.
      ...cfkPodsAndPvcs('kafka', 'kafka', 3),
    ];
  }

  it('reads PROVISIONING with every condition True and pods up for a week as progressing, not stuck', () => {
    const status = cfk(provisioning());
    expect(status.health).toBe('progressing');
    expect(codes(status)).toContain('Provisioning');
    expect(codes(status)).not.toContain('ChangeStuck');
  });

  it('never calls a roll stuck while reconciliation is blocked', () => {
    const status = cfk(provisioning({ paused: true, rollingSince: ago(120) }));
    expect(status.reconcile.paused).toMatchObject({
      key: 'platform.confluent.io/block-reconcile',
    });
    expect(codes(status)).not.toContain('ChangeStuck');
  });
});
