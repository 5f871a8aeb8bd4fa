import { ANNOTATION_ENVIRONMENT_ID } from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * A development Strimzi environment (`kafka.strimzi.io/v1`: one dual-role node, its topics) as
 * kafka:environment:create writes one, every object with the environment id; written out here
 * so the apply tests do not follow changes to the rendering.
 */
export function strimziEnvironment(
  namespace: string,
  name: string,
  options: { id?: string; topics?: string[] } = {},
): Record<string, any>[] {
  const apiVersion = 'kafka.strimzi.io/v1';
  const labels = {
    'app.kubernetes.io/part-of': name,
    'app.kubernetes.io/managed-by': 'backstage',
  };
  const metadata = (
    objectName: string,
    extra: Record<string, string> = {},
  ) => ({
    name: objectName,
    namespace,
    labels: { ...labels, ...extra },
    annotations: { [ANNOTATION_ENVIRONMENT_ID]: options.id ?? `env-${name}` },
  });
  const cluster = { 'strimzi.io/cluster': name };
  return [
    {
      apiVersion,
      kind: 'KafkaNodePool',
      metadata: metadata(`${name}-dual-role`, cluster),
      spec: {
        replicas: 1,
        roles: ['controller', 'broker'],
        storage: {
          type: 'jbod',
          volumes: [
            {
              id: 0,
              type: 'persistent-claim',
              size: '10Gi',
              deleteClaim: false,
              kraftMetadata: 'shared',
            },
          ],
        },
      },
    },
    {
      apiVersion,
      kind: 'Kafka',
      metadata: metadata(name),
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
            'offsets.topic.replication.factor': 1,
            'transaction.state.log.replication.factor': 1,
            'transaction.state.log.min.isr': 1,
            'default.replication.factor': 1,
            'min.insync.replicas': 1,
          },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
    },
    ...(options.topics ?? [`${name}-events`]).map(topic => ({
      apiVersion,
      kind: 'KafkaTopic',
      metadata: metadata(topic, cluster),
      spec: { partitions: 3, replicas: 1 },
    })),
  ];
}
