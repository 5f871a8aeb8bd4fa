import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createAuthStrategies, getClusterCredential } from './authStrategies';

describe('createAuthStrategies', () => {
  const strategyFor = createAuthStrategies({
    config: new ConfigReader({}),
    logger: mockServices.logger.mock(),
  });

  it('uses the configured service account token', async () => {
    await expect(
      getClusterCredential(
        {
          name: 'prod',
          url: 'https://a:6443',
          authMetadata: {
            'kubernetes.io/auth-provider': 'serviceAccount',
            serviceAccountToken: 'secret-token',
          },
        },
        strategyFor,
      ),
    ).resolves.toEqual({ type: 'bearer token', token: 'secret-token' });
  });

  it('connects anonymously through a local kubectl proxy', async () => {
    await expect(
      getClusterCredential(
        {
          name: 'local',
          url: 'http://127.0.0.1:8001',
          authMetadata: { 'kubernetes.io/auth-provider': 'localKubectlProxy' },
        },
        strategyFor,
      ),
    ).resolves.toEqual({ type: 'anonymous' });
  });

  it('explains why a per-user provider cannot feed a shared cache', () => {
    expect(() => strategyFor('oidc')).toThrow(
      /authenticates each browser user/,
    );
    expect(() => strategyFor('made-up')).toThrow(
      "Unknown authProvider 'made-up'",
    );
  });

  it('creates each strategy once', () => {
    expect(strategyFor('serviceAccount')).toBe(strategyFor('serviceAccount'));
  });
});
