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
  // a name only, every topic field at its default
  defaults: ['events'],
  // a dotted name, explicit replicas and config beside a partitions-only topic
  mixed: [
    { name: 'payments.authorized', partitions: 6 },
    {
      name: 'orders-audit',
      partitions: 1,
      replicas: 1,
      config: { 'retention.ms': 3600000, 'cleanup.policy': 'compact' },
    },
  ],
};

const PROFILES = ['dev', 'staging', 'production', undefined] as const;
const TARGETS = [
  { id: 'cfk', operator: 'cfk', targetCluster: 'prod-eu' },
  { id: 'strimzi-1.2', operator: 'strimzi', targetCluster: 'prod-us' },
  { id: 'strimzi-0.51', operator: 'strimzi', targetCluster: 'staging' },
  {
    id: 'strimzi-0.51-v1beta2',
    operator: 'strimzi',
    targetCluster: 'staging',
    strimziApiVersion: 'v1beta2',
  },
] as const;
const COMPONENTS = {
  cfk: {
    schemaRegistry: true,
    connect: true,
    ksqlDb: true,
    controlCenter: true,
    restProxy: true,
    restClass: true,
  },
  strimzi: { connect: true, bridge: true },
};

function defined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  );
}

function cases(): CreateCase[] {
  const all: CreateCase[] = [];
  for (const target of TARGETS) {
    const { id, ...targetInput } = target;
    for (const profile of PROFILES) {
      for (const [topicSet, topics] of Object.entries(TOPIC_SETS)) {
        for (const withComponents of [false, true]) {
          all.push({
            id: `${id}-${profile ?? 'default-profile'}-${topicSet}${
              withComponents ? '-components' : ''
            }`,
            input: defined({
              name: 'orders-kafka',
              namespace: 'orders',
              ...targetInput,
              profile,
              service: 'orders',
              owner: 'group:team-checkout',
              topics,
              components: withComponents
                ? COMPONENTS[target.operator]
                : undefined,
              connectors: withComponents
                ? [
                    {
                      name: 'orders-sink',
                      class:
                        'org.apache.kafka.connect.file.FileStreamSinkConnector',
                      config: { topics: 'events', file: '/tmp/out' },
                    },
                  ]
                : undefined,
            }),
          });
        }
      }
    }
  }
  // Options: a target path, a dev environment with security off, CFK rbac, and dry runs (which
  // write like a run: rendering touches only the workspace).
  all.push(
    ...(['cfk', 'strimzi'] as const).flatMap(operator => {
      const base = {
        name: 'k',
        namespace: 'team-a',
        operator,
        targetCluster: operator === 'cfk' ? 'prod-eu' : 'prod-us',
        service: 'team-a-app',
        owner: 'group:default/team-a',
      };
      return [
        {
          id: `${operator}-target-path`,
          input: {
            ...base,
            profile: 'dev',
            topics: TOPIC_SETS.mixed,
            targetPath: 'environments/team-a/kafka',
          },
        },
        {
          id: `${operator}-dev-open`,
          input: {
            ...base,
            profile: 'dev',
            topics: TOPIC_SETS.defaults,
            security: {
              tls: false,
              authentication: false,
              authorization: 'none',
            },
          },
        },
        {
          id: `${operator}-dry-run`,
          input: { ...base, topics: TOPIC_SETS.defaults },
          dryRun: true,
        },
      ];
    }),
    {
      id: 'cfk-rbac',
      input: {
        name: 'k',
        namespace: 'team-a',
        operator: 'cfk',
        targetCluster: 'prod-eu',
        service: 'team-a-app',
        owner: 'group:default/team-a',
        profile: 'production',
        mds: { ldapAddress: 'ldaps://ldap.example.com:636' },
        cfkImages: { server: 'registry.example.com/cp-server:8.1.0' },
        storageClass: 'fast-ssd',
        brokers: 4,
        storagePerBroker: '200Gi',
      },
    },
  );
  return all;
}

/** The create action's whole input matrix: operator × version × profile × options. */
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
  options: Parameters<typeof createKafkaEnvironmentCreateAction>[0],
): Promise<CreateResult> {
  workspace.clear();
  const action = createKafkaEnvironmentCreateAction(options);
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
