import { Clock } from '../clock';
import { Sandbox, SandboxCluster } from '../sandbox';
import { KubeObject } from '../types';
import {
  elapse,
  ensureNamespace,
  podStates,
  startSimulated,
} from '../testUtils';

/*
 * ClusterLinks and MirrorMaker 2s connect to the listeners Kafka CRs report: in their own
 * cluster by Service DNS name, across the sandbox's clusters by an external listener's address.
 * Three clusters: `eu` (CFK), `us` (Strimzi 1.2.0, `v1`), `dev` (CFK and Strimzi 0.51.0).
 */

const V1 = 'kafka.strimzi.io/v1';
const V1B2 = 'kafka.strimzi.io/v1beta2';
const CFK = 'platform.confluent.io/v1beta1';
const IMAGE = {
  application: 'confluentinc/cp-server:8.1.0',
  init: 'confluentinc/confluent-init-container:3.1.0',
};
const IDENTITY = 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy';

let sandbox: Sandbox;
let clock: Clock;
let eu: SandboxCluster;
let us: SandboxCluster;
let dev: SandboxCluster;
/** What orders-kafka's `external` listener reports in status: its load balancer, port 9094. */
let ordersExternal: string;
/** What shared's `external` listener reports (CFK's `externalEndpoint`). */
let sharedExternal: string;

/** A Strimzi Kafka with its node pools (`[name, replicas, roles]`), after Strimzi's examples. */
function strimziKafka(
  api: string,
  ns: string,
  name: string,
  listeners: Array<Record<string, unknown>>,
  pools: Array<[string, number, string[]]>,
): KubeObject[] {
  return [
    ...pools.map(([pool, replicas, roles]) => ({
      apiVersion: api,
      kind: 'KafkaNodePool',
      metadata: {
        name: pool,
        namespace: ns,
        labels: { 'strimzi.io/cluster': name },
      },
      spec: {
        replicas,
        roles,
        storage: {
          type: 'jbod',
          volumes: [
            {
              id: 0,
              type: 'persistent-claim',
              size: '10Gi',
              kraftMetadata: 'shared',
            },
          ],
        },
      },
    })),
    {
      apiVersion: api,
      kind: 'Kafka',
      metadata: { name, namespace: ns },
      spec: {
        kafka: {
          listeners,
          authorization: { type: 'simple' },
          config: { 'default.replication.factor': 1, 'min.insync.replicas': 1 },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
    },
  ];
}

const PLAIN = { name: 'plain', port: 9092, type: 'internal', tls: false };
const MTLS = {
  name: 'tls',
  port: 9093,
  type: 'internal',
  tls: true,
  authentication: { type: 'tls' },
};
const DUAL: Array<[string, number, string[]]> = [
  ['dual-role', 1, ['controller', 'broker']],
];

const trusted = (secretName: string) => ({
  trustedCertificates: [{ secretName, certificate: 'ca.crt' }],
});
const userCert = (secretName: string) => ({
  type: 'tls',
  certificateAndKey: { secretName, certificate: 'user.crt', key: 'user.key' },
});
const scram = (mechanism: string, user: string) => ({
  type: mechanism,
  username: user,
  passwordSecret: { secretName: user, password: 'password' },
});
/** A copy without one key (a field left out, not set to undefined). */
function without<T extends Record<string, unknown>>(o: T, key: keyof T) {
  const { [key]: _gone, ...rest } = o;
  return rest;
}
const connectorConfig = {
  'replication.policy.class': IDENTITY,
  'offset-syncs.topic.location': 'target',
};

/** A KafkaMirrorMaker2 in the `v1` shape: `target` and `mirrors[].source`. */
function mirrorMaker(
  api: string,
  ns: string,
  name: string,
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: api,
    kind: 'KafkaMirrorMaker2',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 1,
      target: {
        groupId: `${name}-connect`,
        configStorageTopic: `${name}-configs`,
        offsetStorageTopic: `${name}-offsets`,
        statusStorageTopic: `${name}-status`,
        config: {
          'config.storage.replication.factor': 1,
          'offset.storage.replication.factor': 1,
          'status.storage.replication.factor': 1,
        },
        ...target,
      },
      mirrors: [
        {
          source,
          sourceConnector: { tasksMax: 2, config: connectorConfig },
          checkpointConnector: { tasksMax: 1, config: connectorConfig },
          topicsPattern: 'orders-.*',
          groupsPattern: 'orders-.*',
        },
      ],
    },
  };
}

/** dev's target for its mirrors, clone-kafka's plain listener. */
const CLONE_TARGET = {
  alias: 'dev',
  bootstrapServers: 'clone-kafka-kafka-bootstrap:9092',
};

function cfkKafka(
  ns: string,
  name: string,
  controller: string,
  extra: Record<string, unknown> = {},
): KubeObject[] {
  return [
    {
      apiVersion: CFK,
      kind: 'KRaftController',
      metadata: { name: controller, namespace: ns },
      spec: { replicas: 1, dataVolumeCapacity: '10Gi', image: IMAGE },
    },
    {
      apiVersion: CFK,
      kind: 'Kafka',
      metadata: { name, namespace: ns },
      spec: {
        replicas: 3,
        dataVolumeCapacity: '10Gi',
        image: IMAGE,
        dependencies: { kRaftController: { clusterRef: { name: controller } } },
        tls: { autoGeneratedCerts: true },
        ...extra,
      },
    },
    {
      apiVersion: CFK,
      kind: 'KafkaRestClass',
      metadata: { name: `${name}-rest`, namespace: ns },
      spec: { kafkaClusterRef: { name } },
    },
  ];
}

const SHARED_LISTENERS = {
  listeners: {
    internal: {
      authentication: {
        type: 'plain',
        jaasConfig: { secretRef: 'credential' },
      },
      tls: { enabled: true },
    },
    external: {
      authentication: { type: 'mtls' },
      tls: { enabled: true },
      externalAccess: {
        type: 'loadBalancer',
        loadBalancer: { domain: 'eu.example.com' },
      },
    },
  },
};
const ENCODER = { passwordEncoder: { secretRef: 'password-encoder-secret' } };

function clusterLink(
  ns: string,
  name: string,
  destinationRestClass: string,
  source: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: CFK,
    kind: 'ClusterLink',
    metadata: { name, namespace: ns },
    spec: {
      destinationKafkaCluster: {
        kafkaRestClassRef: { name: destinationRestClass },
      },
      sourceKafkaCluster: source,
      mirrorTopics: [
        { name: 'orders.created' },
        { name: 'orders.paused', state: 'PAUSE' },
      ],
      configs: { 'consumer.offset.sync.enable': 'true' },
    },
  };
}

/** The source side of a link to shared's internal listener (SASL/PLAIN over TLS). */
const SHARED_INTERNAL = {
  bootstrapEndpoint: 'shared.kafka-platform.svc.cluster.local:9071',
  kafkaRestClassRef: { name: 'shared-rest', namespace: 'kafka-platform' },
  authentication: {
    type: 'plain',
    jaasConfig: { secretRef: 'link-credential' },
  },
  tls: { enabled: true },
};

const mm2 = (c: SandboxCluster, ns: string, name: string, api = V1) =>
  c.api.get(api, 'KafkaMirrorMaker2', name, ns) as any;
const link = (c: SandboxCluster, ns: string, name: string) =>
  c.api.get(CFK, 'ClusterLink', name, ns) as any;
const conditions = (o: any) =>
  o.status.conditions.map((c: any) => [c.type, c.status, c.reason]);
const connectorStates = (o: any) =>
  o.status.connectors.map((c: any) => [
    c.name,
    c.connector.state,
    c.tasks.map((t: any) => t.state),
  ]);
const appReady = (o: any) =>
  o.status.conditions.find(
    (c: any) => c.type === 'platform.confluent.io/app-ready',
  );

beforeAll(async () => {
  ({ sandbox, clock } = await startSimulated([
    { name: 'eu', crdSets: ['cfk-3.3.0'] },
    { name: 'us', crdSets: ['strimzi-1.2.0'] },
    { name: 'dev', crdSets: ['cfk-3.3.0', 'strimzi-0.51.0'] },
  ]));
  eu = sandbox.cluster('eu');
  us = sandbox.cluster('us');
  dev = sandbox.cluster('dev');

  for (const ns of ['kafka-platform', 'payments']) ensureNamespace(eu.api, ns);
  [
    ...cfkKafka(
      'kafka-platform',
      'shared',
      'kraftcontroller',
      SHARED_LISTENERS,
    ),
    ...cfkKafka('payments', 'payments', 'payments-kraftcontroller', ENCODER),
  ].forEach(o => eu.api.create(o));

  for (const ns of ['orders', 'replica', 'scratch'])
    ensureNamespace(us.api, ns);
  [
    ...strimziKafka(
      V1,
      'orders',
      'orders-kafka',
      [
        PLAIN,
        MTLS,
        {
          name: 'external',
          port: 9094,
          type: 'loadbalancer',
          tls: true,
          authentication: { type: 'scram-sha-512' },
        },
      ],
      [
        ['controller', 1, ['controller']],
        ['broker', 3, ['broker']],
      ],
    ),
    ...strimziKafka(V1, 'replica', 'replica-kafka', [PLAIN, MTLS], DUAL),
  ].forEach(o => us.api.create(o));
  elapse(clock, 120_000);

  ordersExternal = (us.api.get(V1, 'Kafka', 'orders-kafka', 'orders') as any)
    .status.listeners[2].bootstrapServers;
  sharedExternal = (eu.api.get(CFK, 'Kafka', 'shared', 'kafka-platform') as any)
    .status.listeners.external.externalEndpoint;

  // Mirrors inside us, from orders over mTLS; and one from a cluster not created yet.
  us.api.create(
    mirrorMaker(
      V1,
      'replica',
      'orders-copy',
      {
        alias: 'replica',
        bootstrapServers: 'replica-kafka-kafka-bootstrap:9093',
        tls: trusted('replica-kafka-cluster-ca-cert'),
        authentication: userCert('orders-copy'),
      },
      {
        alias: 'orders',
        bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9093',
        tls: trusted('orders-kafka-cluster-ca-cert'),
        authentication: userCert('orders-copy-source'),
      },
    ),
  );
  us.api.create(
    mirrorMaker(
      V1,
      'replica',
      'scratch-copy',
      {
        alias: 'replica',
        bootstrapServers: 'replica-kafka-kafka-bootstrap.replica.svc:9092',
      },
      {
        alias: 'scratch',
        bootstrapServers:
          'scratch-kafka-kafka-bootstrap.scratch.svc.cluster.local:9092',
      },
    ),
  );
  eu.api.create(
    clusterLink(
      'payments',
      'shared-to-payments',
      'payments-rest',
      SHARED_INTERNAL,
    ),
  );

  // dev: a Strimzi clone mirroring from us's orders, a CFK clone linked to eu's shared.
  for (const ns of ['team-a', 'team-b']) ensureNamespace(dev.api, ns);
  strimziKafka(V1B2, 'team-a', 'clone-kafka', [PLAIN], DUAL).forEach(o =>
    dev.api.create(o),
  );
  cfkKafka('team-b', 'clone', 'clone-kraftcontroller').forEach(o =>
    dev.api.create(o),
  );
  const fromOrders = {
    alias: 'prod-us',
    bootstrapServers: ordersExternal,
    tls: trusted('orders-ca'),
    authentication: scram('scram-sha-512', 'orders-mirror'),
  };
  // 0.51's legacy shape: `connectCluster`, `clusters[]`, `sourceCluster` / `targetCluster`.
  dev.api.create({
    apiVersion: V1B2,
    kind: 'KafkaMirrorMaker2',
    metadata: { name: 'from-prod-us', namespace: 'team-a' },
    spec: {
      version: '4.2.0',
      replicas: 1,
      connectCluster: 'dev',
      clusters: [
        fromOrders,
        {
          ...CLONE_TARGET,
          config: {
            'config.storage.replication.factor': 1,
            'offset.storage.replication.factor': 1,
            'status.storage.replication.factor': 1,
          },
        },
      ],
      mirrors: [
        {
          sourceCluster: 'prod-us',
          targetCluster: 'dev',
          sourceConnector: { tasksMax: 2, config: connectorConfig },
          checkpointConnector: { config: connectorConfig },
          heartbeatConnector: {
            config: { 'heartbeats.topic.replication.factor': 1 },
          },
          topicsPattern: 'orders-.*',
          groupsPattern: 'orders-.*',
        },
      ],
    },
  });
  // The v1 shape on 0.51 (served at v1, stored at v1beta2), each source wrong in one way.
  for (const [name, source] of [
    [
      'typo',
      {
        ...fromOrders,
        bootstrapServers: ordersExternal.replace('.lb.', '.lbb.'),
      },
    ],
    ['no-tls', without(fromOrders, 'tls')],
    [
      'wrong-mechanism',
      {
        ...fromOrders,
        authentication: scram('scram-sha-256', 'orders-mirror'),
      },
    ],
    [
      'certificate',
      { ...fromOrders, authentication: userCert('orders-mirror') },
    ],
  ] as const) {
    dev.api.create(mirrorMaker(V1, 'team-a', name, CLONE_TARGET, source));
  }
  dev.api.create(
    clusterLink('team-b', 'from-shared', 'clone-rest', {
      bootstrapEndpoint: sharedExternal,
      authentication: { type: 'mtls' },
      tls: { enabled: true, secretRef: 'shared-client-tls' },
    }),
  );
  elapse(clock, 180_000);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
});

afterEach(() => {
  for (const c of [eu, us, dev]) c.simulator!.clear();
  elapse(clock, 180_000);
  // Every write of the simulator passed validation (strict, CEL included).
  const errors = [eu, us, dev].flatMap(c => c.simulator!.errors());
  if (errors.length)
    throw new Error(`simulator errors: ${JSON.stringify(errors, null, 2)}`);
});

describe('external listeners', () => {
  it("reports a Strimzi loadbalancer listener at its load balancer's address: the bootstrap and per-broker Services of type LoadBalancer, as the cloud assigns them", () => {
    const bootstrap = us.api.get(
      'v1',
      'Service',
      'orders-kafka-kafka-external-bootstrap',
      'orders',
    ) as any;
    expect(bootstrap.spec).toMatchObject({
      type: 'LoadBalancer',
      ports: [
        {
          name: 'tcp-external',
          port: 9094,
          protocol: 'TCP',
          targetPort: 'tcp-external',
        },
      ],
      selector: {
        'strimzi.io/cluster': 'orders-kafka',
        'strimzi.io/kind': 'Kafka',
        'strimzi.io/name': 'orders-kafka-kafka',
        'strimzi.io/broker-role': 'true',
      },
    });
    const hostname = bootstrap.status.loadBalancer.ingress[0].hostname;
    expect(hostname).toMatch(/^a[0-9a-f]{32}\.lb\.us\.example\.com$/);
    // One per broker, named after the pod for the listener `external` on 9094.
    for (const pod of [
      'orders-kafka-broker-0',
      'orders-kafka-broker-1',
      'orders-kafka-broker-2',
    ]) {
      const service = us.api.get('v1', 'Service', pod, 'orders') as any;
      expect(service.spec.selector['strimzi.io/pod-name']).toBe(pod);
      expect(service.status.loadBalancer.ingress[0].hostname).toMatch(
        /\.lb\.us\.example\.com$/,
      );
      expect(service.status.loadBalancer.ingress[0].hostname).not.toBe(
        hostname,
      );
    }
    const kafka = us.api.get(V1, 'Kafka', 'orders-kafka', 'orders') as any;
    expect(kafka.status.listeners[2]).toEqual({
      name: 'external',
      addresses: [{ host: hostname, port: 9094 }],
      bootstrapServers: `${hostname}:9094`,
    });
    expect(conditions(kafka)).toEqual([['Ready', 'True', undefined]]);
  });
});

describe('MirrorMaker 2', () => {
  it('is Ready with its connectors RUNNING when source and target are internal listeners of its cluster reached with matching TLS and authentication (v1 shape)', () => {
    const mirror = mm2(us, 'replica', 'orders-copy');
    expect(conditions(mirror)).toEqual([['Ready', 'True', undefined]]);
    expect(connectorStates(mirror)).toEqual([
      [
        'orders->replica.MirrorSourceConnector',
        'RUNNING',
        ['RUNNING', 'RUNNING'],
      ],
      ['orders->replica.MirrorCheckpointConnector', 'RUNNING', ['RUNNING']],
    ]);
    expect(mirror.status).toMatchObject({
      url: 'http://orders-copy-mirrormaker2-api.replica.svc:8083',
      replicas: 1,
      observedGeneration: 1,
    });
    expect(
      podStates(us.api, 'replica', 'strimzi.io/kind=KafkaMirrorMaker2'),
    ).toMatchObject({
      'orders-copy-mirrormaker2-0': { ready: true, restarts: 0 },
    });
  });

  it("is Ready across clusters through the source's external listener address (v1beta2 clusters[], with the heartbeat connector)", () => {
    const mirror = mm2(dev, 'team-a', 'from-prod-us', V1B2);
    expect(conditions(mirror)).toEqual([['Ready', 'True', undefined]]);
    expect(connectorStates(mirror)).toEqual([
      ['prod-us->dev.MirrorSourceConnector', 'RUNNING', ['RUNNING', 'RUNNING']],
      ['prod-us->dev.MirrorCheckpointConnector', 'RUNNING', ['RUNNING']],
      ['prod-us->dev.MirrorHeartbeatConnector', 'RUNNING', ['RUNNING']],
    ]);
  });

  it.each([
    [
      'an address that does not resolve',
      'typo',
      'org.apache.kafka.common.config.ConfigException: ',
      (address: string) =>
        `Couldn't resolve server ${address} from bootstrap.servers as DNS resolution failed for ${
          address.split(':')[0]
        }`,
    ],
    [
      'no TLS to a TLS listener',
      'no-tls',
      'org.apache.kafka.common.errors.DisconnectException: ',
      (address: string) =>
        `Bootstrap broker ${address} (id: -1 rack: null) disconnected`,
    ],
    [
      'SCRAM-SHA-256 to a SCRAM-SHA-512 listener',
      'wrong-mechanism',
      'org.apache.kafka.common.errors.UnsupportedSaslMechanismException: ',
      (address: string) =>
        `Connection to node -1 (${address}) failed authentication due to: Client SASL mechanism 'SCRAM-SHA-256' not enabled in the server, enabled mechanisms are [SCRAM-SHA-512]`,
    ],
    [
      'a client certificate to a SCRAM listener',
      'certificate',
      'org.apache.kafka.common.errors.IllegalSaslStateException: ',
      (address: string) =>
        `Connection to node -1 (${address}) failed authentication due to: Unexpected Kafka request of type METADATA during SASL handshake.`,
    ],
  ])(
    'is NotReady with its source connectors FAILED and the client error as trace for %s',
    (_what, name, exception, message) => {
      const mirror = mm2(dev, 'team-a', name);
      const address = mirror.spec.mirrors[0].source.bootstrapServers;
      expect(mirror.status.conditions).toEqual([
        {
          type: 'NotReady',
          status: 'True',
          reason: 'NoStackTraceThrowable',
          message: 'One or more connectors are in FAILED state',
          lastTransitionTime: expect.any(String),
        },
      ]);
      expect(connectorStates(mirror)).toEqual([
        ['prod-us->dev.MirrorSourceConnector', 'FAILED', []],
        ['prod-us->dev.MirrorCheckpointConnector', 'FAILED', []],
      ]);
      expect(mirror.status.connectors[0].connector.trace).toBe(
        exception + message(address),
      );
      // The workers themselves run: their target is served.
      expect(
        podStates(dev.api, 'team-a', `strimzi.io/cluster=${name}`),
      ).toMatchObject({ [`${name}-mirrormaker2-0`]: { ready: true } });
    },
  );

  it('turns NotReady when the source stops answering in another cluster (no broker ready), and Ready again once it answers', () => {
    us.simulator!.inject({
      type: 'componentDown',
      namespace: 'orders',
      name: 'orders-kafka',
    });
    elapse(clock, 150_000);
    const down = mm2(dev, 'team-a', 'from-prod-us', V1B2);
    expect(conditions(down)).toEqual([
      ['NotReady', 'True', 'NoStackTraceThrowable'],
    ]);
    expect(down.status.connectors[0].connector.trace).toBe(
      `org.apache.kafka.common.errors.TimeoutException: Connection to node -1 (${ordersExternal}) could not be established. Node may not be available.`,
    );
    // The heartbeat connector only writes to the target.
    expect(connectorStates(down)[2]).toEqual([
      'prod-us->dev.MirrorHeartbeatConnector',
      'RUNNING',
      ['RUNNING'],
    ]);
    us.simulator!.clear();
    elapse(clock, 180_000);
    expect(conditions(mm2(dev, 'team-a', 'from-prod-us', V1B2))).toEqual([
      ['Ready', 'True', undefined],
    ]);
  });

  it('follows its source Kafka in the same cluster: NotReady while it does not exist, Ready once it serves, NotReady again once deleted', async () => {
    const before = mm2(us, 'replica', 'scratch-copy');
    expect(conditions(before)).toEqual([
      ['NotReady', 'True', 'NoStackTraceThrowable'],
    ]);
    expect(before.status.connectors[0].connector.trace).toBe(
      "org.apache.kafka.common.config.ConfigException: Couldn't resolve server scratch-kafka-kafka-bootstrap.scratch.svc.cluster.local:9092 from bootstrap.servers as DNS resolution failed for scratch-kafka-kafka-bootstrap.scratch.svc.cluster.local",
    );
    strimziKafka(V1, 'scratch', 'scratch-kafka', [PLAIN], DUAL).forEach(o =>
      us.api.create(o),
    );
    elapse(clock, 180_000);
    expect(conditions(mm2(us, 'replica', 'scratch-copy'))).toEqual([
      ['Ready', 'True', undefined],
    ]);
    us.api.delete(V1, 'Kafka', 'scratch-kafka', 'scratch');
    // The garbage collector deletes its Services (and with them the DNS names) in the background.
    await new Promise(resolve => setImmediate(resolve));
    elapse(clock, 10_000);
    const after = mm2(us, 'replica', 'scratch-copy');
    expect(conditions(after)).toEqual([
      ['NotReady', 'True', 'NoStackTraceThrowable'],
    ]);
    expect(after.status.connectors[0].connector.trace).toContain(
      "Couldn't resolve server scratch-kafka-kafka-bootstrap.scratch.svc.cluster.local:9092",
    );
  });

  it('crash-loops its workers while its target does not resolve (NotReady after the operation timeout), and runs once the target serves', () => {
    dev.api.create(
      mirrorMaker(
        V1,
        'team-a',
        'late-target',
        { alias: 'dev', bootstrapServers: 'late-kafka-kafka-bootstrap:9092' },
        {
          alias: 'prod-us',
          bootstrapServers: ordersExternal,
          tls: trusted('orders-ca'),
          authentication: scram('scram-sha-512', 'orders-mirror'),
        },
      ),
    );
    elapse(clock, 6 * 60_000);
    const worker = podStates(
      dev.api,
      'team-a',
      'strimzi.io/cluster=late-target',
    )['late-target-mirrormaker2-0'];
    expect(worker).toMatchObject({ ready: false, lastTerminated: 'Error' });
    expect(worker.restarts).toBeGreaterThanOrEqual(3);
    const failed = mm2(dev, 'team-a', 'late-target');
    expect(conditions(failed)).toEqual([
      ['NotReady', 'True', 'TimeoutException'],
    ]);
    expect(failed.status.conditions[0].message).toBe(
      'Exceeded timeout of 300000ms while waiting for Pod resource late-target-mirrormaker2-0 in namespace team-a to be ready',
    );
    // Node pools are named per namespace: team-a's `dual-role` is clone-kafka's.
    strimziKafka(
      V1B2,
      'team-a',
      'late-kafka',
      [PLAIN],
      [['late', 1, ['controller', 'broker']]],
    ).forEach(o => dev.api.create(o));
    elapse(clock, 10 * 60_000);
    expect(
      podStates(dev.api, 'team-a', 'strimzi.io/cluster=late-target')[
        'late-target-mirrormaker2-0'
      ],
    ).toMatchObject({ ready: true });
    const running = mm2(dev, 'team-a', 'late-target');
    expect(conditions(running)).toEqual([['Ready', 'True', undefined]]);
    expect(connectorStates(running)).toEqual([
      ['prod-us->dev.MirrorSourceConnector', 'RUNNING', ['RUNNING', 'RUNNING']],
      ['prod-us->dev.MirrorCheckpointConnector', 'RUNNING', ['RUNNING']],
    ]);
  });
});

describe('ClusterLink', () => {
  it("is CREATED with its mirror topics when the source is an internal listener of its cluster reached with the listener's TLS and SASL/PLAIN", () => {
    const created = link(eu, 'payments', 'shared-to-payments');
    expect(created.status).toEqual({
      appState: 'Created',
      conditions: [
        expect.objectContaining({
          type: 'platform.confluent.io/app-ready',
          status: 'True',
          reason: 'Created',
          message: 'Application is created',
        }),
      ],
      observedGeneration: 1,
      clusterLinkID: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      clusterLinkName: 'shared-to-payments',
      destinationKafkaClusterID: (
        eu.api.get(CFK, 'Kafka', 'payments', 'payments') as any
      ).status.clusterID,
      kafkaCluster: 'payments/payments',
      mirrorTopics: {
        'orders.created': {
          observedGeneration: 1,
          replicationFactor: 3,
          sourceTopicName: 'orders.created',
          status: 'ACTIVE',
        },
        'orders.paused': {
          observedGeneration: 1,
          replicationFactor: 3,
          sourceTopicName: 'orders.paused',
          status: 'PAUSED',
        },
      },
      numMirrorTopics: 2,
      sourceKafkaClusterID: (
        eu.api.get(CFK, 'Kafka', 'shared', 'kafka-platform') as any
      ).status.clusterID,
      state: 'CREATED',
    });
  });

  it.each([
    [
      'an address that does not resolve',
      'typo',
      {
        ...SHARED_INTERNAL,
        bootstrapEndpoint: 'shared.kafka-platfrom.svc.cluster.local:9071',
      },
      "Couldn't resolve server shared.kafka-platfrom.svc.cluster.local:9071 from bootstrap.servers as DNS resolution failed for shared.kafka-platfrom.svc.cluster.local",
    ],
    [
      'a port no listener answers on',
      'wrong-port',
      {
        ...SHARED_INTERNAL,
        bootstrapEndpoint: 'shared.kafka-platform.svc.cluster.local:9093',
      },
      'Connection to node -1 (shared.kafka-platform.svc.cluster.local:9093) could not be established. Node may not be available.',
    ],
    [
      'no TLS to a TLS listener',
      'no-tls',
      { ...SHARED_INTERNAL, tls: { enabled: false } },
      'Bootstrap broker shared.kafka-platform.svc.cluster.local:9071 (id: -1 rack: null) disconnected',
    ],
    [
      'mTLS to a SASL/PLAIN listener',
      'mtls',
      { ...SHARED_INTERNAL, authentication: { type: 'mtls' } },
      'Connection to node -1 (shared.kafka-platform.svc.cluster.local:9071) failed authentication due to: Unexpected Kafka request of type METADATA during SASL handshake.',
    ],
    [
      'no bootstrap endpoint',
      'no-endpoint',
      without(SHARED_INTERNAL, 'bootstrapEndpoint'),
      'Missing required configuration "bootstrap.servers" which has no default value.',
    ],
  ])(
    'fails (appState Failed, state ERROR, app-ready False with the error) for %s',
    (_what, name, source, message) => {
      eu.api.create(clusterLink('payments', name, 'payments-rest', source));
      elapse(clock, 10_000);
      const failed = link(eu, 'payments', name);
      expect(failed.status).toEqual({
        appState: 'Failed',
        clusterLinkName: name,
        conditions: [
          {
            type: 'platform.confluent.io/app-ready',
            status: 'False',
            reason: 'CreateFailed',
            message: `kafka Rest API request failed: ${message}`,
            lastProbeTime: expect.any(String),
            lastTransitionTime: expect.any(String),
          },
        ],
        destinationKafkaClusterID: (
          eu.api.get(CFK, 'Kafka', 'payments', 'payments') as any
        ).status.clusterID,
        kafkaCluster: 'payments/payments',
        observedGeneration: 1,
        state: 'ERROR',
      });
    },
  );

  it("fails while the destination Kafka has no password encoder for the link's credentials; once it has one, is CREATED across clusters through the source's externalEndpoint with mTLS", () => {
    const failed = link(dev, 'team-b', 'from-shared');
    expect(failed.status).toMatchObject({ appState: 'Failed', state: 'ERROR' });
    expect(appReady(failed)).toMatchObject({
      status: 'False',
      reason: 'CreateFailed',
      message:
        'kafka Rest API request failed: Password encoder secret not configured',
    });
    dev.api.patch(CFK, 'Kafka', 'clone', 'team-b', { spec: ENCODER });
    elapse(clock, 5 * 60_000);
    const created = link(dev, 'team-b', 'from-shared');
    expect(created.status).toMatchObject({
      appState: 'Created',
      state: 'CREATED',
      clusterLinkID: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      kafkaCluster: 'team-b/clone',
      sourceKafkaClusterID: (
        eu.api.get(CFK, 'Kafka', 'shared', 'kafka-platform') as any
      ).status.clusterID,
      numMirrorTopics: 2,
      mirrorTopics: {
        'orders.created': { status: 'ACTIVE' },
        'orders.paused': { status: 'PAUSED' },
      },
    });
    expect(appReady(created)).toMatchObject({
      status: 'True',
      reason: 'Created',
    });
  });

  it('fails when its source in another cluster stops answering, keeping its ID, and is CREATED again once it answers', () => {
    const before = link(dev, 'team-b', 'from-shared');
    expect(before.status.state).toBe('CREATED');
    const id = before.status.clusterLinkID;
    eu.simulator!.inject({
      type: 'componentDown',
      namespace: 'kafka-platform',
      name: 'shared',
    });
    elapse(clock, 120_000);
    const failed = link(dev, 'team-b', 'from-shared');
    expect(failed.status).toMatchObject({
      appState: 'Failed',
      state: 'ERROR',
      clusterLinkID: id,
    });
    expect(appReady(failed).message).toBe(
      `kafka Rest API request failed: Connection to node -1 (${sharedExternal}) could not be established. Node may not be available.`,
    );
    expect(failed.status.mirrorTopics).toBeUndefined();
    eu.simulator!.clear();
    elapse(clock, 120_000);
    expect(link(dev, 'team-b', 'from-shared').status).toMatchObject({
      appState: 'Created',
      state: 'CREATED',
      clusterLinkID: id,
      mirrorTopics: { 'orders.created': { status: 'ACTIVE' } },
    });
  });
});
