import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A small Strimzi cluster with one topic, labelled for the orders service',
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
            size: 'small',
            kubernetesId: 'orders',
            topics: [{ name: 'orders-created', partitions: 6 }],
          },
        },
      ],
    }),
  },
  {
    description: 'A single-node CFK cluster for development',
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
            size: 'dev',
            topics: [{ name: 'payments', partitions: 1 }],
          },
        },
      ],
    }),
  },
];
