import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  KAFKA_STATUS_SIGNAL_CHANNEL,
  KafkaEntityStatusResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { kafkaClustersApiRef } from '../api';
import { PolledValue, usePolledValue } from './usePolledValue';

/** The Kafka clusters of the entity in context, reloaded on each status signal, or every `refreshIntervalSeconds` without signals. */
export function useEntityKafkaStatus(
  refreshIntervalSeconds: number,
): PolledValue<KafkaEntityStatusResponse> {
  const api = useApi(kafkaClustersApiRef);
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  return usePolledValue(
    () => api.getEntityStatus(ref),
    refreshIntervalSeconds * 1000,
    [api, ref.kind, ref.namespace, ref.name],
    { signalChannel: KAFKA_STATUS_SIGNAL_CHANNEL },
  );
}
