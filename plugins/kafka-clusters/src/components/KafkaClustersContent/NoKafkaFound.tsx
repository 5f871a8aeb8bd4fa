import { Alert, Text } from '@backstage/ui';
import {
  ANNOTATION_KAFKA_CLUSTERS,
  KUBERNETES_ANNOTATIONS,
  RESOURCE_TYPES,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/** The empty state: no Kafka cluster matched, and the three ways to connect one. */
export function NoKafkaFound(props: { entityName: string }) {
  return (
    <Alert
      status="info"
      icon
      title={`No Kafka cluster found for ${props.entityName}`}
      description={
        <>
          <Text as="p">
            The backend finds an entity's Kafka clusters in one of three ways:
          </Text>
          <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
            <li>
              <Text>
                Its Kubernetes annotations (
                <code>{KUBERNETES_ANNOTATIONS.id}</code> or{' '}
                <code>{KUBERNETES_ANNOTATIONS.labelSelector}</code>) select a
                Kafka resource, or topics and users, by their labels.
              </Text>
            </li>
            <li>
              <Text>
                The annotation <code>{ANNOTATION_KAFKA_CLUSTERS}</code> names
                clusters as{' '}
                <code>
                  &lt;kubernetes cluster&gt;/&lt;namespace&gt;/&lt;kafka
                  name&gt;
                </code>
                , comma-separated.
              </Text>
            </li>
            <li>
              <Text>
                It <code>dependsOn</code> a Resource of type{' '}
                <code>{RESOURCE_TYPES.kafkaCluster}</code>, or is one.
              </Text>
            </li>
          </ul>
        </>
      }
    />
  );
}
