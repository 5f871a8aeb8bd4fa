import { Entity } from '@backstage/catalog-model';

/** A service the Kubernetes annotations tie to its Kafka cluster. */
export const ordersService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'orders',
      'backstage.io/kubernetes-namespace': 'orders',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
};

/** A service that only depends on a shared cluster's Resource. */
export const paymentsService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  relations: [
    {
      type: 'dependsOn',
      targetRef: 'resource:default/prod-us_confluent_kafka',
    },
  ],
};

/**
 * The Strimzi cluster `prod-eu/orders/orders-kafka` as the catalog module writes it, plus a
 * Grafana link someone added.
 */
export const ordersKafkaResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod-eu_orders_orders-kafka',
    namespace: 'default',
    title: 'orders-kafka (prod-eu/orders)',
    annotations: {
      'k8s-kafka.io/kafka-ref': 'prod-eu/orders/orders-kafka',
      'backstage.io/kubernetes-cluster': 'prod-eu',
      'backstage.io/kubernetes-namespace': 'orders',
      'backstage.io/kubernetes-label-selector':
        'strimzi.io/cluster=orders-kafka',
    },
    links: [
      {
        url: 'https://dashboard.prod-eu.example.com',
        title: 'Kubernetes dashboard of prod-eu',
        type: 'dashboard',
      },
      {
        url: 'https://grafana.example.com/d/kafka?var-cluster=orders-kafka',
        title: 'Grafana: orders-kafka',
      },
    ],
  },
  spec: { type: 'kafka-cluster', owner: 'group:default/team-platform' },
};

/** The CFK cluster `prod-us/confluent/kafka` as the catalog module writes it. */
export const paymentsKafkaResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod-us_confluent_kafka',
    namespace: 'default',
    title: 'kafka (prod-us/confluent)',
    annotations: {
      'k8s-kafka.io/kafka-ref': 'prod-us/confluent/kafka',
      'backstage.io/kubernetes-cluster': 'prod-us',
      'backstage.io/kubernetes-namespace': 'confluent',
      'backstage.io/kubernetes-label-selector': 'app=kafka',
    },
  },
  spec: { type: 'kafka-cluster', owner: 'team-streaming' },
};

/** A service the backend cannot match to any Kafka cluster. */
export const websiteService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default' },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-web' },
};

/** A service whose Kubernetes id labels the Kafka cluster `prod-us/ledger/ledger-kafka`. */
export const ledgerService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'ledger' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-finance' },
};
