import { KubeObject } from '../types';
import { namespace, service } from './apply';
import { kafka, nodePools, topic, user } from './strimzi';

/*
 * staging, run by Strimzi 0.51.0 (objects written at `v1beta2`, `v1` served too): the shipping
 * team's cluster with Kafka Connect and a connector, and MirrorMaker 2 copying the shipping
 * topics from production. A roll starts shortly after the fleet starts (the progressing demo).
 */

const API = 'kafka.strimzi.io/v1beta2';
const NS = 'shipping';
const CLUSTER = 'shipping-kafka';
const BOOTSTRAP = `${CLUSTER}-kafka-bootstrap.${NS}.svc:9092`;
/** The address prod-eu's `shared` reports for its external listener (CFK: `<bootstrapPrefix>.<domain>`). */
const SHARED_EXTERNAL = 'shared.shared.prod-eu.example.com:9092';

/** The cluster the progressing demo rolls. */
export const ROLLING_KAFKA = { namespace: NS, name: CLUSTER };

/** The objects of staging, in the order they are applied. */
export function staging(): KubeObject[] {
  const shipping = service('shipping');
  return [
    namespace(NS, { 'k8s-kafka.io/team': 'fulfilment' }),
    ...nodePools(API, NS, CLUSTER, '50Gi'),
    kafka(API, NS, CLUSTER, shipping, '4.2.0', '4.2-IV1'),
    topic(API, NS, CLUSTER, 'shipping-label-created', 6, shipping),
    topic(API, NS, CLUSTER, 'shipping-dispatched', 6, shipping),
    topic(API, NS, CLUSTER, 'shipping-delivered', 6, shipping),
    user(
      API,
      NS,
      CLUSTER,
      'shipping-api',
      'tls',
      'shipping-',
      ['Describe', 'Read', 'Write'],
      shipping,
    ),
    user(
      API,
      NS,
      CLUSTER,
      'shipping-connect',
      'scram-sha-512',
      'shipping-',
      ['Describe', 'Read', 'Write'],
      shipping,
    ),
    {
      apiVersion: API,
      kind: 'KafkaConnect',
      metadata: {
        name: 'shipping-connect',
        namespace: NS,
        labels: shipping,
        annotations: { 'strimzi.io/use-connector-resources': 'true' },
      },
      spec: {
        version: '4.2.0',
        replicas: 2,
        bootstrapServers: BOOTSTRAP,
        config: {
          'group.id': 'shipping-connect',
          'offset.storage.topic': 'shipping-connect-offsets',
          'config.storage.topic': 'shipping-connect-configs',
          'status.storage.topic': 'shipping-connect-status',
          'config.storage.replication.factor': 3,
          'offset.storage.replication.factor': 3,
          'status.storage.replication.factor': 3,
        },
        resources: {
          requests: { cpu: '500m', memory: '2Gi' },
          limits: { memory: '2Gi' },
        },
      },
    },
    {
      apiVersion: API,
      kind: 'KafkaConnector',
      metadata: {
        name: 'shipping-events-to-s3',
        namespace: NS,
        labels: { 'strimzi.io/cluster': 'shipping-connect', ...shipping },
      },
      spec: {
        class: 'io.confluent.connect.s3.S3SinkConnector',
        tasksMax: 2,
        config: {
          topics: 'shipping-dispatched,shipping-delivered',
          's3.bucket.name': 'shipping-events-staging',
          's3.region': 'eu-west-1',
          'flush.size': 1000,
          'storage.class': 'io.confluent.connect.s3.storage.S3Storage',
          'format.class': 'io.confluent.connect.s3.format.json.JsonFormat',
        },
      },
    },
    {
      apiVersion: API,
      kind: 'KafkaMirrorMaker2',
      metadata: { name: 'shipping-mirror', namespace: NS, labels: shipping },
      spec: {
        version: '4.2.0',
        replicas: 1,
        connectCluster: 'staging',
        clusters: [
          {
            // prod-eu's shared cluster through its external listener (load balancer, mTLS).
            alias: 'prod-eu',
            bootstrapServers: SHARED_EXTERNAL,
            tls: {
              trustedCertificates: [
                { secretName: 'prod-eu-cluster-ca-cert', pattern: '*.crt' },
              ],
            },
            authentication: {
              type: 'tls',
              certificateAndKey: {
                secretName: 'shipping-mirror-prod-eu',
                certificate: 'tls.crt',
                key: 'tls.key',
              },
            },
          },
          {
            alias: 'staging',
            bootstrapServers: BOOTSTRAP,
            config: {
              'config.storage.replication.factor': 3,
              'offset.storage.replication.factor': 3,
              'status.storage.replication.factor': 3,
            },
          },
        ],
        mirrors: [
          {
            sourceCluster: 'prod-eu',
            targetCluster: 'staging',
            sourceConnector: {
              tasksMax: 2,
              config: {
                'replication.factor': 3,
                'replication.policy.class':
                  'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
              },
            },
            checkpointConnector: {
              config: {
                'checkpoints.topic.replication.factor': 3,
                'replication.policy.class':
                  'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
              },
            },
            topicsPattern: 'shipping\\..*',
            groupsPattern: 'shipping-.*',
          },
        ],
      },
    },
  ];
}
