import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  compareKafkaHealth,
  KafkaClusterSummary,
  KafkaHealth,
  kafkaClustersStatusReadPermission,
  KAFKA_HEALTH_ORDER,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { KafkaStatusService } from '../service/statusService';
import {
  healthSchema,
  kubernetesErrorSchema,
  nodeCountsSchema,
  toKubernetesError,
  toNodeCounts,
} from './shapes';
import { untrusted, untrustedTextSchema, UNTRUSTED_NOTE } from './untrusted';

const PAGE_MAX = 50;
const ERRORS_PER_KUBERNETES_CLUSTER = 3;

/**
 * Where a page ends: the verdict and ref of its last cluster. The next page starts after it in
 * the fleet's order (worst first, then by ref), so a cluster that appears or goes between two
 * calls neither shifts nor repeats the others.
 */
interface Cursor {
  health: KafkaHealth;
  ref: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.health, cursor.ref])).toString(
    'base64url',
  );
}

function decodeCursor(value: string): Cursor {
  try {
    const [health, ref] = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    );
    if (KAFKA_HEALTH_ORDER.includes(health) && typeof ref === 'string') {
      return { health, ref };
    }
  } catch {
    // Reported below.
  }
  throw new InputError(
    'Invalid cursor: pass the nextCursor of a previous answer unchanged',
  );
}

const isAfter = (summary: KafkaClusterSummary, cursor: Cursor) =>
  (compareKafkaHealth(summary.health, cursor.health) ||
    stringifyKafkaClusterRef(summary.ref).localeCompare(cursor.ref)) > 0;

export function createListKafkaClustersAction(options: {
  actionsRegistry: ActionsRegistryService;
  statusService: KafkaStatusService;
}) {
  const { actionsRegistry, statusService } = options;
  actionsRegistry.register({
    name: 'list-kafka-clusters',
    title: 'List Kafka clusters',
    description: `
Lists the Kafka clusters of every Kubernetes cluster this Backstage reads, Confluent for Kubernetes (cfk) and Strimzi alike, worst verdict first: each with its verdict, its main reason, brokers and controllers ready, and whether reconciliation is paused. Filter by verdict, operator and Kubernetes cluster. At most ${PAGE_MAX} per call: when \`nextCursor\` is set, call again with it (and the same filters) for the next page.

\`kubernetesClusters\` says for each Kubernetes cluster (within the filter) whether its data is current (\`state\`: starting, synced, stale, failed) and why not.

## When to use

For an overview of the fleet, to find the clusters in trouble, or to find a cluster's \`ref\` for \`explain-kafka-cluster\`. For the clusters of one service, use \`get-entity-kafka-health\`.

${UNTRUSTED_NOTE}
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kafkaClustersStatusReadPermission,
    schema: {
      input: z =>
        z.object({
          health: z
            .array(
              z.enum([
                'unhealthy',
                'degraded',
                'unknown',
                'progressing',
                'healthy',
              ]),
            )
            .optional()
            .describe('Only clusters with one of these verdicts'),
          operator: z
            .enum(['cfk', 'strimzi'])
            .optional()
            .describe('Only clusters run by this operator'),
          kubernetesCluster: z
            .string()
            .optional()
            .describe('Only clusters on this Kubernetes cluster (its name)'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(PAGE_MAX)
            .optional()
            .describe(`Clusters per page (default and at most ${PAGE_MAX})`),
          cursor: z
            .string()
            .optional()
            .describe('The nextCursor of the previous page'),
        }),
      output: z =>
        z.object({
          clusters: z.array(
            z.object({
              ref: z
                .string()
                .describe('`<kubernetes cluster>/<namespace>/<name>`'),
              operator: z.enum(['cfk', 'strimzi']),
              health: healthSchema(z),
              topReason: z
                .object({ code: z.string(), message: untrustedTextSchema(z) })
                .optional()
                .describe('The worst reason for the verdict'),
              reasonCount: z.number(),
              brokers: nodeCountsSchema(z),
              controllers: nodeCountsSchema(z).optional(),
              paused: z.boolean(),
              stale: z.boolean().describe('The data is too old to be current'),
            }),
          ),
          total: z
            .number()
            .describe('Clusters matching the filters, all pages'),
          nextCursor: z
            .string()
            .optional()
            .describe('Set when there are more: pass it as cursor'),
          kubernetesClusters: z.array(
            z.object({
              name: z.string(),
              state: z.enum(['starting', 'synced', 'stale', 'failed']),
              kafkaClusters: z.number(),
              errors: z.array(kubernetesErrorSchema(z)),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'The clusters in trouble',
        input: { health: ['unhealthy', 'degraded'] },
        output: {
          clusters: [
            {
              ref: 'prod-us/orders/orders-kafka',
              operator: 'strimzi',
              health: 'degraded',
              topReason: {
                code: 'PodCrashLooping',
                message: {
                  untrusted: {
                    source: 'health-rule',
                    text: 'Container kafka of pod orders-kafka-broker-2 is in CrashLoopBackOff after 7 restarts; last terminated OOMKilled (exit code 137)',
                  },
                },
              },
              reasonCount: 2,
              brokers: { desired: 3, ready: 2 },
              controllers: { desired: 3, ready: 3 },
              paused: false,
              stale: false,
            },
          ],
          total: 1,
          kubernetesClusters: [
            { name: 'prod-us', state: 'synced', kafkaClusters: 1, errors: [] },
          ],
        },
      },
      {
        title: 'The next page of Strimzi clusters on prod-eu',
        input: {
          operator: 'strimzi',
          kubernetesCluster: 'prod-eu',
          cursor: 'WyJoZWFsdGh5IiwicHJvZC1ldS9rYWZrYS9hIl0',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const fleet = await statusService.getFleet({ credentials });
      const cursor = input.cursor ? decodeCursor(input.cursor) : undefined;
      const limit = input.limit ?? PAGE_MAX;
      const matching = fleet.clusters.filter(
        c =>
          (!input.health || input.health.includes(c.health)) &&
          (!input.operator || c.operator === input.operator) &&
          (!input.kubernetesCluster ||
            c.ref.cluster === input.kubernetesCluster),
      );
      const rest = cursor ? matching.filter(c => isAfter(c, cursor)) : matching;
      const page = rest.slice(0, limit);
      const last = page[page.length - 1];
      return {
        output: {
          clusters: page.map(c => ({
            ref: stringifyKafkaClusterRef(c.ref),
            operator: c.operator,
            health: c.health,
            ...(c.reasons[0] && {
              topReason: {
                code: c.reasons[0].code,
                message: untrusted('health-rule', c.reasons[0].message),
              },
            }),
            reasonCount: c.reasonCount,
            brokers: toNodeCounts(c.brokers),
            ...(c.controllers && { controllers: toNodeCounts(c.controllers) }),
            paused: c.paused,
            stale: c.freshness.stale,
          })),
          total: matching.length,
          ...(rest.length > page.length && {
            nextCursor: encodeCursor({
              health: last.health,
              ref: stringifyKafkaClusterRef(last.ref),
            }),
          }),
          kubernetesClusters: fleet.kubernetesClusters
            .filter(
              k =>
                !input.kubernetesCluster || k.name === input.kubernetesCluster,
            )
            .map(k => ({
              name: k.name,
              state: k.state,
              kafkaClusters: k.kafkaClusters,
              errors: k.errors
                .slice(0, ERRORS_PER_KUBERNETES_CLUSTER)
                .map(toKubernetesError),
            })),
        },
      };
    },
  });
}
