import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleKafkaEnvironments } from './module';

describe('scaffolderModuleKafkaEnvironments', () => {
  it('adds the kafka:environment actions to the scaffolder', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleKafkaEnvironments,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost' } },
        }),
      ],
    });

    const res = await request(server).get('/api/scaffolder/v2/actions');
    expect(res.status).toBe(200);
    expect(res.body.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([
        'kafka:environment:create',
        'kafka:environment:apply',
      ]),
    );
  });

  it('registers kafka-clusters.environment.apply with its resource type and rules, for conditional policies', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleKafkaEnvironments,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost' } },
        }),
      ],
    });
    const res = await request(server).get(
      '/api/scaffolder/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions).toContainEqual(
      expect.objectContaining({
        name: 'kafka-clusters.environment.apply',
        resourceType: 'kafka-environment-target',
      }),
    );
    expect(
      res.body.rules
        .filter((r: any) => r.resourceType === 'kafka-environment-target')
        .map((r: any) => r.name)
        .sort(),
    ).toEqual(['IS_IN_CLUSTER', 'IS_IN_NAMESPACE']);
  });
});
