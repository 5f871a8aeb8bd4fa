import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { KafkaEntityStatusResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { kafkaClustersApiRef } from '../../api';
import { usePolledValue } from '../../hooks/usePolledValue';

/**
 * The Kafka clusters of a service, as its Kafka tab reads them; loaded again when the
 * service changes, never polled (a form is not a dashboard).
 */
export function useServiceKafkaClusters(
  service: CompoundEntityRef | undefined,
) {
  const api = useApi(kafkaClustersApiRef);
  const key = service
    ? `${service.kind}:${service.namespace}/${service.name}`
    : '';
  return usePolledValue<KafkaEntityStatusResponse | undefined>(
    async () => (service ? api.getEntityStatus(service) : undefined),
    0,
    [api, key],
  );
}
