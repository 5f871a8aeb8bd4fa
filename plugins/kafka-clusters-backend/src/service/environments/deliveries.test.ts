import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ClusterDetails } from '@k8s-kafka/plugin-kafka-clusters-node';
import { recordingLogger } from '../../__testUtils__/recordingLogger';
import { createEnvironmentDeliveriesService } from './deliveries';

const TOKEN = 'ghp_not-a-real-token-but-secret-all-the-same';
const PRIVATE_KEY =
  '-----BEGIN RSA PRIVATE KEY-----\nnot-a-real-key\n-----END RSA PRIVATE KEY-----';

const cluster = (name: string, title?: string): ClusterDetails => ({
  name,
  title,
  url: `https://${name}.example.com`,
  authMetadata: {},
});

function service(options: {
  config: object;
  known?: ClusterDetails[];
  decision?: PolicyDecision;
}) {
  const { logger, lines } = recordingLogger();
  const permissions = mockServices.permissions.mock({
    authorizeConditional: jest.fn(async () => [
      options.decision ?? { result: AuthorizeResult.ALLOW },
    ]),
  });
  const deliveries = createEnvironmentDeliveriesService({
    config: new ConfigReader(options.config),
    clusters: {
      listClusters: async () => ({ clusters: options.known ?? [] }),
    },
    permissions,
    logger,
  });
  return { deliveries, permissions, lines };
}

const credentials = mockCredentials.user('user:default/alice');

const APPLY_CONFIG = {
  kafkaClusters: {
    kubernetesClusters: {
      dev: {
        apply: {
          enabled: true,
          namespaces: ['team-*'],
          createNamespaces: true,
        },
      },
      staging: { apply: { enabled: false, namespaces: ['shipping'] } },
      // Enabled, but no namespace accepts it.
      'prod-eu': { apply: { enabled: true } },
      // Enabled for a cluster the Kubernetes configuration does not have.
      ghost: { apply: { enabled: true, namespaces: ['*'] } },
      'prod-us': { namespaces: ['orders'] },
    },
  },
};
const KNOWN = [
  cluster('prod-eu'),
  cluster('prod-us'),
  cluster('staging'),
  cluster('dev', 'Development'),
];

describe('environment deliveries', () => {
  it('offers nothing on a portal without a GitHub integration or a cluster open to apply', async () => {
    const { deliveries, permissions } = service({
      config: {},
      known: KNOWN,
    });
    await expect(deliveries.getDeliveries({ credentials })).resolves.toEqual({
      pullRequest: { available: false, hosts: [] },
      apply: { available: false, clusters: [] },
    });
    // Nothing to authorize without a cluster to offer.
    expect(permissions.authorizeConditional).not.toHaveBeenCalled();
  });

  it('offers pull requests on the GitHub hosts with a token or an app, and sends neither', async () => {
    const { deliveries } = service({
      config: {
        integrations: {
          github: [
            { host: 'github.com', token: TOKEN },
            {
              host: 'ghe.example.com',
              apiBaseUrl: 'https://ghe.example.com/api/v3',
              apps: [
                {
                  appId: 1,
                  clientId: 'client-id',
                  clientSecret: 'client-secret',
                  webhookSecret: 'webhook-secret',
                  privateKey: PRIVATE_KEY,
                },
              ],
            },
            // Anonymous access cannot open a pull request.
            {
              host: 'anonymous.example.com',
              apiBaseUrl: 'https://anonymous.example.com/api/v3',
            },
          ],
        },
      },
    });
    const response = await deliveries.getDeliveries({ credentials });
    expect(response.pullRequest).toEqual({
      available: true,
      hosts: ['github.com', 'ghe.example.com'],
    });
    const text = JSON.stringify(response);
    for (const secret of [
      TOKEN,
      PRIVATE_KEY,
      'client-secret',
      'webhook-secret',
      'not-a-real-key',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('offers the configured clusters whose apply is enabled for some namespace, with their titles', async () => {
    const { deliveries, permissions, lines } = service({
      config: APPLY_CONFIG,
      known: KNOWN,
    });
    await expect(deliveries.getDeliveries({ credentials })).resolves.toEqual({
      pullRequest: { available: false, hosts: [] },
      apply: {
        available: true,
        clusters: [
          {
            name: 'dev',
            title: 'Development',
            namespaces: ['team-*'],
            createNamespaces: true,
          },
        ],
      },
    });
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'kafka-clusters.environment.apply',
          }),
        },
      ],
      { credentials },
    );
    await deliveries.getDeliveries({ credentials });
    expect(lines.filter(l => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        message:
          "kafkaClusters.kubernetesClusters.ghost.apply is enabled, but kubernetes.clusterLocatorMethods has no cluster 'ghost': it is not offered for direct apply",
      },
    ]);
  });

  it('offers no cluster to a caller the apply permission denies outright', async () => {
    const { deliveries } = service({
      config: APPLY_CONFIG,
      known: KNOWN,
      decision: { result: AuthorizeResult.DENY },
    });
    const response = await deliveries.getDeliveries({ credentials });
    expect(response.apply).toEqual({ available: false, clusters: [] });
  });

  it('keeps the clusters on a conditional decision, which depends on the namespace not chosen yet', async () => {
    const { deliveries } = service({
      config: APPLY_CONFIG,
      known: KNOWN,
      decision: {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'kafka-environment-target',
        conditions: {
          rule: 'IS_IN_NAMESPACE',
          resourceType: 'kafka-environment-target',
          params: { namespaces: ['team-a'] },
        },
      },
    });
    const response = await deliveries.getDeliveries({ credentials });
    expect(response.apply.clusters.map(c => c.name)).toEqual(['dev']);
  });
});
