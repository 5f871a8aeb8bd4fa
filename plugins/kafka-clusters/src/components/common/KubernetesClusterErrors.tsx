import { Alert, Flex } from '@backstage/ui';
import {
  KubernetesClusterError,
  KubernetesClusterErrorKind,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { RelativeTime } from './RelativeTime';

const KIND_LABEL: Record<KubernetesClusterErrorKind, string> = {
  unauthorized: 'not authorized (401)',
  forbidden: 'forbidden (403)',
  unreachable: 'unreachable',
  timeout: 'timed out',
  'crds-missing': 'no Kafka operator installed',
  other: 'error',
};

/**
 * Errors of Kubernetes clusters, shown beside the Kafka clusters of the others: one
 * failing Kubernetes cluster never hides the rest.
 */
export function KubernetesClusterErrors(props: {
  errors: KubernetesClusterError[];
}) {
  if (props.errors.length === 0) return null;
  return (
    <Flex direction="column" gap="2">
      {props.errors.map((error, index) => (
        <Alert
          key={`${error.cluster}-${error.kind}-${index}`}
          status={error.kind === 'crds-missing' ? 'warning' : 'danger'}
          icon
          title={`Kubernetes cluster ${error.cluster}${
            error.namespace ? ` (namespace ${error.namespace})` : ''
          }: ${KIND_LABEL[error.kind]}`}
          description={
            <>
              {error.message}
              {error.resource ? ` (reading ${error.resource})` : ''}
              {' · '}
              <RelativeTime iso={error.since} prefix="since " />
            </>
          }
        />
      ))}
    </Flex>
  );
}
