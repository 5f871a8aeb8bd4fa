import {
  ANNOTATION_CLONED_FROM,
  ANNOTATION_ENVIRONMENT_ID,
  ANNOTATION_EXPIRES_AT,
  HealthReason,
  KafkaAccessStatus,
  KafkaClusterStatus,
  KafkaComponentStatus,
  KafkaEnvironmentInfo,
  KafkaLinkStatus,
  KafkaTopicStatus,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { RuleContext } from './context';
import { selectEvents } from './events';
import { applyFreshness } from './freshness';
import { rollUp, sortReasons, verdictOf } from './verdict';

/** A status before its verdict, events and freshness are worked out. */
export type StatusParts = Omit<
  KafkaClusterStatus,
  'health' | 'reasons' | 'events' | 'freshness'
> & {
  /** Reasons of the Kafka CR, its controllers, brokers and their pods. */
  ownReasons: HealthReason[];
  /** Objects whose warning events explain the verdict. */
  eventObjects: KubernetesObjectRef[];
};

function childReasons(
  children: readonly (
    | KafkaComponentStatus
    | KafkaTopicStatus
    | KafkaAccessStatus
    | KafkaLinkStatus
  )[],
): HealthReason[] {
  return children.flatMap(child => rollUp(child.reasons));
}

// MirrorMaker 2 is both a component and a link, with the same reasons: list each once.
function unique(reasons: HealthReason[]): HealthReason[] {
  const seen = new Set<string>();
  return reasons.filter(r => {
    const key = [
      r.code,
      r.resource.kind,
      r.resource.namespace,
      r.resource.name,
      r.message,
    ].join('|');
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * Completes a status: the verdict is the worst of the cluster's own reasons and its children's
 * (capped, see `rollUp`); a link counts only on its destination.
 */
export function finishStatus(
  parts: StatusParts,
  ctx: RuleContext,
): KafkaClusterStatus {
  const { ownReasons, eventObjects, ...rest } = parts;
  const reasons = sortReasons(
    unique([
      ...ownReasons,
      ...childReasons(parts.components),
      ...childReasons(parts.topics),
      ...childReasons(parts.access),
      ...childReasons(parts.links.filter(l => l.role === 'destination')),
    ]),
  );
  const status: KafkaClusterStatus = {
    ...rest,
    health: verdictOf(reasons),
    reasons,
    events: selectEvents(ctx.events, eventObjects, ctx.now, ctx.thresholds),
    freshness: { observedAt: ctx.observedAt, ageSeconds: 0, stale: false },
  };
  return applyFreshness(status, {
    now: ctx.now,
    observedAt: ctx.observedAt,
    thresholds: ctx.thresholds,
  });
}

const ENVIRONMENT_KEYS = {
  id: ANNOTATION_ENVIRONMENT_ID,
  clonedFrom: ANNOTATION_CLONED_FROM,
  expiresAt: ANNOTATION_EXPIRES_AT,
} as const;

/** The annotations a Kafka CR's projection keeps for {@link environmentInfo}. */
export const ENVIRONMENT_ANNOTATION_KEYS: readonly string[] =
  Object.values(ENVIRONMENT_KEYS);

/** A Kafka CR's environment, from its kept annotations; undefined when it has none. */
export function environmentInfo(
  annotations: Record<string, string>,
): KafkaEnvironmentInfo | undefined {
  const info: KafkaEnvironmentInfo = {};
  for (const [field, key] of Object.entries(ENVIRONMENT_KEYS)) {
    if (annotations[key])
      info[field as keyof KafkaEnvironmentInfo] = annotations[key];
  }
  return Object.keys(info).length > 0 ? info : undefined;
}
