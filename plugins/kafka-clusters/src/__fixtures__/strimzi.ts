import {
  KafkaClusterStatus,
  KafkaNodeStatus,
  KafkaTopicStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ago, DAY, HOUR, MINUTE } from './time';

const API = 'kafka.strimzi.io/v1';

function strimziNode(
  id: number,
  pool: 'broker' | 'controller',
  overrides: Partial<KafkaNodeStatus> = {},
): KafkaNodeStatus {
  const podName = `orders-kafka-${pool}-${id}`;
  return {
    id,
    podName,
    pool,
    roles: [pool],
    phase: 'Running',
    ready: true,
    readySince: ago(3 * DAY),
    restarts: 0,
    volumes: [
      {
        claimName: `data-0-${podName}`,
        phase: 'Bound',
        bound: true,
        storageClass: 'gp3',
      },
    ],
    currentRevision: true,
    nodeName: `ip-10-0-${id}-17.eu-west-1.compute.internal`,
    health: 'healthy',
    ...overrides,
  };
}

function strimziTopic(name: string, partitions: number): KafkaTopicStatus {
  return {
    name,
    resource: {
      kind: 'KafkaTopic',
      apiVersion: API,
      namespace: 'orders',
      name,
    },
    labels: {
      'strimzi.io/cluster': 'orders-kafka',
      'backstage.io/kubernetes-id': 'orders',
    },
    partitions,
    replicationFactor: 3,
    state: 'Ready',
    health: 'healthy',
    reasons: [],
  };
}

/** A healthy Strimzi cluster in KRaft mode with node pools, Connect, a bridge and MirrorMaker 2. */
export function strimziHealthy(): KafkaClusterStatus {
  const kafka = {
    kind: 'Kafka',
    apiVersion: API,
    namespace: 'orders',
    name: 'orders-kafka',
  };
  return {
    ref: { cluster: 'prod-eu', namespace: 'orders', name: 'orders-kafka' },
    operator: 'strimzi',
    apiVersion: API,
    labels: { 'backstage.io/kubernetes-id': 'orders' },
    health: 'healthy',
    reasons: [],
    reconcile: {
      generation: 4,
      observedGeneration: 4,
      caughtUp: true,
      rolling: false,
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: ago(3 * DAY) },
      ],
    },
    metadataMode: 'kraft',
    metadataState: 'KRaft',
    brokers: {
      desired: 3,
      ready: 3,
      members: [0, 1, 2].map(id => strimziNode(id, 'broker')),
    },
    controllers: {
      desired: 3,
      ready: 3,
      members: [3, 4, 5].map(id => strimziNode(id, 'controller')),
    },
    components: [
      {
        type: 'entity-operator',
        resource: kafka,
        name: 'orders-kafka-entity-operator',
        health: 'healthy',
        reasons: [],
        desired: 1,
        ready: 1,
        pods: [],
        connectors: [],
      },
      {
        type: 'connect',
        resource: {
          kind: 'KafkaConnect',
          apiVersion: API,
          namespace: 'orders',
          name: 'orders-connect',
        },
        name: 'orders-connect',
        health: 'healthy',
        reasons: [],
        desired: 2,
        ready: 2,
        endpoint: 'http://orders-connect-connect-api.orders.svc:8083',
        pods: [],
        connectors: [
          {
            name: 'orders-to-s3',
            resource: {
              kind: 'KafkaConnector',
              apiVersion: API,
              namespace: 'orders',
              name: 'orders-to-s3',
            },
            state: 'RUNNING',
            tasks: { total: 4, running: 4, failed: 0 },
            health: 'healthy',
            reasons: [],
          },
        ],
      },
      {
        type: 'bridge',
        resource: {
          kind: 'KafkaBridge',
          apiVersion: API,
          namespace: 'orders',
          name: 'orders-bridge',
        },
        name: 'orders-bridge',
        health: 'healthy',
        reasons: [],
        desired: 1,
        ready: 1,
        endpoint: 'http://orders-bridge-bridge-service.orders.svc:8080',
        pods: [],
        connectors: [],
      },
    ],
    topics: [
      strimziTopic('orders', 12),
      strimziTopic('orders-dlq', 3),
      strimziTopic('order-events', 24),
    ],
    access: [
      {
        kind: 'KafkaUser',
        resource: {
          kind: 'KafkaUser',
          apiVersion: API,
          namespace: 'orders',
          name: 'orders-app',
        },
        labels: { 'strimzi.io/cluster': 'orders-kafka' },
        principal: 'User:CN=orders-app',
        authentication: 'tls',
        state: 'Ready',
        health: 'healthy',
        reasons: [],
      },
      {
        kind: 'KafkaUser',
        resource: {
          kind: 'KafkaUser',
          apiVersion: API,
          namespace: 'orders',
          name: 'analytics-reader',
        },
        labels: { 'strimzi.io/cluster': 'orders-kafka' },
        principal: 'User:analytics-reader',
        authentication: 'scram-sha-512',
        state: 'Ready',
        health: 'healthy',
        reasons: [],
      },
    ],
    listeners: [
      {
        name: 'plain',
        type: 'internal',
        port: 9092,
        tls: false,
        authentication: 'none',
        bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9092',
      },
      {
        name: 'tls',
        type: 'internal',
        port: 9093,
        tls: true,
        authentication: 'tls',
        bootstrapServers: 'orders-kafka-kafka-bootstrap.orders.svc:9093',
      },
      {
        name: 'external',
        type: 'route',
        port: 9094,
        tls: true,
        authentication: 'scram-sha-512',
        bootstrapServers:
          'orders-kafka-kafka-external-bootstrap.orders.svc:9094',
        externalAddresses: [
          'orders-kafka-bootstrap.apps.prod-eu.example.com:443',
        ],
      },
    ],
    authorization: { type: 'simple' },
    links: [
      {
        type: 'mirror-maker-2',
        resource: {
          kind: 'KafkaMirrorMaker2',
          apiVersion: API,
          namespace: 'orders',
          name: 'orders-dr',
        },
        role: 'source',
        linkName: 'prod-eu->dr-eu',
        peer: {
          bootstrapServers:
            'orders-kafka-dr-kafka-bootstrap.orders-dr.svc:9093',
        },
        state: 'Ready',
        topicsPattern: 'orders.*',
        mirrorTopics: [],
        health: 'healthy',
        reasons: [],
      },
    ],
    versions: {
      kafka: '4.1.0',
      metadataVersion: '4.1-IV1',
      operator: '0.48.0',
      clusterId: 'Zq3wLh6xT9uK1m2n3o4p5Q',
    },
    events: [],
    freshness: { observedAt: ago(5), ageSeconds: 5, stale: false },
    resource: kafka,
  };
}

/** The same cluster with broker 2 crash-looping after running out of memory. */
export function strimziCrashLooping(): KafkaClusterStatus {
  const status = strimziHealthy();
  const broker2 = 'orders-kafka-broker-2';
  const since = ago(12 * MINUTE);
  return {
    ...status,
    health: 'degraded',
    reasons: [
      {
        code: 'PodCrashLooping',
        severity: 'error',
        impact: 'degraded',
        message: `Container kafka of pod ${broker2} is in CrashLoopBackOff after 7 restarts; last terminated OOMKilled (exit code 137)`,
        resource: {
          kind: 'Pod',
          apiVersion: 'v1',
          namespace: 'orders',
          name: broker2,
        },
        since,
        fix: 'The container ran out of memory: raise spec.resources.limits.memory (and the JVM heap in spec.jvmOptions) of KafkaNodePool broker',
      },
      {
        code: 'BrokersNotReady',
        severity: 'error',
        impact: 'degraded',
        message: '2/3 brokers ready and no change in progress explains it',
        resource: status.resource,
        since,
      },
    ],
    brokers: {
      desired: 3,
      ready: 2,
      members: [
        strimziNode(0, 'broker'),
        strimziNode(1, 'broker'),
        strimziNode(2, 'broker', {
          ready: false,
          readySince: since,
          restarts: 7,
          waitingReason: 'CrashLoopBackOff',
          lastTermination: {
            reason: 'OOMKilled',
            exitCode: 137,
            at: ago(2 * MINUTE),
          },
          health: 'degraded',
        }),
      ],
    },
    events: [
      {
        type: 'Warning',
        reason: 'BackOff',
        message:
          'Back-off restarting failed container kafka in pod orders-kafka-broker-2',
        count: 31,
        firstSeen: since,
        lastSeen: ago(40),
        object: { kind: 'Pod', namespace: 'orders', name: broker2 },
      },
    ],
  };
}

/** Strimzi in the middle of a ZooKeeper to KRaft migration, with reconciliation paused. */
export function strimziMigratingPaused(): KafkaClusterStatus {
  const status = strimziHealthy();
  return {
    ...status,
    ref: { ...status.ref, name: 'legacy-kafka' },
    resource: { ...status.resource, name: 'legacy-kafka' },
    health: 'progressing',
    metadataMode: 'migrating',
    metadataState: 'KRaftDualWriting',
    reasons: [
      {
        code: 'MetadataMigration',
        severity: 'info',
        impact: 'progressing',
        message:
          'Kafka legacy-kafka is migrating its metadata from ZooKeeper to KRaft (KRaftDualWriting)',
        resource: { ...status.resource, name: 'legacy-kafka' },
        since: ago(2 * HOUR),
      },
      {
        code: 'ReconciliationPaused',
        severity: 'info',
        impact: 'healthy',
        message:
          'Reconciliation is paused by the annotation strimzi.io/pause-reconciliation',
        resource: { ...status.resource, name: 'legacy-kafka' },
        since: ago(45 * MINUTE),
        fix: 'Remove the annotation strimzi.io/pause-reconciliation when the maintenance is over',
      },
    ],
    reconcile: {
      ...status.reconcile,
      generation: 9,
      observedGeneration: 8,
      caughtUp: false,
      paused: {
        source: 'annotation',
        key: 'strimzi.io/pause-reconciliation',
        reason: 'Storage migration by the platform team',
        since: ago(45 * MINUTE),
      },
    },
  };
}
