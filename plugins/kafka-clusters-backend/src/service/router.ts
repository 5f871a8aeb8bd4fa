import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { KafkaStatusService } from './statusService';

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  statusService: KafkaStatusService;
}): Promise<express.Router> {
  const { httpAuth, statusService } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const { namespace, kind, name } = req.params;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await statusService.getEntityStatus(`${kind}:${namespace}/${name}`, {
        credentials,
      }),
    );
  });

  router.get('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await statusService.getFleet({ credentials }));
  });

  router.get(
    '/clusters/:cluster/namespaces/:namespace/kafkas/:name',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { cluster, namespace, name } = req.params;
      res.json(
        await statusService.getCluster(
          { cluster, namespace, name },
          { credentials },
        ),
      );
    },
  );

  return router;
}
