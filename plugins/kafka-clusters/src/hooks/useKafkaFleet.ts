import { useApi } from '@backstage/frontend-plugin-api';
import { KafkaFleetResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { kafkaClustersApiRef } from '../api';
import { PolledValue, usePolledValue } from './usePolledValue';

/** Every Kafka cluster of every Kubernetes cluster, reloaded every `refreshIntervalSeconds`. */
export function useKafkaFleet(
  refreshIntervalSeconds: number,
): PolledValue<KafkaFleetResponse> {
  const api = useApi(kafkaClustersApiRef);
  return usePolledValue(() => api.getFleet(), refreshIntervalSeconds * 1000, [
    api,
  ]);
}
