import {
  commonLabels,
  EnvironmentSpec,
  RenderedObject,
  SIZE_PROFILES,
} from '../../common/render/environment';
import { STRIMZI_LABELS, strimziFacts } from '../facts';

/**
 * The versions of Strimzi's API group a new environment can be written at.
 *
 * @public
 */
export type StrimziApiVersion = 'v1' | 'v1beta2';

/**
 * A KRaft Strimzi cluster: node pools, the Kafka with a TLS listener, mutual TLS
 * authentication and simple authorization, and its topics.
 */
export function renderStrimziEnvironment(
  spec: EnvironmentSpec,
  version: StrimziApiVersion,
): RenderedObject[] {
  const size = SIZE_PROFILES[spec.size];
  const apiVersion = `${strimziFacts.group}/${version}`;
  const labels = commonLabels(spec);
  const clusterLabels = { ...labels, [STRIMZI_LABELS.cluster]: spec.name };
  const metadata = (name: string, extra = labels) => ({
    name,
    namespace: spec.namespace,
    labels: extra,
  });
  const storage = {
    type: 'jbod',
    volumes: [
      {
        id: 0,
        type: 'persistent-claim',
        size: size.storage,
        deleteClaim: false,
        kraftMetadata: 'shared',
      },
    ],
  };
  const pools: RenderedObject[] =
    spec.size === 'dev'
      ? [
          {
            apiVersion,
            kind: 'KafkaNodePool',
            metadata: metadata(`${spec.name}-dual-role`, clusterLabels),
            spec: { replicas: 1, roles: ['controller', 'broker'], storage },
          },
        ]
      : [
          {
            apiVersion,
            kind: 'KafkaNodePool',
            metadata: metadata(`${spec.name}-controller`, clusterLabels),
            spec: {
              replicas: size.controllers,
              roles: ['controller'],
              storage,
            },
          },
          {
            apiVersion,
            kind: 'KafkaNodePool',
            metadata: metadata(`${spec.name}-broker`, clusterLabels),
            spec: { replicas: size.brokers, roles: ['broker'], storage },
          },
        ];

  const kafka: RenderedObject = {
    apiVersion,
    kind: 'Kafka',
    metadata: metadata(spec.name),
    spec: {
      kafka: {
        listeners: [
          {
            name: 'tls',
            port: 9093,
            type: 'internal',
            tls: true,
            authentication: { type: 'tls' },
          },
        ],
        authorization: { type: 'simple' },
        config: {
          'offsets.topic.replication.factor': size.replicationFactor,
          'transaction.state.log.replication.factor': size.replicationFactor,
          'transaction.state.log.min.isr': size.minInsyncReplicas,
          'default.replication.factor': size.replicationFactor,
          'min.insync.replicas': size.minInsyncReplicas,
        },
      },
      entityOperator: { topicOperator: {}, userOperator: {} },
    },
  };

  const topics: RenderedObject[] = spec.topics.map(topic => ({
    apiVersion,
    kind: 'KafkaTopic',
    metadata: metadata(topic.name, clusterLabels),
    spec: {
      partitions: topic.partitions,
      replicas: topic.replicas ?? size.replicationFactor,
      ...(topic.config ? { config: topic.config } : {}),
    },
  }));

  return [...pools, kafka, ...topics];
}
