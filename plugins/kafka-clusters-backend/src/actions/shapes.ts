import {
  HealthReason,
  KafkaNodeGroupStatus,
  KubernetesClusterError,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { z } from 'zod/v3';
import {
  untrusted,
  UNTRUSTED_MAX_CHARS,
  untrustedTextSchema,
} from './untrusted';

/** The output pieces the kafka-clusters actions share, as zod schemas and mappers. */

export function healthSchema(zod: typeof z) {
  return zod
    .enum(['unhealthy', 'degraded', 'unknown', 'progressing', 'healthy'])
    .describe(
      'The verdict, worst first: unhealthy (clients cannot use it), degraded (works with reduced redundancy or failing parts), unknown (no current data), progressing (a change under way), healthy',
    );
}

export function objectRefSchema(zod: typeof z) {
  return zod
    .object({ kind: zod.string(), namespace: zod.string(), name: zod.string() })
    .describe('A Kubernetes object');
}

export function toObjectRef(ref: KubernetesObjectRef) {
  return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
}

export function reasonSchema(zod: typeof z) {
  return zod.object({
    code: zod
      .string()
      .describe('Stable machine code, e.g. PodCrashLooping, BrokersNotReady'),
    severity: zod.enum(['error', 'warning', 'info']),
    impact: healthSchema(zod).describe(
      'The verdict this reason alone leads to',
    ),
    message: untrustedTextSchema(zod).describe(
      "The health rule's sentence (it may quote the cluster)",
    ),
    resource: objectRefSchema(zod).describe('Where: the CR, pod or PVC'),
    since: zod.string().optional().describe('ISO 8601, since when it holds'),
    fix: zod
      .string()
      .optional()
      .describe("A proposed fix, the plugin's own text naming the resources"),
  });
}

const cut = (text: string) =>
  text.length <= UNTRUSTED_MAX_CHARS
    ? text
    : `${text.slice(0, UNTRUSTED_MAX_CHARS - 1)}…`;

export function toReason(reason: HealthReason) {
  return {
    code: reason.code,
    severity: reason.severity,
    impact: reason.impact,
    message: untrusted('health-rule', reason.message),
    resource: toObjectRef(reason.resource),
    ...(reason.since && { since: reason.since }),
    ...(reason.fix && { fix: cut(reason.fix) }),
  };
}

export function kubernetesErrorSchema(zod: typeof z) {
  return zod.object({
    cluster: zod.string().describe('The Kubernetes cluster'),
    kind: zod.enum([
      'unauthorized',
      'forbidden',
      'unreachable',
      'timeout',
      'crds-missing',
      'other',
    ]),
    message: untrustedTextSchema(zod),
    since: zod.string().describe('ISO 8601, since when it has lasted'),
    namespace: zod.string().optional(),
    resource: zod
      .string()
      .optional()
      .describe(
        'What could not be read: <plural>.<API group>, e.g. kafkas of the operator group',
      ),
  });
}

export function toKubernetesError(error: KubernetesClusterError) {
  return {
    cluster: error.cluster,
    kind: error.kind,
    message: untrusted('kubernetes-api', error.message),
    since: error.since,
    ...(error.namespace && { namespace: error.namespace }),
    ...(error.resource && { resource: error.resource }),
  };
}

export function nodeCountsSchema(zod: typeof z) {
  return zod.object({
    desired: zod.number().optional().describe('Replicas in the spec'),
    ready: zod.number().optional().describe('Ready now'),
  });
}

export function toNodeCounts(
  group: Pick<KafkaNodeGroupStatus, 'desired' | 'ready'>,
) {
  return {
    ...(group.desired !== undefined && { desired: group.desired }),
    ...(group.ready !== undefined && { ready: group.ready }),
  };
}

export function freshnessSchema(zod: typeof z) {
  return zod.object({
    ageSeconds: zod.number().describe('How old the data is'),
    stale: zod
      .boolean()
      .describe('True when the data is too old to be trusted as current'),
  });
}
