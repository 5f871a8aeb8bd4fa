import { CacheService } from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KafkaEntityStatusResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { defaultOperatorAdapters } from '@k8s-kafka/plugin-kafka-clusters-node';
import { Sandbox, SandboxCluster, startSandbox } from '@k8s-kafka/kube-sandbox';
import express from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { eventually, ID, orders } from '../../__testUtils__/entities';
import { manualClock, PendingWait } from '../../__testUtils__/manualClock';
import { recordingLogger } from '../../__testUtils__/recordingLogger';
import {
  ensureNamespace,
  put,
  strimziCluster,
} from '../../__testUtils__/sandboxObjects';
import { readFleetCacheSettings } from '../config';
import { createRouter } from '../router';
import { createServedStatuses } from '../aging';
import { createKafkaStatusService } from '../statusService';
import { createFleetCache, FleetCache } from './fleetCache';

jest.setTimeout(60_000);

const REDISCOVER_MS = 300_000;

const noCache: CacheService = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
  withOptions: () => noCache,
};

/**
 * A Kubernetes cluster that refuses connections, then comes back. Backoffs and rediscovery run
 * on a clock only the test moves: whatever reaches the cluster after it is back, without the
 * clock having moved, came from the recovery, not from a backoff that elapsed.
 */
describe('recovery of a Kubernetes cluster that went away', () => {
  let sandbox: Sandbox;
  let flaky: SandboxCluster;
  let fleet: FleetCache;
  let app: express.Express;
  const clock = manualClock();
  const { logger, lines } = recordingLogger();
  /** Group-resource → how many feeds list and watch it. */
  let feeds: Record<string, number>;
  let feedCount: number;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-recovery-')),
      clusters: [{ name: 'flaky', crdSets: ['strimzi-1.2.0'] }],
    });
    flaky = sandbox.cluster('flaky');
    ensureNamespace(flaky, 'orders');
    strimziCluster({
      namespace: 'orders',
      name: 'orders-kafka',
      labels: { [ID]: 'orders' },
    }).forEach(o => put(flaky, o));

    const config = mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'flaky',
                  url: flaky.url,
                  caFile: flaky.caFile,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: flaky.token,
                },
              ],
            },
          ],
        },
        kafkaClusters: {
          cache: {
            rebuildEveryMilliseconds: 100,
            rediscoverEverySeconds: REDISCOVER_MS / 1000,
          },
        },
      },
    });
    const catalog = catalogServiceMock({ entities: [orders] });
    const settings = readFleetCacheSettings(config);
    fleet = createFleetCache({
      config,
      logger,
      auth: mockServices.auth(),
      catalog,
      adapters: defaultOperatorAdapters,
      settings,
      schedule: clock.schedule,
    });
    await fleet.start();
    await fleet.firstSync();

    // Every feed listed once to sync: the sandbox's log says which feeds there are.
    feeds = Object.fromEntries(
      Object.entries(flaky.requests().resources)
        .filter(([, verbs]) => verbs.list)
        .map(([resource, verbs]) => [resource, verbs.list]),
    );
    feedCount = Object.values(feeds).reduce((a, b) => a + b, 0);

    const statusService = createKafkaStatusService({
      fleet,
      catalog,
      permissions: mockServices.permissions.mock({
        authorize: async () => [{ result: AuthorizeResult.ALLOW }],
      }),
      cache: noCache,
      logger,
      served: createServedStatuses({ fleet, thresholds: settings.thresholds }),
    });
    app = express()
      .use(
        await createRouter({
          httpAuth: mockServices.httpAuth(),
          statusService,
        }),
      )
      .use(mockErrorHandler());
  });

  afterAll(async () => {
    fleet?.stop();
    await sandbox?.stop();
    if (sandbox) fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
  });

  const entity = async () => {
    const res = await request(app).get('/entities/default/component/orders');
    expect(res.status).toBe(200);
    return res.body as KafkaEntityStatusResponse;
  };
  const backoffs = () => clock.pending().filter(w => w.ms !== REDISCOVER_MS);
  const rediscovery = () =>
    clock.pending().find(w => w.ms === REDISCOVER_MS) as PendingWait;
  /** Until every feed has failed and waits out a backoff. */
  const allFeedsWaiting = () =>
    eventually(async () => expect(backoffs()).toHaveLength(feedCount));

  async function goAway() {
    await eventually(async () => {
      const body = await entity();
      expect(body.clusters.map(c => c.ref.name)).toEqual(['orders-kafka']);
      expect(body.errors).toEqual([]);
    });
    await flaky.faults.set({ refuseConnections: true });
    await allFeedsWaiting();
  }

  /** What reached the cluster after it came back: every feed listed or watched again, or not. */
  function feedsAskedAgain() {
    const resources = flaky.requests().resources;
    return Object.fromEntries(
      Object.keys(feeds).map(resource => [
        resource,
        (resources[resource]?.list ?? 0) + (resources[resource]?.watch ?? 0) >=
          feeds[resource],
      ]),
    );
  }
  const everyFeed = (value: boolean) =>
    Object.fromEntries(Object.keys(feeds).map(resource => [resource, value]));

  it('brings every feed back, and discovery, as soon as one feed reaches the cluster again; meanwhile the entity shows one error', async () => {
    await goAway();
    const discoveryFailedAfter = Date.now();
    rediscovery().fire();
    await eventually(async () =>
      expect(lines.map(l => l.message)).toContainEqual(
        expect.stringMatching(/^Cannot discover the operators/),
      ),
    );
    // A long outage: three more failures each, so every feed would now wait 8–16 s.
    for (let round = 0; round < 3; round++) {
      backoffs().forEach(wait => wait.fire());
      await allFeedsWaiting();
    }
    expect(Math.min(...backoffs().map(w => w.ms))).toBeGreaterThanOrEqual(
      8_000,
    );

    const down = (await entity()).errors.filter(e => e.cluster === 'flaky');
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({
      kind: 'unreachable',
      resource: expect.stringMatching(
        /kafkas\.kafka\.strimzi\.io.* and \d+ more/,
      ),
    });
    // Since the feeds failed, before discovery did.
    expect(Date.parse(down[0].since)).toBeLessThanOrEqual(discoveryFailedAfter);

    await flaky.faults.clear();
    flaky.requests.reset();
    backoffs()[0].fire();

    await eventually(async () => {
      expect(feedsAskedAgain()).toEqual(everyFeed(true));
      // Discovery had failed: asked again too (the group discovery is a non-resource request).
      expect(flaky.requests().nonResource).toBeGreaterThan(0);
      expect((await entity()).errors).toEqual([]);
    });
    expect(backoffs()).toEqual([]);
  });

  it('brings every feed back at once when a rediscovery reaches the cluster again', async () => {
    await goAway();
    await flaky.faults.clear();
    flaky.requests.reset();
    rediscovery().fire();

    await eventually(async () => {
      expect(feedsAskedAgain()).toEqual(everyFeed(true));
      expect((await entity()).errors).toEqual([]);
    });
    expect(backoffs()).toEqual([]);
  });
});
