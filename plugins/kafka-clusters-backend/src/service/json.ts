import {
  KafkaClusterResponse,
  KafkaClusterStatus,
  KafkaEntityStatusResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';

// A status object is immutable once served (the cache hands out the same aged object for a
// second), so its JSON is computed once and reused by every request that shows it.
const serialized = new WeakMap<KafkaClusterStatus, string>();

function statusJson(status: KafkaClusterStatus): string {
  let json = serialized.get(status);
  if (json === undefined) {
    json = JSON.stringify(status);
    serialized.set(status, json);
  }
  return json;
}

/** The JSON of an entity's answer; serialising statuses dominated the route's CPU time. */
export function entityStatusJson(response: KafkaEntityStatusResponse): string {
  return (
    `{"entityRef":${JSON.stringify(response.entityRef)},` +
    `"health":${JSON.stringify(response.health)},` +
    `"clusters":[${response.clusters.map(statusJson).join(',')}],` +
    `"errors":${JSON.stringify(response.errors)}}`
  );
}

export function clusterJson(response: KafkaClusterResponse): string {
  return `{"status":${statusJson(response.status)},"errors":${JSON.stringify(
    response.errors,
  )}}`;
}
