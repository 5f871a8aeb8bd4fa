import { useApi } from '@backstage/frontend-plugin-api';
import {
  KAFKA_STATUS_SIGNAL_CHANNEL,
  KafkaFleetResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { kafkaClustersApiRef } from '../api';
import { PolledValue, usePolledValue } from './usePolledValue';

/** Every Kafka cluster of every Kubernetes cluster, reloaded on each status signal, or every `refreshIntervalSeconds` without signals. */
export function useKafkaFleet(
  refreshIntervalSeconds: number,
): PolledValue<KafkaFleetResponse> {
  const api = useApi(kafkaClustersApiRef);
  return usePolledValue(
    () => api.getFleet(),
    refreshIntervalSeconds * 1000,
    [api],
    { signalChannel: KAFKA_STATUS_SIGNAL_CHANNEL },
  );
}
