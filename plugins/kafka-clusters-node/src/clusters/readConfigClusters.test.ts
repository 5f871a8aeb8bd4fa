import { ConfigReader } from '@backstage/config';
import { readConfigClusters, usesCatalogClusters } from './readConfigClusters';

describe('readConfigClusters', () => {
  it('reads config clusters as the Kubernetes plugin does, and the local kubectl proxy', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod-eu',
                title: 'Production EU',
                url: 'https://127.0.0.1:6443',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'token',
                caFile: '/tmp/ca.crt',
                dashboardUrl: 'https://dashboard.example.com',
              },
              {
                name: 'eks',
                url: 'https://eks:443',
                authProvider: 'aws',
                assumeRole: 'arn:aws:iam::1:role/reader',
                skipTLSVerify: true,
              },
            ],
          },
          { type: 'localKubectlProxy' },
          { type: 'catalog' },
        ],
      },
    });

    expect(readConfigClusters(config)).toEqual([
      expect.objectContaining({
        name: 'prod-eu',
        title: 'Production EU',
        url: 'https://127.0.0.1:6443',
        caFile: '/tmp/ca.crt',
        skipTLSVerify: false,
        dashboardUrl: 'https://dashboard.example.com',
        authMetadata: {
          'kubernetes.io/auth-provider': 'serviceAccount',
          serviceAccountToken: 'token',
        },
      }),
      expect.objectContaining({
        name: 'eks',
        skipTLSVerify: true,
        authMetadata: {
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/reader',
        },
      }),
      expect.objectContaining({
        name: 'local',
        url: 'http://127.0.0.1:8001',
        skipTLSVerify: true,
        authMetadata: { 'kubernetes.io/auth-provider': 'localKubectlProxy' },
      }),
    ]);
    expect(usesCatalogClusters(config)).toBe(true);
  });

  it('returns nothing when the Kubernetes plugin is not configured', () => {
    const config = new ConfigReader({});
    expect(readConfigClusters(config)).toEqual([]);
    expect(usesCatalogClusters(config)).toBe(false);
  });

  it('refuses a cluster without an auth provider, naming it', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [{ name: 'prod', url: 'https://a:6443' }],
          },
        ],
      },
    });
    expect(() => readConfigClusters(config)).toThrow(
      "Kubernetes cluster 'prod' has no authProvider",
    );
  });

  it('refuses two clusters with the same name', () => {
    const cluster = {
      name: 'prod',
      url: 'https://a:6443',
      authProvider: 'serviceAccount',
    };
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'config', clusters: [cluster, cluster] },
        ],
      },
    });
    expect(() => readConfigClusters(config)).toThrow(
      "Kubernetes cluster name 'prod' appears twice",
    );
  });
});
