import { KafkaHealth } from '@k8s-kafka/plugin-kafka-clusters-common';
import { NOW, ago } from '../../__fixtures__/core';
import { DEFAULT_HEALTH_THRESHOLDS } from '../types';
import { ChangeSignal, ChangeState, assessChange } from './change';
import { assessGroup, GroupKind } from './groups';
import { PodAssessment } from './pods';

const OWNER = { kind: 'Kafka', namespace: 'ns', name: 'kafka' };

function pods(
  states: [ready: boolean, health: KafkaHealth][],
): PodAssessment[] {
  return states.map(([ready, health], i) => ({
    pod: { meta: { name: `kafka-${i}` } } as PodAssessment['pod'],
    status: {
      podName: `kafka-${i}`,
      phase: 'Running',
      ready,
      restarts: 0,
      volumes: [],
      health,
    },
    reasons: [],
  }));
}

function change(signals: ChangeSignal[] = [], creating = false): ChangeState {
  return assessChange(signals, creating, [], NOW, DEFAULT_HEALTH_THRESHOLDS);
}

const ROLL: ChangeSignal = {
  code: 'RollInProgress',
  message: 'CFK is rolling Kafka kafka',
  since: ago(5),
};

describe('assessGroup', () => {
  it.each<[GroupKind, number, number, boolean, string | undefined]>([
    ['controllers', 3, 2, true, undefined],
    ['controllers', 3, 1, true, 'ControllerQuorumLost'],
    ['controllers', 5, 3, true, undefined],
    ['controllers', 5, 2, true, 'ControllerQuorumLost'],
    ['controllers', 1, 0, true, 'ControllerQuorumLost'],
    ['brokers', 3, 1, false, undefined],
    ['brokers', 3, 0, false, 'NoReadyBroker'],
    ['replicas', 2, 0, false, 'NoReadyReplica'],
  ])(
    '%s: %i desired, %i ready → unhealthy reason %s',
    (kind, desired, ready, quorum, code) => {
      const result = assessGroup({
        kind,
        owner: OWNER,
        desired,
        reportedReady: ready,
        change: change(),
        quorum,
      });
      const unhealthy = result.reasons
        .filter(r => r.impact === 'unhealthy')
        .map(r => r.code);
      expect(unhealthy).toEqual(code ? [code] : []);
      expect(result).toMatchObject({ desired, ready });
    },
  );

  it('is progressing while a change explains the missing pods, degraded otherwise', () => {
    const states = pods([
      [true, 'healthy'],
      [true, 'healthy'],
      [false, 'degraded'],
    ]);
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        desired: 3,
        pods: states,
        change: change([ROLL]),
      }).reasons,
    ).toEqual([
      expect.objectContaining({
        code: 'BrokersNotReady',
        impact: 'progressing',
        message: '2/3 brokers ready: CFK is rolling Kafka kafka',
      }),
    ]);
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        desired: 3,
        pods: states,
        change: change(),
      }).reasons,
    ).toEqual([
      expect.objectContaining({ code: 'BrokersNotReady', impact: 'degraded' }),
    ]);
  });

  it('is progressing when every pod that is not ready is still starting', () => {
    const states = pods([
      [true, 'healthy'],
      [true, 'healthy'],
      [false, 'progressing'],
    ]);
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        desired: 3,
        pods: states,
        change: change(),
      }).reasons,
    ).toEqual([
      expect.objectContaining({
        impact: 'progressing',
        message: '2/3 brokers ready, the pods are starting',
      }),
    ]);
  });

  it('reports missing pods', () => {
    const states = pods([
      [true, 'healthy'],
      [true, 'healthy'],
    ]);
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        desired: 3,
        pods: states,
        change: change(),
      }).reasons,
    ).toEqual([
      expect.objectContaining({
        code: 'PodsMissing',
        impact: 'degraded',
        message:
          '2/3 brokers ready, 1 pod missing and no change in progress explains it',
      }),
    ]);
  });

  it('calls the pods a change in progress has yet to create not yet created, not missing', () => {
    const scaling: ChangeSignal = {
      code: 'NodePoolScaling',
      message:
        'Strimzi is scaling brokers of KafkaNodePool broker: 3 → 5 ready',
      since: ago(0.1),
    };
    const states = pods([
      [true, 'healthy'],
      [true, 'healthy'],
      [true, 'healthy'],
    ]);
    const [only] = assessGroup({
      kind: 'brokers',
      owner: OWNER,
      desired: 5,
      pods: states,
      change: change([scaling]),
    }).reasons;
    expect(only.impact).toBe('progressing');
    expect(only.message).toMatch(
      /^3\/5 brokers ready, 2 pods not yet created: /,
    );
    expect(only.message).not.toMatch(/missing|stuck/i);
    expect(only.fix).toBeUndefined();
  });

  it('does not judge what it cannot count', () => {
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        desired: 3,
        change: change(),
      }),
    ).toEqual({ desired: 3, reasons: [] });
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        reportedReady: 2,
        change: change(),
      }),
    ).toEqual({ ready: 2, reasons: [] });
  });

  it('lets a cluster being created have no ready broker, until it is stuck', () => {
    const creating: ChangeSignal = {
      code: 'Provisioning',
      message: 'CFK is provisioning Kafka kafka',
      since: ago(5),
    };
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        desired: 3,
        reportedReady: 0,
        change: change([creating], true),
      }).reasons[0].impact,
    ).toBe('progressing');
    const stuck = { ...creating, since: ago(90) };
    expect(
      assessGroup({
        kind: 'brokers',
        owner: OWNER,
        desired: 3,
        reportedReady: 0,
        change: change([stuck], true),
      }).reasons[0].impact,
    ).toBe('unhealthy');
  });
});

describe('assessChange', () => {
  it('is stuck only when nothing moved for longer than the threshold', () => {
    const roll: ChangeSignal = { ...ROLL, since: ago(120) };
    expect(
      assessChange([roll], false, [], NOW, DEFAULT_HEALTH_THRESHOLDS).stuck,
    ).toBe(true);
    const recentPod = { meta: { creationTimestamp: ago(10) } } as any;
    const moving = assessChange(
      [roll],
      false,
      [recentPod],
      NOW,
      DEFAULT_HEALTH_THRESHOLDS,
    );
    expect(moving).toMatchObject({
      inProgress: true,
      stuck: false,
      lastProgress: new Date(ago(10)).toISOString(),
    });
  });

  it('never takes the pods’ age for the change’s: a change that began a minute ago on pods stable for days is not stuck', () => {
    const oldPod = {
      meta: { creationTimestamp: ago(3 * 24 * 60) },
      readySince: ago(3 * 24 * 60),
    } as any;
    const fresh = assessChange(
      [{ ...ROLL, since: ago(1) }],
      false,
      [oldPod],
      NOW,
      DEFAULT_HEALTH_THRESHOLDS,
    );
    expect(fresh).toMatchObject({
      inProgress: true,
      stuck: false,
      lastProgress: new Date(ago(1)).toISOString(),
    });
    // Without a start, old pods do not stand in for one.
    const unknownStart = assessChange(
      [{ code: 'Provisioning', message: 'm' }],
      false,
      [oldPod],
      NOW,
      DEFAULT_HEALTH_THRESHOLDS,
    );
    expect(unknownStart).toMatchObject({ inProgress: true, stuck: false });
    expect(unknownStart.lastProgress).toBeUndefined();
  });

  it('never calls a change stuck without knowing when it started', () => {
    expect(
      assessChange(
        [{ code: 'SpecNotObserved', message: 'm' }],
        false,
        [],
        NOW,
        DEFAULT_HEALTH_THRESHOLDS,
      ).stuck,
    ).toBe(false);
  });

  it('does not count a metadata migration as work in progress', () => {
    const state = assessChange(
      [{ code: 'MetadataMigration', message: 'm', since: ago(10_000) }],
      false,
      [],
      NOW,
      DEFAULT_HEALTH_THRESHOLDS,
    );
    expect(state).toMatchObject({ inProgress: false, stuck: false });
  });
});
