import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { clusterJson, entityStatusJson } from './json';
import { createResponseCache } from './responseCache';
import { KafkaStatusService } from './statusService';

/**
 * The entity ref of the route's parts. A part holding a separator (`component%2Fx`) would
 * read as another entity's ref, or as none at all.
 */
function entityRefOf(parts: Record<'namespace' | 'kind' | 'name', string>) {
  for (const [part, value] of Object.entries(parts)) {
    if (/[:/]/.test(value)) {
      throw new InputError(
        `Invalid entity ${part} '${value}': a part of an entity ref cannot contain ':' or '/'`,
      );
    }
  }
  return stringifyEntityRef(parts);
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  statusService: KafkaStatusService;
}): Promise<express.Router> {
  const { httpAuth, statusService } = options;
  const router = Router();
  const responses = createResponseCache();
  // Answers are reused within a second: the ages they carry are in whole seconds.
  const second = () => Math.floor(Date.now() / 1000);
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const { namespace, kind, name } = req.params;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const response = await statusService.getEntityStatus(
      entityRefOf({ namespace, kind, name }),
      { credentials },
    );
    responses.send(
      req,
      res,
      `entity:${response.entityRef}`,
      [second(), JSON.stringify(response.errors), ...response.clusters],
      () => entityStatusJson(response),
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
      const response = await statusService.getCluster(
        { cluster, namespace, name },
        { credentials },
      );
      responses.send(
        req,
        res,
        `cluster:${cluster}/${namespace}/${name}`,
        [second(), JSON.stringify(response.errors), response.status],
        () => clusterJson(response),
      );
    },
  );

  return router;
}
