import { ConfigReader } from '@backstage/config';
import { readConfigClusters } from './readConfigClusters';

describe('readConfigClusters', () => {
  it('reads config clusters with their defaults, and the local kubectl proxy', () => {
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
                serviceAccountToken: 'token',
                caFile: '/tmp/ca.crt',
                dashboardUrl: 'https://dashboard.example.com',
              },
              { name: 'dev', url: 'https://dev:6443', skipTLSVerify: true },
            ],
          },
          { type: 'localKubectlProxy' },
          { type: 'catalog' },
        ],
      },
    });

    expect(readConfigClusters(config)).toEqual([
      {
        name: 'prod-eu',
        title: 'Production EU',
        url: 'https://127.0.0.1:6443',
        authProvider: 'serviceAccount',
        serviceAccountToken: 'token',
        caFile: '/tmp/ca.crt',
        skipTLSVerify: false,
        dashboardUrl: 'https://dashboard.example.com',
      },
      expect.objectContaining({ name: 'dev', skipTLSVerify: true }),
      expect.objectContaining({
        name: 'local',
        url: 'http://localhost:8001',
        authProvider: 'localKubectlProxy',
      }),
    ]);
  });

  it('returns nothing when the Kubernetes plugin is not configured', () => {
    expect(readConfigClusters(new ConfigReader({}))).toEqual([]);
  });

  it('refuses two clusters with the same name', () => {
    const cluster = { name: 'prod', url: 'https://a:6443' };
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [{ type: 'config', clusters: [cluster, cluster] }],
      },
    });
    expect(() => readConfigClusters(config)).toThrow(
      "Kubernetes cluster name 'prod' appears twice",
    );
  });
});
