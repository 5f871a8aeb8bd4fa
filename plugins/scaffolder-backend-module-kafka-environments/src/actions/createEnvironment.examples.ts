import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A staging Strimzi environment with Connect and two topics, for the orders service',
    example: YAML.stringify({
      steps: [
        {
          id: 'kafka',
          action: 'kafka:environment:create',
          name: 'Render the Kafka environment',
          input: {
            name: 'orders-kafka',
            namespace: 'orders',
            operator: 'strimzi',
            targetCluster: 'prod-us',
            profile: 'staging',
            service: 'orders',
            owner: 'group:default/team-checkout',
            topics: ['orders.created', { name: 'orders.audit', partitions: 1 }],
            components: { connect: true },
          },
        },
      ],
    }),
  },
  {
    description:
      'A single-node CFK environment with Schema Registry for development',
    example: YAML.stringify({
      steps: [
        {
          id: 'kafka',
          action: 'kafka:environment:create',
          name: 'Render the Kafka environment',
          input: {
            name: 'payments-dev',
            namespace: 'payments-dev',
            operator: 'cfk',
            targetCluster: 'prod-eu',
            profile: 'dev',
            service: 'payments',
            owner: 'group:default/team-checkout',
            topics: [{ name: 'payments.authorized', partitions: 1 }],
            components: { schemaRegistry: true },
          },
        },
      ],
    }),
  },
];
