import {
  KafkaClusterStatus,
  KafkaComponentStatus,
  KafkaNodeStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ago, DAY, MINUTE } from './time';

const API = 'platform.confluent.io/v1beta1';
const NS = 'confluent';

function cfkNode(
  id: number,
  cr: 'kafka' | 'kraftcontroller',
  overrides: Partial<KafkaNodeStatus> = {},
): KafkaNodeStatus {
  const podName = `${cr}-${id}`;
  return {
    id,
    podName,
    pool: cr,
    roles: [cr === 'kafka' ? 'broker' : 'controller'],
    phase: 'Running',
    ready: true,
    readySince: ago(6 * DAY),
    restarts: 0,
    volumes: [
      {
        claimName: `data0-${podName}`,
        phase: 'Bound',
        bound: true,
        storageClass: 'premium-rwo',
      },
    ],
    currentRevision: true,
    health: 'healthy',
    ...overrides,
  };
}

function cfkComponent(
  type: KafkaComponentStatus['type'],
  kind: string,
  name: string,
  overrides: Partial<KafkaComponentStatus> = {},
): KafkaComponentStatus {
  return {
    type,
    resource: { kind, apiVersion: API, namespace: NS, name },
    name,
    health: 'healthy',
    reasons: [],
    desired: 1,
    ready: 1,
    phase: 'RUNNING',
    pods: [],
    connectors: [],
    ...overrides,
  };
}

/** A healthy Confluent for Kubernetes cluster with KRaft controllers and the whole platform around it. */
export function cfkHealthy(): KafkaClusterStatus {
  const kafka = {
    kind: 'Kafka',
    apiVersion: API,
    namespace: NS,
    name: 'kafka',
  };
  return {
    ref: { cluster: 'prod-us', namespace: NS, name: 'kafka' },
    operator: 'cfk',
    apiVersion: API,
    labels: { 'backstage.io/kubernetes-id': 'payments' },
    health: 'healthy',
    reasons: [],
    reconcile: {
      generation: 12,
      observedGeneration: 12,
      caughtUp: true,
      phase: 'RUNNING',
      rolling: false,
      conditions: [
        {
          type: 'platform.confluent.io/cluster-ready',
          status: 'True',
          lastTransitionTime: ago(6 * DAY),
        },
        {
          type: 'platform.confluent.io/rolling',
          status: 'False',
          lastTransitionTime: ago(6 * DAY),
        },
      ],
    },
    metadataMode: 'kraft',
    brokers: {
      desired: 3,
      ready: 3,
      members: [0, 1, 2].map(id => cfkNode(id, 'kafka')),
    },
    controllers: {
      desired: 3,
      ready: 3,
      members: [0, 1, 2].map(id => cfkNode(id, 'kraftcontroller')),
    },
    components: [
      cfkComponent('schema-registry', 'SchemaRegistry', 'schemaregistry', {
        endpoint: 'https://schemaregistry.confluent.svc.cluster.local:8081',
      }),
      cfkComponent('connect', 'Connect', 'connect', {
        desired: 2,
        ready: 2,
        connectors: [
          {
            name: 'payments-jdbc-source',
            resource: {
              kind: 'Connector',
              apiVersion: API,
              namespace: NS,
              name: 'payments-jdbc-source',
            },
            state: 'RUNNING',
            tasks: { total: 2, running: 2, failed: 0 },
            health: 'healthy',
            reasons: [],
          },
        ],
      }),
      cfkComponent('ksqldb', 'KsqlDB', 'ksqldb'),
      cfkComponent('control-center', 'ControlCenter', 'controlcenter', {
        endpoint: 'https://controlcenter.prod-us.example.com',
      }),
      cfkComponent('rest-proxy', 'KafkaRestProxy', 'kafkarestproxy'),
    ],
    topics: [
      {
        name: 'payments',
        resource: {
          kind: 'KafkaTopic',
          apiVersion: API,
          namespace: NS,
          name: 'payments',
        },
        labels: { 'backstage.io/kubernetes-id': 'payments' },
        partitions: 6,
        replicationFactor: 3,
        state: 'CREATED',
        health: 'healthy',
        reasons: [],
      },
    ],
    access: [
      {
        kind: 'ConfluentRolebinding',
        resource: {
          kind: 'ConfluentRolebinding',
          apiVersion: API,
          namespace: NS,
          name: 'payments-write',
        },
        labels: { 'backstage.io/kubernetes-id': 'payments' },
        principal: 'User:payments-service',
        role: 'DeveloperWrite',
        state: 'CREATED',
        health: 'healthy',
        reasons: [],
      },
    ],
    listeners: [
      {
        name: 'internal',
        type: 'internal',
        port: 9071,
        tls: true,
        authentication: 'mtls',
        bootstrapServers: 'kafka.confluent.svc.cluster.local:9071',
      },
      {
        name: 'external',
        type: 'loadBalancer',
        port: 9092,
        tls: true,
        authentication: 'plain',
        bootstrapServers: 'kafka.confluent.svc.cluster.local:9092',
        externalAddresses: ['kafka.prod-us.example.com:443'],
      },
    ],
    authorization: { type: 'rbac' },
    links: [
      {
        type: 'cluster-link',
        resource: {
          kind: 'ClusterLink',
          apiVersion: API,
          namespace: NS,
          name: 'from-onprem',
        },
        role: 'destination',
        linkName: 'from-onprem',
        peer: {
          bootstrapServers: 'kafka.dc1.example.com:9092',
          clusterId: 'onprem-7Hq2',
        },
        state: 'CREATED',
        mirrorTopics: [
          {
            name: 'ledger',
            sourceTopicName: 'ledger',
            status: 'ACTIVE',
            health: 'healthy',
          },
          {
            name: 'refunds',
            sourceTopicName: 'refunds',
            status: 'PAUSED',
            health: 'healthy',
          },
        ],
        health: 'healthy',
        reasons: [],
      },
    ],
    versions: { platform: '7.9.1', operator: '2.11.0', clusterId: 'lkc-9x2m1' },
    events: [],
    freshness: { observedAt: ago(3), ageSeconds: 3, stale: false },
    resource: kafka,
  };
}

/** CFK rolling the brokers after a spec change, with a failing mirror topic on its link. */
export function cfkRolling(): KafkaClusterStatus {
  const status = cfkHealthy();
  const rollingSince = ago(4 * MINUTE);
  const [link] = status.links;
  return {
    ...status,
    health: 'degraded',
    reasons: [
      {
        code: 'MirrorTopicFailed',
        severity: 'error',
        impact: 'degraded',
        message:
          'Mirror topic refunds of cluster link from-onprem is SOURCE_UNAVAILABLE',
        resource: link.resource,
        since: ago(20 * MINUTE),
        fix: 'Check that the source cluster is reachable and the link’s credentials are valid',
      },
      {
        code: 'RollInProgress',
        severity: 'info',
        impact: 'progressing',
        message:
          'CFK is rolling Kafka kafka: pod kafka-2 is on an older revision',
        resource: status.resource,
        since: rollingSince,
      },
    ],
    reconcile: {
      ...status.reconcile,
      generation: 13,
      observedGeneration: 13,
      rolling: true,
      rollingSince,
      conditions: [
        {
          type: 'platform.confluent.io/rolling',
          status: 'True',
          reason: 'RollingRestart',
          lastTransitionTime: rollingSince,
        },
      ],
    },
    brokers: {
      desired: 3,
      ready: 2,
      members: [
        cfkNode(0, 'kafka'),
        cfkNode(1, 'kafka'),
        cfkNode(2, 'kafka', {
          ready: false,
          readySince: rollingSince,
          currentRevision: false,
          terminating: true,
          health: 'progressing',
        }),
      ],
    },
    links: [
      {
        ...link,
        health: 'degraded',
        mirrorTopics: [
          {
            name: 'ledger',
            sourceTopicName: 'ledger',
            status: 'ACTIVE',
            health: 'healthy',
          },
          {
            name: 'refunds',
            sourceTopicName: 'refunds',
            status: 'SOURCE_UNAVAILABLE',
            health: 'degraded',
          },
        ],
      },
    ],
    events: [
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message:
          'Readiness probe failed: HTTP probe failed with statuscode: 503',
        count: 4,
        lastSeen: ago(30),
        object: { kind: 'Pod', namespace: NS, name: 'kafka-2' },
      },
    ],
  };
}

/** A CFK cluster on ZooKeeper whose reconciliation is blocked and whose ensemble lost quorum. */
export function cfkZookeeperQuorumLost(): KafkaClusterStatus {
  const status = cfkHealthy();
  const zk = {
    kind: 'Zookeeper',
    apiVersion: API,
    namespace: 'legacy',
    name: 'zookeeper',
  };
  const kafka = {
    kind: 'Kafka',
    apiVersion: API,
    namespace: 'legacy',
    name: 'kafka',
  };
  return {
    ...status,
    ref: { cluster: 'prod-us', namespace: 'legacy', name: 'kafka' },
    resource: kafka,
    labels: {},
    health: 'unhealthy',
    metadataMode: 'zookeeper',
    reasons: [
      {
        code: 'ControllerQuorumLost',
        severity: 'error',
        impact: 'unhealthy',
        message: '1/3 ZooKeeper nodes ready, below the quorum of 2',
        resource: zk,
        since: ago(7 * MINUTE),
      },
      {
        code: 'PvcPending',
        severity: 'error',
        impact: 'degraded',
        message:
          'PVC data-zookeeper-2 of pod zookeeper-2 is Pending: storageclass.storage.k8s.io "gp3" not found',
        resource: {
          kind: 'PersistentVolumeClaim',
          apiVersion: 'v1',
          namespace: 'legacy',
          name: 'data-zookeeper-2',
        },
        since: ago(7 * MINUTE),
        fix: 'Check that gp3 exists and its provisioner runs (kubectl get storageclass), or set another one in spec.storageClass of Zookeeper zookeeper',
      },
    ],
    reconcile: {
      ...status.reconcile,
      paused: {
        source: 'annotation',
        key: 'platform.confluent.io/block-reconcile',
        reason:
          'Reconciliation is blocked by the annotation platform.confluent.io/block-reconcile',
      },
    },
    controllers: {
      desired: 3,
      ready: 1,
      members: [
        {
          ...cfkNode(0, 'kraftcontroller'),
          podName: 'zookeeper-0',
          pool: 'zookeeper',
          roles: ['zookeeper'],
        },
        {
          ...cfkNode(1, 'kraftcontroller'),
          podName: 'zookeeper-1',
          pool: 'zookeeper',
          roles: ['zookeeper'],
          ready: false,
          restarts: 3,
          lastTermination: {
            reason: 'Error',
            exitCode: 1,
            at: ago(6 * MINUTE),
          },
          health: 'degraded',
        },
        {
          ...cfkNode(2, 'kraftcontroller'),
          podName: 'zookeeper-2',
          pool: 'zookeeper',
          roles: ['zookeeper'],
          phase: 'Pending',
          ready: false,
          volumes: [
            {
              claimName: 'data-zookeeper-2',
              phase: 'Pending',
              bound: false,
              storageClass: 'gp3',
            },
          ],
          health: 'degraded',
        },
      ],
    },
    components: [],
    topics: [],
    access: [],
    links: [],
    authorization: undefined,
    listeners: [
      {
        name: 'internal',
        type: 'internal',
        port: 9071,
        tls: false,
        authentication: 'none',
        bootstrapServers: 'kafka.legacy.svc.cluster.local:9071',
      },
    ],
    events: [
      {
        type: 'Warning',
        reason: 'ProvisioningFailed',
        message: 'storageclass.storage.k8s.io "gp3" not found',
        count: 12,
        lastSeen: ago(MINUTE),
        object: {
          kind: 'PersistentVolumeClaim',
          namespace: 'legacy',
          name: 'data-zookeeper-2',
        },
      },
    ],
  };
}
