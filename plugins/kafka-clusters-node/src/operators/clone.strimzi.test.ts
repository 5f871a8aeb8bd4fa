import { InputError } from '@backstage/errors';
import { cloneKafkaEnvironment, CloneSpec, SourceObject } from './clone';

/*
 * A live Strimzi 1.2 environment as the API server returns it (server-owned metadata, status,
 * operator-written annotations), and what its clone must be, written out by hand.
 */

const API = 'kafka.strimzi.io/v1';
const NS = 'orders';

function live(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  extra: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    status?: Record<string, unknown>;
  } = {},
): SourceObject {
  return {
    apiVersion: API,
    kind,
    metadata: {
      name,
      namespace: NS,
      uid: `uid-${kind}-${name}`,
      resourceVersion: '48213',
      generation: 7,
      creationTimestamp: '2026-10-01T08:00:00Z',
      managedFields: [{ manager: 'argocd-controller', operation: 'Apply' }],
      labels: { 'kustomize.toolkit.fluxcd.io/name': 'orders', ...extra.labels },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{}}',
        'argocd.argoproj.io/tracking-id':
          'orders:kafka.strimzi.io/Kafka:orders/x',
        ...extra.annotations,
      },
    },
    spec,
    status: extra.status ?? {
      conditions: [{ type: 'Ready', status: 'True' }],
      observedGeneration: 7,
    },
  };
}

const cluster = { 'strimzi.io/cluster': 'orders-kafka' };

function ordersEnvironment(): SourceObject[] {
  return [
    live(
      'Kafka',
      'orders-kafka',
      {
        kafka: {
          version: '4.3.1',
          listeners: [
            { name: 'plain', port: 9092, type: 'internal', tls: false },
            {
              name: 'tls',
              port: 9093,
              type: 'internal',
              tls: true,
              authentication: { type: 'tls' },
            },
            {
              name: 'external',
              port: 9094,
              type: 'loadbalancer',
              tls: true,
              authentication: { type: 'scram-sha-512' },
            },
          ],
          authorization: { type: 'simple' },
          config: {
            'offsets.topic.replication.factor': 3,
            'default.replication.factor': 3,
            'min.insync.replicas': 2,
            'auto.create.topics.enable': false,
          },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
      {
        labels: { 'backstage.io/kubernetes-id': 'orders' },
        annotations: {
          'k8s-kafka.io/owner': 'group:default/checkout',
          'strimzi.io/pause-reconciliation': 'true',
        },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          clusterId: 'abc123',
          listeners: [
            {
              name: 'tls',
              bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9093',
            },
            {
              name: 'external',
              bootstrapServers: 'orders.prod-us.example.com:9094',
            },
          ],
        },
      },
    ),
    live(
      'KafkaNodePool',
      'broker',
      {
        replicas: 3,
        roles: ['broker'],
        storage: {
          type: 'jbod',
          volumes: [
            {
              id: 0,
              type: 'persistent-claim',
              size: '200Gi',
              deleteClaim: false,
            },
          ],
        },
        resources: {
          requests: { cpu: '1', memory: '4Gi' },
          limits: { memory: '4Gi' },
        },
        jvmOptions: { '-Xms': '2g', '-Xmx': '2g', gcLoggingEnabled: false },
      },
      { labels: cluster },
    ),
    live(
      'KafkaNodePool',
      'controller',
      {
        replicas: 3,
        roles: ['controller'],
        storage: { type: 'persistent-claim', size: '20Gi' },
      },
      { labels: cluster },
    ),
    live(
      'KafkaTopic',
      'orders-created',
      {
        partitions: 12,
        replicas: 3,
        config: { 'min.insync.replicas': 2, 'retention.ms': 604800000 },
      },
      { labels: cluster },
    ),
    live(
      'KafkaTopic',
      'orders-kafka-events',
      { topicName: 'orders.events', partitions: 3, replicas: 3 },
      { labels: cluster },
    ),
    live(
      'KafkaUser',
      'orders-kafka-connect',
      { authentication: { type: 'tls' } },
      { labels: cluster },
    ),
    live(
      'KafkaConnect',
      'orders-kafka-connect',
      {
        replicas: 2,
        bootstrapServers: 'orders-kafka-kafka-bootstrap:9093',
        groupId: 'orders-connect',
        config: {
          'config.storage.replication.factor': 3,
          'offset.storage.replication.factor': -1,
        },
        tls: {
          trustedCertificates: [
            {
              secretName: 'orders-kafka-cluster-ca-cert',
              certificate: 'ca.crt',
            },
          ],
        },
        authentication: {
          type: 'tls',
          certificateAndKey: {
            secretName: 'orders-kafka-connect',
            certificate: 'user.crt',
            key: 'user.key',
          },
        },
      },
      { annotations: { 'strimzi.io/use-connector-resources': 'true' } },
    ),
    live(
      'KafkaConnector',
      'orders-sink',
      {
        class: 'io.confluent.connect.jdbc.JdbcSinkConnector',
        tasksMax: 2,
        config: {
          'connection.url':
            'jdbc:postgresql://warehouse.example.com:5432/orders',
          topics: 'orders-created',
        },
      },
      { labels: { 'strimzi.io/cluster': 'orders-kafka-connect' } },
    ),
    live(
      'KafkaConnector',
      'orders-audit',
      {
        class: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        tasksMax: 1,
        config: { file: '/tmp/audit' },
      },
      { labels: { 'strimzi.io/cluster': 'orders-kafka-connect' } },
    ),
    live('KafkaBridge', 'orders-bridge', {
      replicas: 2,
      bootstrapServers:
        'orders-kafka-kafka-bootstrap.orders.svc.cluster.local:9092',
      http: { port: 8080 },
    }),
    // Another Kafka of the namespace and its topic: not part of the environment.
    live('Kafka', 'other', { kafka: { listeners: [] } }),
    live(
      'KafkaTopic',
      'other-topic',
      { partitions: 1 },
      { labels: { 'strimzi.io/cluster': 'other' } },
    ),
  ];
}

const SPEC: CloneSpec = {
  source: {
    kubernetesCluster: 'prod-us',
    namespace: NS,
    name: 'orders-kafka',
    live: true,
  },
  target: {
    kubernetesCluster: 'dev',
    namespace: 'orders-repro',
    name: 'repro-kafka',
  },
  profile: 'ephemeral',
  keepExternalAccess: false,
  connectors: [],
  expiresAt: '2026-12-10T12:00:00Z',
};

const byId = (objects: { kind: string; metadata: { name: string } }[]) =>
  Object.fromEntries(
    objects.map(o => [`${o.kind}/${o.metadata.name}`, o]),
  ) as Record<string, any>;

describe('cloning a Strimzi environment', () => {
  const clone = cloneKafkaEnvironment(ordersEnvironment(), SPEC);
  const objects = byId(clone.objects) as Record<string, any>;

  it('takes the Kafka and what belongs to it, and no other Kafka', () => {
    expect(Object.keys(objects).sort()).toEqual([
      'Kafka/repro-kafka',
      'KafkaBridge/orders-bridge',
      'KafkaConnect/repro-kafka-connect',
      'KafkaNodePool/broker',
      'KafkaNodePool/controller',
      'KafkaTopic/orders-created',
      'KafkaTopic/orders-kafka-events',
      'KafkaUser/repro-kafka-connect',
    ]);
  });

  it('strips what the server, kubectl, GitOps agents and the operator own', () => {
    const kafka = objects['Kafka/repro-kafka'];
    expect(kafka.status).toBeUndefined();
    expect(Object.keys(kafka.metadata).sort()).toEqual([
      'annotations',
      'labels',
      'name',
      'namespace',
    ]);
    for (const o of clone.objects) {
      const meta = o.metadata as Record<string, unknown>;
      for (const field of [
        'uid',
        'resourceVersion',
        'generation',
        'creationTimestamp',
        'managedFields',
      ]) {
        expect(meta[field]).toBeUndefined();
      }
      expect(
        o.metadata.annotations?.[
          'kubectl.kubernetes.io/last-applied-configuration'
        ],
      ).toBeUndefined();
      expect(
        o.metadata.annotations?.['argocd.argoproj.io/tracking-id'],
      ).toBeUndefined();
      expect(
        o.metadata.labels?.['kustomize.toolkit.fluxcd.io/name'],
      ).toBeUndefined();
    }
    // A paused source must not give a paused clone.
    expect(
      kafka.metadata.annotations['strimzi.io/pause-reconciliation'],
    ).toBeUndefined();
    // What the user set stays.
    expect(
      objects['KafkaConnect/repro-kafka-connect'].metadata.annotations[
        'strimzi.io/use-connector-resources'
      ],
    ).toBe('true');
  });

  it('renames and re-namespaces every reference of the reference map', () => {
    for (const o of clone.objects)
      expect(o.metadata.namespace).toBe('orders-repro');
    for (const key of [
      'KafkaNodePool/broker',
      'KafkaNodePool/controller',
      'KafkaTopic/orders-created',
      'KafkaUser/repro-kafka-connect',
    ]) {
      expect(objects[key].metadata.labels['strimzi.io/cluster']).toBe(
        'repro-kafka',
      );
    }
    const connect = objects['KafkaConnect/repro-kafka-connect'].spec;
    expect(connect.bootstrapServers).toBe('repro-kafka-kafka-bootstrap:9093');
    // The Secrets Strimzi generates are named after their owners, so they follow the rename.
    expect(connect.tls.trustedCertificates[0].secretName).toBe(
      'repro-kafka-cluster-ca-cert',
    );
    expect(connect.authentication.certificateAndKey.secretName).toBe(
      'repro-kafka-connect',
    );
    expect(objects['KafkaBridge/orders-bridge'].spec.bootstrapServers).toBe(
      'repro-kafka-kafka-bootstrap.orders-repro.svc.cluster.local:9092',
    );
    // Topic names are what clients use: they never change.
    expect(objects['KafkaTopic/orders-kafka-events'].spec.topicName).toBe(
      'orders.events',
    );
  });

  it('sizes it to run on one node, keeping configuration overrides', () => {
    expect(objects['KafkaNodePool/broker'].spec).toEqual({
      replicas: 1,
      roles: ['broker'],
      storage: {
        type: 'jbod',
        volumes: [
          { id: 0, type: 'persistent-claim', size: '10Gi', deleteClaim: false },
        ],
      },
      resources: {
        requests: { cpu: '250m', memory: '1Gi' },
        limits: { cpu: '1', memory: '2Gi' },
      },
      jvmOptions: { gcLoggingEnabled: false },
    });
    expect(objects['KafkaNodePool/controller'].spec.storage).toEqual({
      type: 'persistent-claim',
      size: '5Gi',
    });
    expect(objects['Kafka/repro-kafka'].spec.kafka.config).toEqual({
      'offsets.topic.replication.factor': 1,
      'default.replication.factor': 1,
      'min.insync.replicas': 1,
      'auto.create.topics.enable': false,
      'transaction.state.log.replication.factor': 1,
      'transaction.state.log.min.isr': 1,
    });
    expect(objects['KafkaTopic/orders-created'].spec).toEqual({
      partitions: 12,
      replicas: 1,
      config: { 'min.insync.replicas': 1, 'retention.ms': 604800000 },
    });
    expect(objects['KafkaConnect/repro-kafka-connect'].spec.replicas).toBe(1);
    // -1 means "the brokers' default", which already fits one broker.
    expect(objects['KafkaConnect/repro-kafka-connect'].spec.config).toEqual({
      'config.storage.replication.factor': 1,
      'offset.storage.replication.factor': -1,
    });
  });

  it('drops external listeners unless asked to keep them', () => {
    expect(
      objects['Kafka/repro-kafka'].spec.kafka.listeners.map((l: any) => l.name),
    ).toEqual(['plain', 'tls']);
    const kept = cloneKafkaEnvironment(ordersEnvironment(), {
      ...SPEC,
      keepExternalAccess: true,
    });
    expect(
      byId(kept.objects)['Kafka/repro-kafka'].spec.kafka.listeners.map(
        (l: any) => l.name,
      ),
    ).toEqual(['plain', 'tls', 'external']);
  });

  it('owns the clone: service, owner, environment id, where it came from, when it expires', () => {
    expect(objects['Kafka/repro-kafka'].metadata).toEqual({
      name: 'repro-kafka',
      namespace: 'orders-repro',
      labels: { 'backstage.io/kubernetes-id': 'orders' },
      annotations: {
        'k8s-kafka.io/owner': 'group:default/checkout',
        'k8s-kafka.io/environment-id': 'dev/orders-repro/repro-kafka',
        'k8s-kafka.io/cloned-from': 'prod-us/orders/Kafka/orders-kafka@7',
        'k8s-kafka.io/expires-at': '2026-12-10T12:00:00Z',
      },
    });
    expect(
      objects['KafkaTopic/orders-created'].metadata.annotations[
        'k8s-kafka.io/cloned-from'
      ],
    ).toBe('prod-us/orders/KafkaTopic/orders-created@7');
  });

  it('drops connectors unless listed, and keeps listed ones stopped', () => {
    expect(clone.record.dropped.map(d => `${d.kind}/${d.name}`)).toEqual([
      'KafkaConnector/orders-audit',
      'KafkaConnector/orders-sink',
    ]);
    const kept = cloneKafkaEnvironment(ordersEnvironment(), {
      ...SPEC,
      connectors: ['orders-sink'],
    });
    const sink = byId(kept.objects)['KafkaConnector/orders-sink'];
    expect(sink.spec.state).toBe('stopped');
    expect(sink.metadata.labels?.['strimzi.io/cluster']).toBe(
      'repro-kafka-connect',
    );
    expect(kept.warnings).toContain(
      'KafkaConnector orders-sink is cloned stopped (spec.state: stopped); its configuration reaches connection.url=jdbc:postgresql://warehouse.example.com:5432/orders: point it at systems the clone may use before you set state: running',
    );
  });

  it('names the Secrets it needs and copies none', () => {
    // Everything the connect cluster names is generated by Strimzi in the clone's namespace.
    expect(clone.requiredSecrets).toEqual([]);
    expect(JSON.stringify(clone.files)).not.toMatch(
      /BEGIN|password:|user\.key":\s*"[A-Za-z0-9+/]{20}/,
    );
  });

  it('mirrors chosen topics with MirrorMaker 2 through the external listener across clusters', () => {
    const mirrored = cloneKafkaEnvironment(ordersEnvironment(), {
      ...SPEC,
      data: { topics: ['orders-*', 'orders.events'], groups: ['orders-api'] },
    });
    const mm2 = byId(mirrored.objects)['KafkaMirrorMaker2/repro-kafka-mirror'];
    expect(mm2.spec).toEqual({
      replicas: 1,
      target: {
        alias: 'clone',
        bootstrapServers: 'repro-kafka-kafka-bootstrap:9093',
        groupId: 'repro-kafka-mirror-connect',
        configStorageTopic: 'repro-kafka-mirror-configs',
        offsetStorageTopic: 'repro-kafka-mirror-offsets',
        statusStorageTopic: 'repro-kafka-mirror-status',
        config: {
          'config.storage.replication.factor': 1,
          'offset.storage.replication.factor': 1,
          'status.storage.replication.factor': 1,
        },
        tls: {
          trustedCertificates: [
            {
              secretName: 'repro-kafka-cluster-ca-cert',
              certificate: 'ca.crt',
            },
          ],
        },
        authentication: {
          type: 'tls',
          certificateAndKey: {
            secretName: 'repro-kafka-mirror',
            certificate: 'user.crt',
            key: 'user.key',
          },
        },
      },
      mirrors: [
        {
          source: {
            alias: 'source',
            bootstrapServers: 'orders.prod-us.example.com:9094',
            tls: {
              trustedCertificates: [
                {
                  secretName: 'orders-kafka-source-ca',
                  certificate: 'ca.crt',
                },
              ],
            },
            authentication: {
              type: 'scram-sha-512',
              username: 'clone-reader',
              passwordSecret: {
                secretName: 'orders-kafka-source-user',
                password: 'password',
              },
            },
          },
          sourceConnector: {
            tasksMax: 1,
            config: {
              'replication.policy.class':
                'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
              'offset-syncs.topic.location': 'target',
              'replication.factor': 1,
              'offset-syncs.topic.replication.factor': 1,
              'sync.topic.acls.enabled': 'false',
            },
          },
          checkpointConnector: {
            tasksMax: 1,
            config: {
              'replication.policy.class':
                'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
              'offset-syncs.topic.location': 'target',
              'checkpoints.topic.replication.factor': 1,
              'sync.group.offsets.enabled': 'true',
            },
          },
          topicsPattern: 'orders-created|orders\\.events',
          groupsPattern: 'orders-api',
        },
      ],
      resources: {
        requests: { cpu: '100m', memory: '512Mi' },
        limits: { cpu: '500m', memory: '1Gi' },
      },
    });
    expect(mm2.metadata.annotations['k8s-kafka.io/clone-part']).toBe('data');
    // The mirror writes into the clone as a KafkaUser of the clone, with rights there.
    const user = byId(mirrored.objects)['KafkaUser/repro-kafka-mirror'];
    expect(user.metadata.labels?.['strimzi.io/cluster']).toBe('repro-kafka');
    expect(user.spec.authentication).toEqual({ type: 'tls' });
    expect(mirrored.requiredSecrets.map(s => [s.name, s.keys])).toEqual([
      ['orders-kafka-source-ca', ['ca.crt']],
      ['orders-kafka-source-user', ['password']],
    ]);
    expect(mirrored.record.data?.source).toEqual({
      bootstrap: 'orders.prod-us.example.com:9094',
      listener: 'external',
      tls: true,
      authentication: 'scram-sha-512',
    });
  });

  it('mirrors through the in-cluster name on the same Kubernetes cluster, with mTLS', () => {
    const mirrored = cloneKafkaEnvironment(ordersEnvironment(), {
      ...SPEC,
      target: { ...SPEC.target, kubernetesCluster: 'prod-us' },
      data: { topics: ['orders-created'] },
    });
    const source = byId(mirrored.objects)[
      'KafkaMirrorMaker2/repro-kafka-mirror'
    ].spec.mirrors[0].source;
    expect(source.bootstrapServers).toBe(
      'orders-kafka-kafka-bootstrap.orders.svc:9093',
    );
    expect(source.authentication.type).toBe('tls');
  });

  it('refuses a clone that cannot reach its source', () => {
    const noExternal = ordersEnvironment();
    (noExternal[0].status as any).listeners = [];
    expect(() =>
      cloneKafkaEnvironment(noExternal, {
        ...SPEC,
        data: { topics: ['orders-created'] },
      }),
    ).toThrow(
      new InputError(
        "The clone cannot reach the data of orders/orders-kafka: mirroring from prod-us to dev needs an external listener (route, loadbalancer, nodeport, ingress) whose address the Kafka's status reports with TLS and mTLS or SCRAM-SHA-512 authentication (or none, on a cluster without authorization); its listeners: plain (internal, no TLS, no authentication); tls (internal, TLS, tls); external (loadbalancer, TLS, scram-sha-512)",
      ),
    );
  });

  it.each([
    [
      { source: { ...SPEC.source, name: 'nope' } },
      "The source has no Kafka 'nope' in namespace 'orders'",
    ],
    [
      {
        target: {
          ...SPEC.target,
          kubernetesCluster: 'prod-us',
          namespace: 'orders',
        },
      },
      'The clone must go to another namespace',
    ],
    [
      { data: { topics: ['payments.*'] } },
      "data.topics: 'payments.*' matches no topic of the source",
    ],
    [
      { connectors: ['nope'] },
      "connectors: 'nope' is not a KafkaConnector of the source",
    ],
  ])('refuses bad input: %j', (change, message) => {
    expect(() =>
      cloneKafkaEnvironment(ordersEnvironment(), {
        ...SPEC,
        ...change,
      } as CloneSpec),
    ).toThrow(message);
  });

  it('gives the same clone when cloning the clone under the same names', () => {
    // Same names and namespace, on another Kubernetes cluster: only the environment id differs.
    const again = cloneKafkaEnvironment(
      clone.objects as unknown as SourceObject[],
      {
        ...SPEC,
        source: {
          kubernetesCluster: 'dev',
          namespace: 'orders-repro',
          name: 'repro-kafka',
          live: false,
        },
        target: {
          kubernetesCluster: 'staging',
          namespace: 'orders-repro',
          name: 'repro-kafka',
        },
      },
    );
    const expected = clone.objects.map(o => ({
      ...o,
      metadata: {
        ...o.metadata,
        annotations: {
          ...o.metadata.annotations,
          'k8s-kafka.io/environment-id': 'staging/orders-repro/repro-kafka',
        },
      },
    }));
    expect(again.objects).toEqual(expected);
  });

  it('is deterministic', () => {
    expect(cloneKafkaEnvironment(ordersEnvironment(), SPEC).files).toEqual(
      clone.files,
    );
  });
});
