import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render a development Strimzi environment, apply it to the dev cluster and wait until it is healthy',
    example: YAML.stringify({
      steps: [
        {
          id: 'kafka',
          action: 'kafka:environment:create',
          name: 'Render the Kafka environment',
          input: {
            name: 'team-a-kafka',
            namespace: 'team-a',
            operator: 'strimzi',
            targetCluster: 'dev',
            profile: 'dev',
            service: 'orders',
            owner: 'group:default/team-checkout',
          },
        },
        {
          id: 'apply',
          action: 'kafka:environment:apply',
          name: 'Apply it to dev',
          input: {
            cluster: 'dev',
            path: '${{ steps.kafka.output.path }}',
            waitUntilHealthy: true,
            timeoutSeconds: 600,
          },
        },
      ],
    }),
  },
  {
    description:
      'Check that an environment would apply (dryRun=All on the API server), writing nothing',
    example: YAML.stringify({
      steps: [
        {
          id: 'check',
          action: 'kafka:environment:apply',
          name: 'Check against dev',
          input: {
            cluster: 'dev',
            path: 'clusters/dev/team-a/team-a-kafka',
            dryRun: true,
          },
        },
      ],
    }),
  },
];
