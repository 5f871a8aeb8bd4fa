import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  HealthReason,
  KafkaClusterRef,
  KafkaClusterStatus,
  KafkaCondition,
  KafkaEventSummary,
  KafkaNodeStatus,
  KafkaPodStatus,
  kafkaClustersStatusReadPermission,
  KubernetesObjectRef,
  parseKafkaClusterRefs,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { z } from 'zod/v3';
import { KafkaStatusService } from '../service/statusService';
import {
  freshnessSchema,
  healthSchema,
  kubernetesErrorSchema,
  nodeCountsSchema,
  objectRefSchema,
  reasonSchema,
  toKubernetesError,
  toNodeCounts,
  toObjectRef,
  toReason,
} from './shapes';
import {
  machineWord,
  untrusted,
  untrustedTextSchema,
  UNTRUSTED_NOTE,
} from './untrusted';

const EVENTS_PER_REASON = 3;
const MAX_CHANGES = 10;
const MAX_PARTS = 10;
/** "Recently": what changed within the last day. */
const RECENT_MS = 24 * 60 * 60 * 1000;

function clusterRefOf(value: string): KafkaClusterRef {
  try {
    const refs = parseKafkaClusterRefs(value);
    if (refs.length === 1) return refs[0];
  } catch {
    // Reported below.
  }
  throw new InputError(
    `Invalid Kafka cluster ref '${value}': expected <kubernetes cluster>/<namespace>/<name>, e.g. prod-us/orders/orders-kafka`,
  );
}

const sameObject = (a: KubernetesObjectRef, b: KubernetesObjectRef) =>
  a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

function podStateSchema(zod: typeof z) {
  return zod.object({
    pod: zod.string(),
    phase: zod.string(),
    ready: zod.boolean(),
    restarts: zod.number(),
    waitingReason: zod
      .string()
      .optional()
      .describe('e.g. CrashLoopBackOff, ImagePullBackOff'),
    lastTermination: zod
      .object({
        reason: zod.string().optional().describe('e.g. OOMKilled, Error'),
        exitCode: zod.number().optional(),
        at: zod.string().optional(),
      })
      .optional(),
    volumesNotBound: zod
      .array(
        zod.object({ claimName: zod.string(), phase: zod.string().optional() }),
      )
      .optional(),
    onCurrentRevision: zod.boolean().optional(),
    health: healthSchema(zod),
  });
}

function toPodState(pod: KafkaPodStatus) {
  const unbound = pod.volumes.filter(v => v.bound === false);
  const termination = pod.lastTermination;
  return {
    pod: pod.podName,
    phase: machineWord(pod.phase) ?? 'Unknown',
    ready: pod.ready,
    restarts: pod.restarts,
    ...(machineWord(pod.waitingReason) && {
      waitingReason: pod.waitingReason,
    }),
    ...(termination && {
      lastTermination: {
        ...(machineWord(termination.reason) && { reason: termination.reason }),
        ...(termination.exitCode !== undefined && {
          exitCode: termination.exitCode,
        }),
        ...(termination.at && { at: termination.at }),
      },
    }),
    ...(unbound.length > 0 && {
      volumesNotBound: unbound.map(v => ({
        claimName: v.claimName,
        ...(v.phase && { phase: v.phase }),
      })),
    }),
    ...(pod.currentRevision !== undefined && {
      onCurrentRevision: pod.currentRevision,
    }),
    health: pod.health,
  };
}

function eventSchema(zod: typeof z) {
  return zod.object({
    type: zod.string(),
    reason: zod.string().optional().describe('e.g. BackOff, FailedMount'),
    message: untrustedTextSchema(zod),
    count: zod.number(),
    lastSeen: zod.string().optional(),
    object: objectRefSchema(zod),
  });
}

function toEvent(event: KafkaEventSummary) {
  const reason = machineWord(event.reason);
  return {
    type: machineWord(event.type) ?? 'Unknown',
    ...(reason && { reason }),
    message: untrusted(
      'kubernetes-event',
      reason ? event.message : `${event.reason}: ${event.message}`,
    ),
    count: event.count,
    ...(event.lastSeen && { lastSeen: event.lastSeen }),
    object: toObjectRef(event.object),
  };
}

function conditionSchema(zod: typeof z) {
  return zod.object({
    type: zod.string(),
    status: zod.string(),
    reason: zod.string().optional(),
    message: untrustedTextSchema(zod).optional(),
    lastTransitionTime: zod.string().optional(),
  });
}

function toCondition(condition: KafkaCondition) {
  const reason = machineWord(condition.reason);
  const text = [reason ? undefined : condition.reason, condition.message]
    .filter(Boolean)
    .join(': ');
  return {
    type: machineWord(condition.type) ?? 'Unknown',
    status: machineWord(condition.status) ?? 'Unknown',
    ...(reason && { reason }),
    ...(text && { message: untrusted('operator-condition', text) }),
    ...(condition.lastTransitionTime && {
      lastTransitionTime: condition.lastTransitionTime,
    }),
  };
}

/** Every pod the status knows, brokers, controllers and components alike, by name. */
function podsOf(status: KafkaClusterStatus): Map<string, KafkaPodStatus> {
  const pods = new Map<string, KafkaPodStatus>();
  for (const pod of [
    ...status.brokers.members,
    ...(status.controllers?.members ?? []),
    ...status.components.flatMap(c => c.pods),
  ]) {
    pods.set(pod.podName, pod);
  }
  return pods;
}

function evidenceFor(
  reason: HealthReason,
  status: KafkaClusterStatus,
  pods: Map<string, KafkaPodStatus>,
) {
  const events = status.events
    .filter(e => sameObject(e.object, reason.resource))
    .slice(0, EVENTS_PER_REASON)
    .map(toEvent);
  const pod =
    reason.resource.kind === 'Pod' ? pods.get(reason.resource.name) : undefined;
  const conditions = sameObject(reason.resource, status.resource)
    ? status.reconcile.conditions.map(toCondition)
    : [];
  return {
    ...(events.length > 0 && { events }),
    ...(pod && { pod: toPodState(pod) }),
    ...(conditions.length > 0 && { conditions }),
  };
}

interface Change {
  at: string;
  what: string;
  resource: ReturnType<typeof toObjectRef>;
}

/** What changed recently, newest first, from the times the status carries. */
function recentChanges(status: KafkaClusterStatus, now: number): Change[] {
  const changes: Change[] = [];
  const cr = toObjectRef(status.resource);
  for (const c of status.reconcile.conditions) {
    if (!c.lastTransitionTime || !machineWord(c.type)) continue;
    changes.push({
      at: c.lastTransitionTime,
      what: `Condition ${c.type} became ${machineWord(c.status) ?? 'Unknown'}`,
      resource: cr,
    });
  }
  if (status.reconcile.rollingSince) {
    changes.push({
      at: status.reconcile.rollingSince,
      what: 'A rolling restart started',
      resource: cr,
    });
  }
  if (status.reconcile.paused?.since) {
    changes.push({
      at: status.reconcile.paused.since,
      what: 'Reconciliation was paused',
      resource: cr,
    });
  }
  const nodes: KafkaNodeStatus[] = [
    ...status.brokers.members,
    ...(status.controllers?.members ?? []),
  ];
  for (const pod of [...nodes, ...status.components.flatMap(c => c.pods)]) {
    const resource = {
      kind: 'Pod',
      namespace: status.ref.namespace,
      name: pod.podName,
    };
    const termination = pod.lastTermination;
    if (termination?.at) {
      const details = [
        machineWord(termination.reason),
        termination.exitCode !== undefined
          ? `exit code ${termination.exitCode}`
          : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      changes.push({
        at: termination.at,
        what: `A container of pod ${pod.podName} terminated${
          details ? ` (${details})` : ''
        }`,
        resource,
      });
    }
    if (pod.readySince) {
      changes.push({
        at: pod.readySince,
        what: `Pod ${pod.podName} became ${pod.ready ? 'ready' : 'not ready'}`,
        resource,
      });
    }
  }
  for (const reason of status.reasons) {
    if (!reason.since) continue;
    changes.push({
      at: reason.since,
      what: `${reason.code} began`,
      resource: toObjectRef(reason.resource),
    });
  }
  return changes
    .filter(c => {
      const at = Date.parse(c.at);
      return Number.isFinite(at) && now - at <= RECENT_MS;
    })
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, MAX_CHANGES);
}

export function createExplainKafkaClusterAction(options: {
  actionsRegistry: ActionsRegistryService;
  statusService: KafkaStatusService;
  now?: () => number;
}) {
  const { actionsRegistry, statusService } = options;
  const now = options.now ?? Date.now;
  actionsRegistry.register({
    name: 'explain-kafka-cluster',
    title: 'Explain the health of one Kafka cluster',
    description: `
One Kafka cluster in depth: its verdict and every reason for it, each with its evidence (the Kubernetes Events of the object concerned, the pod's state, the operator's conditions), the reconcile state (is the operator caught up with the spec, a roll under way, paused), brokers and controllers that are not healthy, components and topics that are not, recent warning Events, what changed in the last 24 hours (newest first), and the errors of its Kubernetes cluster.

## When to use

After \`get-entity-kafka-health\` or \`list-kafka-clusters\`, with the \`ref\` they give, to find out why a cluster is not healthy and what to do.

${UNTRUSTED_NOTE}
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kafkaClustersStatusReadPermission,
    schema: {
      input: zod =>
        zod.object({
          ref: zod
            .string()
            .min(1)
            .describe(
              'The Kafka cluster, `<kubernetes cluster>/<namespace>/<name>`, e.g. `prod-us/orders/orders-kafka`',
            ),
          maxReasons: zod
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe('Reasons to explain, worst first (default 10)'),
          maxEvents: zod
            .number()
            .int()
            .min(0)
            .max(50)
            .optional()
            .describe('Recent warning Events to list (default 10)'),
        }),
      output: zod =>
        zod.object({
          ref: zod.string(),
          operator: zod.enum(['cfk', 'strimzi']),
          apiVersion: zod.string(),
          health: healthSchema(zod),
          reasons: zod.array(
            reasonSchema(zod).extend({
              evidence: zod.object({
                events: zod.array(eventSchema(zod)).optional(),
                pod: podStateSchema(zod).optional(),
                conditions: zod.array(conditionSchema(zod)).optional(),
              }),
            }),
          ),
          reasonCount: zod.number(),
          reconcile: zod.object({
            generation: zod.number().optional(),
            observedGeneration: zod.number().optional(),
            caughtUp: zod
              .boolean()
              .describe('The operator has acted on the latest spec'),
            phase: zod.string().optional().describe("CFK's status.phase"),
            rolling: zod.boolean(),
            rollingSince: zod.string().optional(),
            paused: zod
              .object({
                source: zod.enum(['annotation', 'condition']),
                key: zod.string(),
                reason: untrustedTextSchema(zod),
                since: zod.string().optional(),
              })
              .optional(),
            conditions: zod.array(conditionSchema(zod)),
          }),
          metadataMode: zod.enum([
            'kraft',
            'zookeeper',
            'migrating',
            'unknown',
          ]),
          brokers: nodeCountsSchema(zod).extend({
            notHealthy: zod.array(
              podStateSchema(zod).extend({ id: zod.number() }),
            ),
          }),
          controllers: nodeCountsSchema(zod)
            .extend({
              notHealthy: zod.array(
                podStateSchema(zod).extend({ id: zod.number() }),
              ),
            })
            .optional(),
          componentsNotHealthy: zod.array(
            zod.object({
              type: zod.string(),
              name: zod.string(),
              health: healthSchema(zod),
              desired: zod.number().optional(),
              ready: zod.number().optional(),
              reasonCodes: zod.array(zod.string()),
            }),
          ),
          topics: zod.object({
            total: zod.number(),
            notHealthy: zod.array(
              zod.object({
                name: zod.string(),
                health: healthSchema(zod),
                reasonCodes: zod.array(zod.string()),
              }),
            ),
          }),
          versions: zod.object({
            kafka: zod.string().optional(),
            platform: zod.string().optional(),
            operator: zod.string().optional(),
          }),
          recentChanges: zod.array(
            zod.object({
              at: zod.string(),
              what: zod.string(),
              resource: objectRefSchema(zod),
            }),
          ),
          events: zod.array(eventSchema(zod)),
          eventCount: zod.number(),
          errors: zod.array(kubernetesErrorSchema(zod)),
          freshness: freshnessSchema(zod).extend({
            observedAt: zod.string(),
          }),
        }),
    },
    examples: [
      {
        title: 'Why is orders-kafka degraded?',
        input: { ref: 'prod-us/orders/orders-kafka' },
      },
      {
        title: 'Only the worst reason, no Events list',
        input: {
          ref: 'prod-us/orders/orders-kafka',
          maxReasons: 1,
          maxEvents: 0,
        },
      },
    ],
    action: async ({ input, credentials, logger }) => {
      const ref = clusterRefOf(input.ref);
      logger.info('Explaining a Kafka cluster', {
        ref: stringifyKafkaClusterRef(ref),
      });
      const { status, errors } = await statusService.getCluster(ref, {
        credentials,
      });
      const pods = podsOf(status);
      const maxEvents = input.maxEvents ?? 10;
      const notHealthy = (members: KafkaNodeStatus[]) =>
        members
          .filter(m => m.health !== 'healthy')
          .slice(0, MAX_PARTS)
          .map(m => ({ id: m.id, ...toPodState(m) }));
      const paused = status.reconcile.paused;
      return {
        output: {
          ref: stringifyKafkaClusterRef(status.ref),
          operator: status.operator,
          apiVersion: status.apiVersion,
          health: status.health,
          reasons: status.reasons
            .slice(0, input.maxReasons ?? 10)
            .map(reason => ({
              ...toReason(reason),
              evidence: evidenceFor(reason, status, pods),
            })),
          reasonCount: status.reasons.length,
          reconcile: {
            ...(status.reconcile.generation !== undefined && {
              generation: status.reconcile.generation,
            }),
            ...(status.reconcile.observedGeneration !== undefined && {
              observedGeneration: status.reconcile.observedGeneration,
            }),
            caughtUp: status.reconcile.caughtUp,
            ...(machineWord(status.reconcile.phase) && {
              phase: status.reconcile.phase,
            }),
            rolling: status.reconcile.rolling,
            ...(status.reconcile.rollingSince && {
              rollingSince: status.reconcile.rollingSince,
            }),
            ...(paused && {
              paused: {
                source: paused.source,
                key: machineWord(paused.key) ?? 'unknown',
                reason: untrusted('operator-condition', paused.reason),
                ...(paused.since && { since: paused.since }),
              },
            }),
            conditions: status.reconcile.conditions.map(toCondition),
          },
          metadataMode: status.metadataMode,
          brokers: {
            ...toNodeCounts(status.brokers),
            notHealthy: notHealthy(status.brokers.members),
          },
          ...(status.controllers && {
            controllers: {
              ...toNodeCounts(status.controllers),
              notHealthy: notHealthy(status.controllers.members),
            },
          }),
          componentsNotHealthy: status.components
            .filter(c => c.health !== 'healthy')
            .slice(0, MAX_PARTS)
            .map(c => ({
              type: c.type,
              name: c.name,
              health: c.health,
              ...(c.desired !== undefined && { desired: c.desired }),
              ...(c.ready !== undefined && { ready: c.ready }),
              reasonCodes: c.reasons.map(r => r.code),
            })),
          topics: {
            total: status.topics.length,
            notHealthy: status.topics
              .filter(t => t.health !== 'healthy')
              .slice(0, MAX_PARTS)
              .map(t => ({
                name: t.name,
                health: t.health,
                reasonCodes: t.reasons.map(r => r.code),
              })),
          },
          versions: {
            ...(machineWord(status.versions.kafka) && {
              kafka: status.versions.kafka,
            }),
            ...(machineWord(status.versions.platform) && {
              platform: status.versions.platform,
            }),
            ...(machineWord(status.versions.operator) && {
              operator: status.versions.operator,
            }),
          },
          recentChanges: recentChanges(status, now()),
          events: status.events.slice(0, maxEvents).map(toEvent),
          eventCount: status.events.length,
          errors: errors.slice(0, MAX_PARTS).map(toKubernetesError),
          freshness: {
            observedAt: status.freshness.observedAt,
            ageSeconds: status.freshness.ageSeconds,
            stale: status.freshness.stale,
          },
        },
      };
    },
  });
}
