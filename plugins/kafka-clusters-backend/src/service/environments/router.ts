import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { EnvironmentDeliveriesService } from './deliveries';

/** The routes of self-service environments, beside the status routes. */
export async function createEnvironmentsRouter(options: {
  httpAuth: HttpAuthService;
  deliveries: EnvironmentDeliveriesService;
}): Promise<express.Router> {
  const { httpAuth, deliveries } = options;
  const router = Router();

  router.get('/environments/deliveries', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await deliveries.getDeliveries({ credentials }));
  });

  return router;
}
