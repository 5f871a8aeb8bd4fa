import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { kafkaClustersPlugin } from './plugin';

describe('kafkaClustersPlugin', () => {
  it('serves /health without credentials under its plugin id', async () => {
    const { server } = await startTestBackend({
      features: [kafkaClustersPlugin],
    });

    await request(server)
      .get('/api/kafka-clusters/health')
      .expect(200, { status: 'ok' });
  });

  it('registers its permissions with the permission framework', async () => {
    const { server } = await startTestBackend({
      features: [
        kafkaClustersPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });

    const res = await request(server).get(
      '/api/kafka-clusters/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual([
      expect.objectContaining({ name: 'kafka-clusters.status.read' }),
    ]);
  });
});
