import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  KafkaClusterStatus,
  kafkaClustersStatusReadPermission,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { KafkaStatusService } from '../service/statusService';
import {
  freshnessSchema,
  healthSchema,
  kubernetesErrorSchema,
  nodeCountsSchema,
  reasonSchema,
  toKubernetesError,
  toNodeCounts,
  toReason,
} from './shapes';
import { UNTRUSTED_NOTE } from './untrusted';

/** More clusters than an entity should ever have; the rest are counted, not listed. */
const MAX_CLUSTERS = 20;
const MAX_ERRORS = 10;
const MAX_PARTS_NOT_HEALTHY = 5;

export function entityRefOf(value: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `Invalid entity ref '${value}': ${(error as Error).message}`,
    );
  }
}

function clusterHealth(status: KafkaClusterStatus, maxReasons: number) {
  return {
    ref: stringifyKafkaClusterRef(status.ref),
    operator: status.operator,
    health: status.health,
    reasons: status.reasons.slice(0, maxReasons).map(toReason),
    reasonCount: status.reasons.length,
    brokers: toNodeCounts(status.brokers),
    ...(status.controllers && {
      controllers: toNodeCounts(status.controllers),
    }),
    componentsNotHealthy: status.components
      .filter(c => c.health !== 'healthy')
      .slice(0, MAX_PARTS_NOT_HEALTHY)
      .map(c => ({ type: c.type, name: c.name, health: c.health })),
    topics: {
      total: status.topics.length,
      notHealthy: status.topics.filter(t => t.health !== 'healthy').length,
    },
    paused: status.reconcile.paused !== undefined,
    freshness: {
      ageSeconds: status.freshness.ageSeconds,
      stale: status.freshness.stale,
    },
  };
}

export function createGetEntityKafkaHealthAction(options: {
  actionsRegistry: ActionsRegistryService;
  statusService: KafkaStatusService;
}) {
  const { actionsRegistry, statusService } = options;
  actionsRegistry.register({
    name: 'get-entity-kafka-health',
    title: 'Get the Kafka health of a catalog entity',
    description: `
How the Kafka clusters behind a catalog entity (a service, a system, a kafka-cluster Resource) are doing, and why: the same verdict, reasons and fixes its Kafka tab shows.

For each Kafka cluster (\`ref\` is \`<kubernetes cluster>/<namespace>/<name>\`, worst first): the verdict (\`health\`), the reasons for it worst first (code, message, the Kubernetes object concerned, since when, a proposed fix), brokers and controllers desired and ready, the components that are not healthy, and how old the data is. \`errors\` lists the Kubernetes clusters that could not be read: a cluster missing from the answer may be behind one of them.

## When to use

Asked why a service is failing, slow or losing messages, or whether its Kafka is fine. Then call \`explain-kafka-cluster\` with a cluster's \`ref\` for the evidence behind its reasons (events, pod states, conditions) and what changed recently.

${UNTRUSTED_NOTE}
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kafkaClustersStatusReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The entity, `kind:namespace/name` (e.g. `component:default/orders`); the kind defaults to Component and the namespace to default, so `orders` works too',
            ),
          maxReasons: z
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe(
              'Reasons to list per Kafka cluster, worst first (default 5)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          health: healthSchema(z).describe(
            'The worst verdict over its Kafka clusters; unknown when it has none',
          ),
          clusters: z.array(
            z.object({
              ref: z
                .string()
                .describe('`<kubernetes cluster>/<namespace>/<name>`'),
              operator: z.enum(['cfk', 'strimzi']),
              health: healthSchema(z),
              reasons: z.array(reasonSchema(z)),
              reasonCount: z.number().describe('How many reasons in all'),
              brokers: nodeCountsSchema(z),
              controllers: nodeCountsSchema(z)
                .optional()
                .describe('KRaft controllers or ZooKeeper'),
              componentsNotHealthy: z.array(
                z.object({
                  type: z.string(),
                  name: z.string(),
                  health: healthSchema(z),
                }),
              ),
              topics: z.object({ total: z.number(), notHealthy: z.number() }),
              paused: z.boolean().describe('Reconciliation paused'),
              freshness: freshnessSchema(z),
            }),
          ),
          clusterCount: z.number().describe('How many Kafka clusters in all'),
          errors: z.array(kubernetesErrorSchema(z)),
        }),
    },
    examples: [
      {
        title: 'A service whose Kafka cluster has a crash-looping broker',
        input: { entityRef: 'component:default/orders' },
        output: {
          entityRef: 'component:default/orders',
          health: 'degraded',
          clusters: [
            {
              ref: 'prod-us/orders/orders-kafka',
              operator: 'strimzi',
              health: 'degraded',
              reasons: [
                {
                  code: 'PodCrashLooping',
                  severity: 'error',
                  impact: 'degraded',
                  message: {
                    untrusted: {
                      source: 'health-rule',
                      text: 'Container kafka of pod orders-kafka-broker-2 is in CrashLoopBackOff after 7 restarts; last terminated OOMKilled (exit code 137)',
                    },
                  },
                  resource: {
                    kind: 'Pod',
                    namespace: 'orders',
                    name: 'orders-kafka-broker-2',
                  },
                  since: '2026-11-25T09:40:12.000Z',
                  fix: 'The container ran out of memory: raise the memory limit (and the JVM heap with it) in spec.resources of KafkaNodePool broker',
                },
              ],
              reasonCount: 2,
              brokers: { desired: 3, ready: 2 },
              controllers: { desired: 3, ready: 3 },
              componentsNotHealthy: [],
              topics: { total: 3, notHealthy: 0 },
              paused: false,
              freshness: { ageSeconds: 0, stale: false },
            },
          ],
          clusterCount: 1,
          errors: [],
        },
      },
    ],
    action: async ({ input, credentials, logger }) => {
      const entityRef = entityRefOf(input.entityRef);
      logger.info('Kafka health of an entity', { entityRef });
      const response = await statusService.getEntityStatus(entityRef, {
        credentials,
      });
      const maxReasons = input.maxReasons ?? 5;
      return {
        output: {
          entityRef: response.entityRef,
          health: response.health,
          clusters: response.clusters
            .slice(0, MAX_CLUSTERS)
            .map(status => clusterHealth(status, maxReasons)),
          clusterCount: response.clusters.length,
          errors: response.errors.slice(0, MAX_ERRORS).map(toKubernetesError),
        },
      };
    },
  });
}
