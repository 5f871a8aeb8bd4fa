import {
  NOW,
  ago,
  crashLoop,
  pvc,
  warningEvent,
} from '../../__fixtures__/core';
import { cfkPod } from '../../__fixtures__/cfk';
import { DEFAULT_HEALTH_THRESHOLDS } from '../types';
import { cfkFacts } from '../cfk/facts';
import { eventWatch } from '../events';
import { projectPod, projectPvc, ProjectedEvent } from './core';
import { indexEvents } from './events';
import { PodContext, assessPod } from './pods';

const FIXES = {
  memory: 'spec.podTemplate.resources of Kafka kafka',
  image: 'spec.image.application of Kafka kafka',
  storage: 'spec.storageClass.name of Kafka kafka',
};

function context(
  o: { explained?: boolean; pvcs?: unknown[]; events?: unknown[] } = {},
): PodContext {
  const pvcs = (o.pvcs ?? []).map(p => projectPvc(p)!);
  return {
    now: NOW,
    thresholds: DEFAULT_HEALTH_THRESHOLDS,
    explained: o.explained ?? false,
    pvcs: new Map(pvcs.map(p => [`${p.meta.namespace}/${p.meta.name}`, p])),
    events: indexEvents(
      (o.events ?? [])
        .map(e => eventWatch.project(e))
        .filter((e): e is ProjectedEvent => e !== undefined),
    ),
    fixes: () => FIXES,
    currentRevision: () => undefined,
  };
}

function assess(raw: Record<string, any>, ctx = context()) {
  return assessPod(projectPod(raw, cfkFacts)!, ctx);
}

describe('assessPod', () => {
  it('is healthy when ready, with its volumes', () => {
    const result = assess(
      cfkPod('kafka', 'kafka', 0),
      context({
        pvcs: [pvc({ namespace: 'destination', name: 'data0-kafka-0' })],
      }),
    );
    expect(result.reasons).toEqual([]);
    expect(result.status).toMatchObject({
      podName: 'kafka-0',
      ready: true,
      health: 'healthy',
      volumes: [{ claimName: 'data0-kafka-0', bound: true }],
    });
  });

  it('does not guess whether a PVC it has not seen is bound', () => {
    expect(assess(cfkPod('kafka', 'kafka', 0)).status.volumes).toEqual([
      { claimName: 'data0-kafka-0' },
    ]);
  });

  it('calls a crash loop degraded even during a change, with the log command when not OOM', () => {
    const result = assess(
      cfkPod('kafka', 'kafka', 1, {
        restarts: 3,
        ...crashLoop('Error', 1, ago(2)),
      }),
      context({ explained: true }),
    );
    expect(result.status.health).toBe('degraded');
    expect(result.reasons[0].fix).toBe(
      'Read why it stopped: kubectl -n destination logs kafka-1 -c kafka --previous',
    );
  });

  it.each([
    [
      'ImagePullBackOff',
      'PodImagePullFailed',
      /Check the image name and tag in spec\.image\.application of Kafka kafka/,
    ],
    ['ErrImagePull', 'PodImagePullFailed', /pull secrets/],
    ['CreateContainerConfigError', 'PodConfigError', /Secrets and ConfigMaps/],
  ])(
    'calls a container waiting in %s degraded (%s)',
    (waitingReason, code, fix) => {
      const result = assess(
        cfkPod('kafka', 'kafka', 0, {
          ready: false,
          state: { waiting: { reason: waitingReason, message: 'details' } },
        }),
        context({ explained: true }),
      );
      expect(result.reasons).toEqual([
        expect.objectContaining({
          code,
          impact: 'degraded',
          fix: expect.stringMatching(fix),
        }),
      ]);
      expect(result.reasons[0].message).toContain('(details)');
    },
  );

  it('calls a failed pod degraded', () => {
    const raw = cfkPod('kafka', 'kafka', 0, {
      ready: false,
      phase: 'Failed',
      state: {
        terminated: { reason: 'Evicted', exitCode: 137, finishedAt: ago(4) },
      },
    });
    expect(assess(raw).reasons).toEqual([
      expect.objectContaining({
        code: 'PodFailed',
        impact: 'degraded',
        message: 'Pod kafka-0 failed; last terminated Evicted (exit code 137)',
      }),
    ]);
  });

  it('gives a pod that is not ready its grace period, then degraded', () => {
    const starting = assess(
      cfkPod('kafka', 'kafka', 0, { ready: false, readySince: ago(1) }),
    );
    expect(starting.reasons).toEqual([
      expect.objectContaining({ code: 'PodNotReady', impact: 'progressing' }),
    ]);
    const stuck = assess(
      cfkPod('kafka', 'kafka', 0, { ready: false, readySince: ago(10) }),
    );
    expect(stuck.reasons).toEqual([
      expect.objectContaining({
        code: 'PodNotReady',
        impact: 'degraded',
        since: new Date(ago(10)).toISOString(),
      }),
    ]);
    expect(
      assess(
        cfkPod('kafka', 'kafka', 0, { ready: false, readySince: ago(10) }),
        context({ explained: true }),
      ).status.health,
    ).toBe('progressing');
  });

  it('names a failed mount while the container is being created', () => {
    const raw = cfkPod('kafka', 'kafka', 0, {
      ready: false,
      readySince: ago(12),
      state: { waiting: { reason: 'ContainerCreating' } },
    });
    const event = warningEvent({
      namespace: 'destination',
      involved: { kind: 'Pod', name: 'kafka-0' },
      reason: 'FailedMount',
      message:
        'MountVolume.SetUp failed for volume "kafka-tls": secret "kafka-tls" not found',
      first: ago(12),
      last: ago(1),
      count: 9,
    });
    const [reason] = assess(raw, context({ events: [event] })).reasons;
    expect(reason).toMatchObject({
      code: 'PodNotReady',
      impact: 'degraded',
      fix: 'Check the volumes and Secrets the pod mounts',
    });
    expect(reason.message).toBe(
      'Pod kafka-0 is not ready (ContainerCreating): FailedMount: MountVolume.SetUp failed for volume "kafka-tls": secret "kafka-tls" not found',
    );
  });

  it('explains an unschedulable pod with the scheduler’s event', () => {
    const raw = cfkPod('kafka', 'kafka', 0, {
      ready: false,
      created: ago(20),
      unschedulable: {
        message: '0/6 nodes are available: 6 Insufficient cpu.',
        since: ago(20),
      },
    });
    const event = warningEvent({
      namespace: 'destination',
      involved: { kind: 'Pod', name: 'kafka-0' },
      reason: 'FailedScheduling',
      message:
        '0/6 nodes are available: 3 Insufficient cpu, 3 node(s) had untolerated taint {dedicated: kafka}.',
      first: ago(20),
      last: ago(2),
      count: 14,
      source: 'default-scheduler',
    });
    const [reason] = assess(
      raw,
      context({
        pvcs: [pvc({ namespace: 'destination', name: 'data0-kafka-0' })],
        events: [event],
      }),
    ).reasons;
    expect(reason).toMatchObject({
      code: 'PodUnschedulable',
      impact: 'degraded',
      since: new Date(ago(20)).toISOString(),
    });
    expect(reason.message).toBe(
      'Pod kafka-0 cannot be scheduled: 0/6 nodes are available: 3 Insufficient cpu, 3 node(s) had untolerated taint {dedicated: kafka}.',
    );
  });

  it('reports a lost volume even on a running pod', () => {
    const result = assess(
      cfkPod('kafka', 'kafka', 0),
      context({
        pvcs: [
          pvc({
            namespace: 'destination',
            name: 'data0-kafka-0',
            phase: 'Lost',
          }),
        ],
      }),
    );
    expect(result.reasons).toEqual([
      expect.objectContaining({
        code: 'PvcLost',
        impact: 'degraded',
        resource: expect.objectContaining({ kind: 'PersistentVolumeClaim' }),
      }),
    ]);
  });

  it('warns about a recent restart of a ready pod without changing its verdict', () => {
    const oom = assess(
      cfkPod('kafka', 'kafka', 0, {
        restarts: 1,
        lastState: {
          terminated: {
            reason: 'OOMKilled',
            exitCode: 137,
            finishedAt: ago(20),
          },
        },
      }),
    );
    expect(oom.status.health).toBe('healthy');
    expect(oom.reasons).toEqual([
      expect.objectContaining({
        code: 'PodOOMKilled',
        severity: 'warning',
        impact: 'healthy',
        fix: expect.stringContaining(FIXES.memory),
      }),
    ]);
    const old = assess(
      cfkPod('kafka', 'kafka', 0, {
        restarts: 1,
        lastState: {
          terminated: { reason: 'Error', exitCode: 1, finishedAt: ago(300) },
        },
      }),
    );
    expect(old.reasons).toEqual([]);
  });

  it('marks a terminating pod, explained by a roll', () => {
    const result = assess(
      cfkPod('kafka', 'kafka', 2, { deleted: ago(1), ready: false }),
      context({ explained: true }),
    );
    expect(result.status.terminating).toBe(true);
    expect(result.reasons).toEqual([
      expect.objectContaining({
        code: 'PodNotReady',
        impact: 'progressing',
        message: 'Pod kafka-2 is terminating',
      }),
    ]);
  });
});
