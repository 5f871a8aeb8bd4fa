import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createKafkaEnvironmentCreateAction } from '../actions/createEnvironment';

/** One run of `kafka:environment:create`: the input and whether it is a dry run. */
export interface CreateCase {
  id: string;
  input: Record<string, unknown>;
  dryRun?: boolean;
}

/** What a run leaves behind: every declared output and every file, byte for byte. */
export interface CreateResult {
  outputs: Record<string, unknown>;
  files: Record<string, string>;
}

const TOPIC_SETS: Record<string, unknown[] | undefined> = {
  // left out: the schema's default, no topics
  none: undefined,
  // every topic field at its default
  defaults: [{ name: 'events' }],
  // explicit replicas and config beside a partitions-only topic
  mixed: [
    { name: 'orders-created', partitions: 6 },
    {
      name: 'orders-audit',
      partitions: 1,
      replicas: 1,
      config: { 'retention.ms': '3600000', 'cleanup.policy': 'compact' },
    },
  ],
};

const SIZES = ['dev', 'small', 'production', undefined] as const;
const KUBERNETES_IDS = [undefined, 'orders'] as const;

function defined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
}

function cases(): CreateCase[] {
  const all: CreateCase[] = [];
  for (const size of SIZES) {
    for (const kubernetesId of KUBERNETES_IDS) {
      for (const [topicSet, topics] of Object.entries(TOPIC_SETS)) {
        const tail = `${size ?? 'default-size'}-${
          kubernetesId ? 'id' : 'no-id'
        }-${topicSet}`;
        for (const version of ['v1', 'v1beta2', undefined]) {
          all.push({
            id: `strimzi-${version ?? 'default-version'}-${tail}`,
            input: defined({
              name: 'orders-kafka',
              namespace: 'orders',
              operator: 'strimzi',
              strimziApiVersion: version,
              size,
              kubernetesId,
              topics,
            }),
          });
        }
        for (const images of ['default-images', 'own-images']) {
          all.push({
            id: `cfk-${images}-${tail}`,
            input: defined({
              name: 'payments-kafka',
              namespace: 'payments',
              operator: 'cfk',
              size,
              kubernetesId,
              topics,
              cfkImages:
                images === 'own-images'
                  ? {
                      server: 'registry.example.com/cp-server:7.9.0',
                      init: 'registry.example.com/confluent-init-container:2.10.0',
                    }
                  : undefined,
            }),
          });
        }
      }
    }
  }
  // CFK ignores the Strimzi version; a target path moves the folder; a dry run writes nothing.
  all.push(
    {
      id: 'cfk-strimzi-version-given',
      input: {
        name: 'payments-kafka',
        namespace: 'payments',
        operator: 'cfk',
        strimziApiVersion: 'v1beta2',
        size: 'small',
      },
    },
    ...['strimzi', 'cfk'].flatMap(operator => [
      {
        id: `${operator}-target-path`,
        input: {
          name: 'k',
          namespace: 'team-a',
          operator,
          size: 'dev',
          topics: TOPIC_SETS.mixed,
          targetPath: 'environments/team-a/kafka',
        },
      },
      {
        id: `${operator}-dry-run`,
        input: {
          name: 'k',
          namespace: 'team-a',
          operator,
          topics: TOPIC_SETS.defaults,
        },
        dryRun: true,
      },
    ]),
  );
  return all;
}

/** The create action's whole input matrix: operator × version × size × options. */
export const createMatrix: CreateCase[] = cases();

function flatten(
  tree: Record<string, unknown>,
  prefix = '',
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([name, value]) =>
      typeof value === 'string'
        ? [[`${prefix}${name}`, value]]
        : Object.entries(
            flatten(value as Record<string, unknown>, `${prefix}${name}/`),
          ),
    ),
  );
}

/** Runs one case in an empty workspace. */
export async function runCreateCase(
  workspace: ReturnType<typeof createMockDirectory>,
  testCase: CreateCase,
): Promise<CreateResult> {
  workspace.clear();
  const action = createKafkaEnvironmentCreateAction();
  const ctx = {
    ...createMockActionContext({
      input: testCase.input as any,
      workspacePath: workspace.path,
    }),
    ...(testCase.dryRun ? { isDryRun: true } : {}),
  };
  await action.handler(ctx);
  const outputs = Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [name, value]),
  );
  return {
    outputs,
    files: flatten(workspace.content() as Record<string, unknown>),
  };
}
