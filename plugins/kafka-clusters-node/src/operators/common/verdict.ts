import {
  HealthReason,
  HealthReasonCode,
  HealthSeverity,
  KafkaHealth,
  KubernetesObjectRef,
  compareKafkaHealth,
  worstHealth,
} from '@k8s-kafka/plugin-kafka-clusters-common';

const DEFAULT_SEVERITY: Record<KafkaHealth, HealthSeverity> = {
  unhealthy: 'error',
  degraded: 'error',
  unknown: 'warning',
  progressing: 'info',
  healthy: 'info',
};

export interface ReasonDetails {
  since?: string;
  fix?: string;
  severity?: HealthSeverity;
}

/** Builds a reason; severity follows the impact unless given. */
export function reason(
  code: HealthReasonCode,
  impact: KafkaHealth,
  message: string,
  resource: KubernetesObjectRef,
  details: ReasonDetails = {},
): HealthReason {
  const result: HealthReason = {
    code,
    severity: details.severity ?? DEFAULT_SEVERITY[impact],
    impact,
    message,
    resource,
  };
  if (details.since) result.since = details.since;
  if (details.fix) result.fix = details.fix;
  return result;
}

/** The verdict the reasons lead to: the worst impact, `healthy` when none. */
export function verdictOf(reasons: readonly HealthReason[]): KafkaHealth {
  return worstHealth(...reasons.map(r => r.impact));
}

/** Worst first; equal impacts keep their order, so the rules decide what reads first. */
export function sortReasons(reasons: readonly HealthReason[]): HealthReason[] {
  return [...reasons].sort((a, b) => compareKafkaHealth(a.impact, b.impact));
}

/**
 * A child's reasons as its parent sees them: only those that make the child less than healthy,
 * with `unhealthy` and `unknown` counted as `degraded`. Kafka still serves when a component
 * is down; and a child nobody can judge (a topic the topic operator never reconciled, a
 * component in a phase the rules do not know) is a problem of the cluster, not a gap in our data.
 */
export function rollUp(reasons: readonly HealthReason[]): HealthReason[] {
  return reasons
    .filter(r => r.impact !== 'healthy')
    .map(r =>
      r.impact === 'unhealthy' || r.impact === 'unknown'
        ? { ...r, impact: 'degraded' as const }
        : r,
    );
}
