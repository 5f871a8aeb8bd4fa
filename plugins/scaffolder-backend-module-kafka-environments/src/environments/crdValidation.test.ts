import {
  EnvironmentSpec,
  renderKafkaEnvironment,
  SizeProfile,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import {
  startTargetClusters,
  strictlyValidate,
  TargetClusters,
} from '../__testUtils__/targetClusters';

jest.setTimeout(120_000);

const PROFILES: SizeProfile[] = ['dev', 'staging', 'production'];
const CFK_COMPONENTS = [
  'schemaRegistry',
  'connect',
  'ksqlDb',
  'controlCenter',
  'restProxy',
  'restClass',
] as const;
const STRIMZI_COMPONENTS = ['connect', 'bridge'] as const;
// Every Strimzi version each CRD set serves: 1.2.0 only v1, 0.51.0 both.
const STRIMZI_TARGETS = [
  { cluster: 'prod-us', version: 'v1' },
  { cluster: 'staging', version: 'v1' },
  { cluster: 'staging', version: 'v1beta2' },
] as const;

const subsets = <T>(items: readonly T[]): T[][] =>
  items.reduce<T[][]>(
    (all, item) => [...all, ...all.map(s => [...s, item])],
    [[]],
  );

type Security = EnvironmentSpec['security'];
const SECURE: Security = {
  tls: true,
  authentication: true,
  authorization: 'simple',
};
// What dev may turn off, and CFK's rbac with an MDS.
const DEV_SECURITY: Record<string, Security> = {
  'no-tls': { tls: false, authentication: true, authorization: 'simple' },
  'no-auth': { tls: true, authentication: false, authorization: 'none' },
  open: { tls: false, authentication: false, authorization: 'none' },
};
const RBAC: Security = {
  tls: true,
  authentication: true,
  authorization: 'rbac',
  mds: { ldapAddress: 'ldaps://ldap.example.com:636' },
};

function spec(
  profile: SizeProfile,
  components: readonly string[],
  security: Security = SECURE,
): EnvironmentSpec {
  const has = (c: string) => components.includes(c);
  return {
    name: 'orders-kafka',
    namespace: 'orders',
    profile,
    service: 'orders',
    owner: 'group:default/team-checkout',
    environmentId: 'test/orders/orders-kafka',
    storageClass: 'fast-ssd',
    topics: [
      { name: 'payments.authorized', partitions: 6 },
      {
        name: 'orders-audit',
        partitions: 1,
        replicas: 1,
        config: { 'cleanup.policy': 'compact' },
      },
    ],
    components: {
      schemaRegistry: has('schemaRegistry'),
      connect: has('connect')
        ? {
            connectors: [
              {
                name: 'orders-sink',
                class: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
                tasksMax: 1,
                config: { topics: 'payments.authorized', file: '/tmp/out' },
              },
            ],
          }
        : undefined,
      ksqlDb: has('ksqlDb'),
      controlCenter: has('controlCenter'),
      restProxy: has('restProxy'),
      restClass: has('restClass'),
      bridge: has('bridge'),
    },
    security,
  };
}

const cases: [
  string,
  string,
  EnvironmentSpec,
  Parameters<typeof renderKafkaEnvironment>[1],
][] = [];
for (const profile of PROFILES) {
  for (const components of subsets(CFK_COMPONENTS)) {
    cases.push([
      `cfk ${profile} [${components.join(',')}]`,
      'prod-eu',
      spec(profile, components),
      { operator: 'cfk' },
    ]);
  }
  cases.push([
    `cfk ${profile} rbac, every component`,
    'prod-eu',
    spec(profile, CFK_COMPONENTS, RBAC),
    { operator: 'cfk' },
  ]);
  for (const { cluster, version } of STRIMZI_TARGETS) {
    for (const components of subsets(STRIMZI_COMPONENTS)) {
      cases.push([
        `strimzi ${version} on ${cluster} ${profile} [${components.join(',')}]`,
        cluster,
        spec(profile, components),
        { operator: 'strimzi', strimziApiVersion: version },
      ]);
    }
  }
}
for (const [name, security] of Object.entries(DEV_SECURITY)) {
  cases.push([
    `cfk dev ${name}, every component`,
    'prod-eu',
    spec('dev', CFK_COMPONENTS, security),
    { operator: 'cfk' },
  ]);
  for (const { cluster, version } of STRIMZI_TARGETS) {
    cases.push([
      `strimzi ${version} on ${cluster} dev ${name}, every component`,
      cluster,
      spec('dev', STRIMZI_COMPONENTS, security),
      { operator: 'strimzi', strimziApiVersion: version },
    ]);
  }
}

describe('every rendered resource validates strictly (schema, unknown fields, CEL) against the real CRDs', () => {
  let targets: TargetClusters;
  beforeAll(async () => {
    targets = await startTargetClusters();
  });
  afterAll(() => targets?.stop());

  it('covers every operator × Strimzi version × profile × component combination', () => {
    expect(cases).toHaveLength(3 * (64 + 1 + 3 * 4) + 3 * 4);
  });

  it('refuses an unknown field and a CEL rule broken (the check is real)', () => {
    const user = (authentication: Record<string, unknown>) => ({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaUser',
      metadata: {
        name: 'u',
        namespace: 'orders',
        labels: { 'strimzi.io/cluster': 'k' },
      },
      spec: { authentication },
    });
    const errors = strictlyValidate(targets.sandbox, 'prod-us', [
      user({ type: 'tls', colour: 'blue' }),
      user({ type: 'tls', validityDays: 30 }),
    ]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/unknown field/);
    expect(errors[1]).toMatch(/renewalDays/);
  });

  it.each(cases)('%s', (_, cluster, environment, target) => {
    const { objects } = renderKafkaEnvironment(environment, target);
    expect(strictlyValidate(targets.sandbox, cluster, objects)).toEqual([]);
  });
});
