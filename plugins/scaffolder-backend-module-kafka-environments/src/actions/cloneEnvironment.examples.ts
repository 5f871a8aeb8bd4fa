import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "An ephemeral clone of the live orders cluster on the dev cluster, with its orders topics mirrored and the orders-api group's offsets",
    example: YAML.stringify({
      steps: [
        {
          id: 'clone',
          action: 'kafka:environment:clone',
          name: 'Clone the orders Kafka environment',
          input: {
            sourceCluster: 'prod-us',
            sourceNamespace: 'orders',
            sourceName: 'orders-kafka',
            targetCluster: 'dev',
            namespace: 'team-a-orders-repro',
            expiresInHours: 48,
            data: { topics: ['orders-*'], groups: ['orders-api'] },
            delivery: 'apply',
          },
        },
      ],
    }),
  },
  {
    description:
      'A clone of the production files of a GitOps repository (fetched first), for a pull request',
    example: YAML.stringify({
      steps: [
        {
          id: 'fetch',
          action: 'fetch:plain',
          name: 'Fetch the production folder',
          input: {
            url: 'https://github.com/acme/gitops/tree/main/clusters/prod-eu/payments/payments-kafka',
            targetPath: 'source',
          },
        },
        {
          id: 'clone',
          action: 'kafka:environment:clone',
          name: 'Clone it for staging',
          input: {
            sourcePath: 'source',
            sourceRepoUrl: 'github.com?owner=acme&repo=gitops',
            sourceCluster: 'prod-eu',
            sourceNamespace: 'payments',
            sourceName: 'payments-kafka',
            targetCluster: 'staging',
            namespace: 'payments-repro',
            connectors: [],
          },
        },
      ],
    }),
  },
];
