import { KubeObject } from '../types';
import { namespace, service } from './apply';
import { kafka, nodePools, topic, user } from './strimzi';

/*
 * prod-us, run by Strimzi 1.2.0 (`v1` only): the orders team's cluster, whose broker
 * `orders-kafka-broker-2` keeps running out of memory (the degraded demo; the fleet injects the
 * crash loop when it seeds). Its `external` listener (a load balancer, TLS, SCRAM-SHA-512) is
 * what clients in other clusters reach it by, at the address its status reports.
 */

const API = 'kafka.strimzi.io/v1';
const NS = 'orders';
const CLUSTER = 'orders-kafka';

/** The broker the degraded demo crash-loops. */
export const CRASHING_BROKER = { namespace: NS, pod: `${CLUSTER}-broker-2` };

/** The objects of prod-us, in the order they are applied. */
export function prodUs(): KubeObject[] {
  const orders = service('orders');
  return [
    namespace(NS, { 'k8s-kafka.io/team': 'checkout' }),
    ...nodePools(API, NS, CLUSTER, '200Gi'),
    kafka(API, NS, CLUSTER, orders, '4.3.1', '4.3-IV0', [
      {
        name: 'external',
        port: 9094,
        type: 'loadbalancer',
        tls: true,
        authentication: { type: 'scram-sha-512' },
      },
    ]),
    topic(API, NS, CLUSTER, 'orders-created', 24, orders),
    topic(API, NS, CLUSTER, 'orders-cancelled', 12, orders),
    topic(API, NS, CLUSTER, 'orders-fulfilled', 12, orders),
    topic(API, NS, CLUSTER, 'orders-audit', 3, orders),
    user(
      API,
      NS,
      CLUSTER,
      'orders-api',
      'tls',
      'orders-',
      ['Describe', 'Read', 'Write'],
      orders,
    ),
    // What the platform keeps on production for clones' mirrors (kafka:environment:clone's
    // default data.sourceUser): read-only, every topic and group.
    {
      apiVersion: API,
      kind: 'KafkaUser',
      metadata: {
        name: 'clone-reader',
        namespace: NS,
        labels: { 'strimzi.io/cluster': CLUSTER },
      },
      spec: {
        authentication: { type: 'scram-sha-512' },
        authorization: {
          type: 'simple',
          acls: [
            {
              resource: { type: 'topic', name: '*', patternType: 'literal' },
              operations: ['Describe', 'DescribeConfigs', 'Read'],
            },
            {
              resource: { type: 'group', name: '*', patternType: 'literal' },
              operations: ['Describe', 'Read'],
            },
          ],
        },
      },
    },
    user(
      API,
      NS,
      CLUSTER,
      'orders-analytics',
      'scram-sha-512',
      'orders-',
      ['Describe', 'Read'],
      orders,
    ),
  ];
}
