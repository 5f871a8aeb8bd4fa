import {
  KafkaEntityStatusResponse,
  KafkaFleetResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { http, HttpResponse } from 'msw';

/** Where the test app's discovery puts the backends. */
export const BACKEND = 'http://localhost:7007/api';

/** Serves one entity's status, as the backend route does. */
export function entityStatusHandler(
  entity: { namespace: string; kind: string; name: string },
  body: () => KafkaEntityStatusResponse,
) {
  return http.get(
    `${BACKEND}/kafka-clusters/entities/${entity.namespace}/${entity.kind}/${entity.name}`,
    () => HttpResponse.json(body()),
  );
}

/** Serves the fleet, as the backend route does. */
export function fleetHandler(body: () => KafkaFleetResponse) {
  return http.get(`${BACKEND}/kafka-clusters/clusters`, () =>
    HttpResponse.json(body()),
  );
}

/** The Kubernetes plugin's cluster list, with dashboard URLs. */
export function kubernetesClustersHandler(
  items: { name: string; dashboardUrl?: string }[] = [],
) {
  return http.get(`${BACKEND}/kubernetes/clusters`, () =>
    HttpResponse.json({ items }),
  );
}
