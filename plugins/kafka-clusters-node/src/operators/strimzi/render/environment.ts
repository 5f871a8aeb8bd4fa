import {
  EnvironmentSpec,
  figuresOf,
  metadataOf,
  OperatorRendering,
  RenderedObject,
  securityWarnings,
} from '../../common/render/environment';
import { topicConfig } from '../../common/render/topics';
import {
  STRIMZI_ANNOTATIONS,
  STRIMZI_LABELS,
  STRIMZI_NAMES,
  strimziFacts,
} from '../facts';

/**
 * The versions of Strimzi's API group a new environment can be written at.
 *
 * @public
 */
export type StrimziApiVersion = 'v1' | 'v1beta2';

const TLS_PORT = 9093;
const PLAIN_PORT = 9092;

/** Names of the environment's CRs: the Kafka is `name`, its parts `name-<part>`. */
export const strimziEnvironmentNames = (name: string) => ({
  kafka: name,
  connect: `${name}-connect`,
  bridge: `${name}-bridge`,
  connectUser: `${name}-connect`,
  bridgeUser: `${name}-bridge`,
});

type Acl = {
  resource: { type: string; name?: string; patternType?: string };
  operations: string[];
};
const topicAcl = (name: string, operations: string[]): Acl => ({
  resource: { type: 'topic', name, patternType: 'literal' },
  operations,
});
const groupAcl = (prefix: string): Acl => ({
  resource: { type: 'group', name: prefix, patternType: 'prefix' },
  operations: ['Read', 'Describe'],
});
const READ_WRITE = ['Read', 'Write', 'Describe', 'DescribeConfigs'];

/**
 * A KRaft Strimzi environment: node pools, the Kafka with a TLS listener, mutual TLS
 * authentication and `simple` authorization, the entity operator, a KafkaUser with ACLs on its
 * topics for the owning service, the components asked for (KafkaConnect with KafkaConnector
 * resources, KafkaBridge, each with its own KafkaUser) and the topics. The same shape is valid
 * at v1 and v1beta2 (Strimzi 0.51's v1beta2 already takes Connect's `groupId` and storage
 * topics as spec fields).
 */
export function renderStrimziEnvironment(
  spec: EnvironmentSpec,
  version: StrimziApiVersion,
): OperatorRendering {
  const size = figuresOf(spec);
  const apiVersion = `${strimziFacts.group}/${version}`;
  const metadata = metadataOf(spec);
  const names = strimziEnvironmentNames(spec.name);
  const clusterLabel = { [STRIMZI_LABELS.cluster]: spec.name };
  const { tls, authentication, authorization } = spec.security;
  // mutual TLS needs TLS; a dev environment without TLS authenticates with SCRAM.
  const authType = tls ? 'tls' : 'scram-sha-512';
  const storage = (claim: string) => ({
    type: 'jbod',
    volumes: [
      {
        id: 0,
        type: 'persistent-claim',
        size: claim,
        ...(spec.storageClass ? { class: spec.storageClass } : {}),
        deleteClaim: false,
        kraftMetadata: 'shared',
      },
    ],
  });
  const pool = (
    suffix: string,
    replicas: number,
    roles: string[],
    claim: string,
    resources = size.resources,
  ): RenderedObject => ({
    apiVersion,
    kind: 'KafkaNodePool',
    metadata: metadata(`${spec.name}-${suffix}`, clusterLabel),
    spec: { replicas, roles, storage: storage(claim), resources },
  });
  const pools =
    spec.profile === 'dev'
      ? [
          pool(
            'dual-role',
            size.brokers,
            ['controller', 'broker'],
            size.storage,
          ),
        ]
      : [
          pool(
            'controller',
            size.controllers,
            ['controller'],
            size.controllerStorage,
            size.componentResources,
          ),
          pool('broker', size.brokers, ['broker'], size.storage),
        ];

  const kafka: RenderedObject = {
    apiVersion,
    kind: 'Kafka',
    metadata: metadata(names.kafka),
    spec: {
      kafka: {
        listeners: [
          {
            name: tls ? 'tls' : 'plain',
            port: tls ? TLS_PORT : PLAIN_PORT,
            type: 'internal',
            tls,
            ...(authentication ? { authentication: { type: authType } } : {}),
          },
        ],
        ...(authorization === 'none'
          ? {}
          : { authorization: { type: 'simple' } }),
        config: {
          'offsets.topic.replication.factor': size.replicationFactor,
          'transaction.state.log.replication.factor': size.replicationFactor,
          'transaction.state.log.min.isr': size.minInsyncReplicas,
          'default.replication.factor': size.replicationFactor,
          'min.insync.replicas': size.minInsyncReplicas,
        },
      },
      entityOperator: {
        topicOperator: { resources: size.componentResources },
        userOperator: { resources: size.componentResources },
      },
    },
  };

  const topicNames = spec.topics.map(t => t.name);
  const user = (name: string, acls: Acl[]): RenderedObject | undefined =>
    authentication
      ? {
          apiVersion,
          kind: 'KafkaUser',
          metadata: metadata(name, clusterLabel),
          spec: {
            authentication: { type: authType },
            ...(authorization === 'none'
              ? {}
              : { authorization: { type: 'simple', acls } }),
          },
        }
      : undefined;
  // A client of the cluster: where it connects, what it trusts, how it authenticates.
  const client = (userName: string) => ({
    bootstrapServers: STRIMZI_NAMES.bootstrapAddress(
      names.kafka,
      tls ? TLS_PORT : PLAIN_PORT,
    ),
    ...(tls
      ? {
          tls: {
            trustedCertificates: [
              {
                secretName: STRIMZI_NAMES.clusterCaCert(names.kafka),
                pattern: '*.crt',
              },
            ],
          },
        }
      : {}),
    ...(authentication
      ? {
          authentication: tls
            ? {
                type: 'tls',
                certificateAndKey: {
                  secretName: userName,
                  certificate: 'user.crt',
                  key: 'user.key',
                },
              }
            : {
                type: 'scram-sha-512',
                username: userName,
                passwordSecret: { secretName: userName, password: 'password' },
              },
        }
      : {}),
  });

  const users: (RenderedObject | undefined)[] = [
    user(spec.service, [
      ...topicNames.map(name => topicAcl(name, READ_WRITE)),
      groupAcl(spec.service),
    ]),
  ];
  const components: RenderedObject[] = [];
  const connect = spec.components.connect;
  if (connect) {
    const internal = {
      groupId: names.connect,
      configStorageTopic: `${names.connect}-configs`,
      offsetStorageTopic: `${names.connect}-offsets`,
      statusStorageTopic: `${names.connect}-status`,
    };
    components.push({
      apiVersion,
      kind: 'KafkaConnect',
      metadata: {
        ...metadata(names.connect),
        annotations: {
          ...metadata(names.connect).annotations,
          [STRIMZI_ANNOTATIONS.useConnectorResources]: 'true',
        },
      },
      spec: {
        replicas: size.componentReplicas,
        ...client(names.connectUser),
        ...internal,
        config: {
          'config.storage.replication.factor': size.replicationFactor,
          'offset.storage.replication.factor': size.replicationFactor,
          'status.storage.replication.factor': size.replicationFactor,
        },
        resources: size.componentResources,
      },
    });
    users.push(
      user(names.connectUser, [
        {
          resource: {
            type: 'topic',
            name: `${names.connect}-`,
            patternType: 'prefix',
          },
          operations: ['Create', ...READ_WRITE],
        },
        {
          resource: {
            type: 'group',
            name: names.connect,
            patternType: 'literal',
          },
          operations: ['Read', 'Describe'],
        },
        // Sink connectors' consumer groups are connect-<connector name>.
        groupAcl('connect-'),
        ...topicNames.map(name => topicAcl(name, READ_WRITE)),
      ]),
    );
    for (const connector of connect.connectors) {
      components.push({
        apiVersion,
        kind: 'KafkaConnector',
        metadata: metadata(connector.name, {
          [STRIMZI_LABELS.cluster]: names.connect,
        }),
        spec: {
          class: connector.class,
          tasksMax: connector.tasksMax,
          ...(connector.config ? { config: connector.config } : {}),
        },
      });
    }
  }
  if (spec.components.bridge) {
    components.push({
      apiVersion,
      kind: 'KafkaBridge',
      metadata: metadata(names.bridge),
      spec: {
        replicas: size.componentReplicas,
        ...client(names.bridgeUser),
        http: { port: 8080 },
        resources: size.componentResources,
      },
    });
    users.push(
      user(names.bridgeUser, [
        ...topicNames.map(name => topicAcl(name, READ_WRITE)),
        groupAcl(names.bridge),
      ]),
    );
  }

  const topics: RenderedObject[] = spec.topics.map(topic => {
    const config = topicConfig(topic, size);
    return {
      apiVersion,
      kind: 'KafkaTopic',
      metadata: metadata(topic.name, clusterLabel),
      spec: {
        partitions: topic.partitions,
        replicas: topic.replicas ?? size.replicationFactor,
        ...(config ? { config } : {}),
      },
    };
  });

  return {
    objects: [
      ...pools,
      kafka,
      ...users.filter((u): u is RenderedObject => u !== undefined),
      ...components,
      ...topics,
    ],
    // The operator writes every Secret this environment uses (CA, user certificates).
    requiredSecrets: [],
    warnings: securityWarnings(spec),
  };
}
