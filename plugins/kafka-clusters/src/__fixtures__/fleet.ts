import {
  KafkaClusterStatus,
  KafkaFleetResponse,
  KafkaTopicStatus,
  summarizeKafkaCluster,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { cfkHealthy, cfkRolling, cfkZookeeperQuorumLost } from './cfk';
import { strimziCrashLooping, strimziHealthy } from './strimzi';
import { ago, HOUR, MINUTE } from './time';

/** A status the cache could not confirm for a while: the verdict is `unknown`. */
export function staleStatus(): KafkaClusterStatus {
  const status = strimziHealthy();
  const ref = { cluster: 'staging', namespace: 'search', name: 'search-kafka' };
  return {
    ...status,
    ref,
    resource: { ...status.resource, namespace: ref.namespace, name: ref.name },
    labels: {},
    health: 'unknown',
    reasons: [
      {
        code: 'DataStale',
        severity: 'warning',
        impact: 'unknown',
        message:
          'The status was last confirmed 14 min ago; the Kubernetes cluster staging cannot be read',
        resource: {
          ...status.resource,
          namespace: ref.namespace,
          name: ref.name,
        },
        since: ago(14 * MINUTE),
        fix: 'See the Kubernetes cluster’s error on the fleet page (credentials, network, API server)',
      },
    ],
    freshness: {
      observedAt: ago(14 * MINUTE),
      ageSeconds: 14 * MINUTE,
      stale: true,
    },
  };
}

/** Four Kubernetes clusters: two synced, one stale, one unreachable since it started. */
export function fleet(): KafkaFleetResponse {
  const statuses = [
    strimziHealthy(),
    cfkHealthy(),
    {
      ...strimziCrashLooping(),
      ref: { cluster: 'prod-eu', namespace: 'billing', name: 'billing-kafka' },
      labels: {},
    },
    {
      ...cfkRolling(),
      ref: { cluster: 'prod-us', namespace: 'ledger', name: 'ledger-kafka' },
      labels: { 'backstage.io/kubernetes-id': 'ledger' },
    },
    cfkZookeeperQuorumLost(),
    staleStatus(),
  ];
  return {
    clusters: statuses.map(status => summarizeKafkaCluster(status)),
    kubernetesClusters: [
      {
        name: 'prod-eu',
        title: 'Production EU',
        state: 'synced',
        lastSyncedAt: ago(5),
        ageSeconds: 5,
        operators: {
          cfk: { installed: false },
          strimzi: { installed: true, version: 'v1' },
        },
        kafkaClusters: 2,
        errors: [],
      },
      {
        name: 'prod-us',
        state: 'synced',
        lastSyncedAt: ago(3),
        ageSeconds: 3,
        operators: {
          cfk: { installed: true, version: 'v1beta1' },
          strimzi: { installed: false },
        },
        kafkaClusters: 3,
        errors: [],
      },
      {
        name: 'staging',
        state: 'stale',
        lastSyncedAt: ago(14 * MINUTE),
        ageSeconds: 14 * MINUTE,
        operators: {
          cfk: { installed: false },
          strimzi: { installed: true, version: 'v1beta2' },
        },
        kafkaClusters: 1,
        errors: [
          {
            cluster: 'staging',
            kind: 'unauthorized',
            message:
              'The service account token was rejected (401 Unauthorized)',
            since: ago(14 * MINUTE),
            resource: 'kafkas.kafka.strimzi.io',
          },
        ],
      },
      {
        name: 'dev-ap',
        state: 'failed',
        operators: { cfk: { installed: false }, strimzi: { installed: false } },
        kafkaClusters: 0,
        errors: [
          {
            cluster: 'dev-ap',
            kind: 'unreachable',
            message: 'connect ECONNREFUSED 10.20.0.1:6443',
            since: ago(2 * HOUR),
          },
        ],
      },
    ],
  };
}

/** `count` healthy topics named `events-0000` … and one failing `events-dlq`. */
export function manyTopics(count: number): KafkaTopicStatus[] {
  const topics: KafkaTopicStatus[] = [];
  for (let i = 0; i < count; i++) {
    const name = `events-${String(i).padStart(4, '0')}`;
    topics.push({
      name,
      resource: {
        kind: 'KafkaTopic',
        apiVersion: 'kafka.strimzi.io/v1',
        namespace: 'orders',
        name,
      },
      labels: {},
      partitions: (i % 12) + 1,
      replicationFactor: 3,
      state: 'Ready',
      health: 'healthy',
      reasons: [],
    });
  }
  topics.push({
    name: 'events-dlq',
    resource: {
      kind: 'KafkaTopic',
      apiVersion: 'kafka.strimzi.io/v1',
      namespace: 'orders',
      name: 'events-dlq',
    },
    labels: {},
    partitions: 3,
    replicationFactor: 4,
    state: 'NotReady',
    health: 'degraded',
    reasons: [
      {
        code: 'ResourceFailed',
        severity: 'error',
        impact: 'degraded',
        message:
          'Replication factor 4 is larger than the number of brokers (3)',
        resource: {
          kind: 'KafkaTopic',
          apiVersion: 'kafka.strimzi.io/v1',
          namespace: 'orders',
          name: 'events-dlq',
        },
        since: ago(HOUR),
        fix: 'Correct the spec of KafkaTopic events-dlq as the message says; Strimzi retries on its next reconcile',
      },
    ],
  });
  return topics;
}
