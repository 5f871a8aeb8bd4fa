import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { NOW, ago } from '../../__fixtures__/core';
import { healthyCfkEnvironment } from '../../__fixtures__/cfk';
import { snapshotOf } from '../__testUtils__/snapshot';
import { cfkAdapter } from '../cfk';
import { applyFreshness } from './freshness';

describe('applyFreshness', () => {
  const [fresh] = cfkAdapter.assemble(snapshotOf(healthyCfkEnvironment()), {
    now: NOW,
    observedAt: ago(0.5),
  });

  it('records when the data was current and how old it is', () => {
    expect(fresh.freshness).toEqual({
      observedAt: ago(0.5),
      ageSeconds: 30,
      stale: false,
    });
    expect(fresh.health).toBe('healthy');
  });

  it('marks ageing data stale, then calls a healthy cluster unknown', () => {
    const stale = applyFreshness(fresh, { now: NOW, observedAt: ago(5) });
    expect(stale.freshness).toEqual({
      observedAt: ago(5),
      ageSeconds: 300,
      stale: true,
    });
    expect(stale.health).toBe('healthy');
    const old = applyFreshness(fresh, { now: NOW, observedAt: ago(15) });
    expect(old.health).toBe('unknown');
    expect(old.reasons[0]).toMatchObject({
      code: 'DataStale',
      impact: 'unknown',
      since: ago(15),
    });
    expect(old.reasons[0].message).toBe(
      'The data is 15 min old: the watch cache of Kubernetes cluster test has not been in sync since then',
    );
  });

  it('never lets old data read better than the last verdict: degraded stays degraded, and comes back once fresh', () => {
    const degraded: KafkaClusterStatus = {
      ...fresh,
      health: 'degraded',
      reasons: [
        {
          code: 'PodCrashLooping',
          severity: 'error',
          impact: 'degraded',
          message: 'm',
          resource: fresh.resource,
        },
      ],
    };
    const old = applyFreshness(degraded, { now: NOW, observedAt: ago(15) });
    // unknown ranks below degraded: a known impairment is not hidden by a gap in the data.
    expect(old.health).toBe('degraded');
    expect(old.reasons.map(r => r.code)).toEqual([
      'PodCrashLooping',
      'DataStale',
    ]);
    const back = applyFreshness(old, { now: NOW, observedAt: ago(0) });
    expect(back.health).toBe('degraded');
    expect(back.reasons.map(r => r.code)).toEqual(['PodCrashLooping']);
  });

  it('marks data stale at once when a kind it was built from became unreadable', () => {
    const unreadable: KafkaClusterStatus = {
      ...fresh,
      health: 'unknown',
      reasons: [
        {
          code: 'DataUnreadable',
          severity: 'warning',
          impact: 'unknown',
          message: 'Cannot read kafkas.platform.confluent.io (HTTP 403)',
          resource: fresh.resource,
          since: ago(0.5),
        },
      ],
    };
    const aged = applyFreshness(unreadable, { now: NOW, observedAt: ago(1) });
    expect(aged.freshness).toEqual({
      observedAt: ago(1),
      ageSeconds: 60,
      stale: true,
    });
    expect(aged.health).toBe('unknown');
  });

  it('takes the thresholds from configuration', () => {
    expect(
      applyFreshness(fresh, {
        now: NOW,
        observedAt: ago(2),
        thresholds: { unknownAfterSeconds: 60 },
      }).health,
    ).toBe('unknown');
  });
});
