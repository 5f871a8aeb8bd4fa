import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KafkaClusterStatus,
  KafkaHealth,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { kafkaStatus } from '../__testUtils__/statusFixtures';
import { actionsOver } from './__testUtils__/actionsSetup';

function cluster(
  kubernetesCluster: string,
  name: string,
  health: KafkaHealth,
  overrides: Partial<KafkaClusterStatus> = {},
) {
  const resource = { kind: 'Kafka', namespace: 'kafka', name };
  return kafkaStatus(kubernetesCluster, 'kafka', name, {
    health,
    reasons:
      health === 'healthy'
        ? []
        : [
            {
              code: 'BrokersNotReady',
              severity: 'error',
              impact: health,
              message: `${name}: 2/3 brokers ready`,
              resource,
            },
          ],
    ...overrides,
  });
}

const fleet = {
  'prod-eu': [
    cluster('prod-eu', 'a', 'healthy'),
    cluster('prod-eu', 'b', 'degraded'),
    cluster('prod-eu', 'c', 'healthy', { operator: 'cfk' }),
  ],
  'prod-us': [
    cluster('prod-us', 'd', 'unhealthy'),
    cluster('prod-us', 'e', 'progressing'),
  ],
  staging: [
    cluster('staging', 'f', 'degraded', { operator: 'cfk' }),
    cluster('staging', 'g', 'healthy'),
  ],
};

async function allPages(
  invoke: (name: string, input: Record<string, any>) => Promise<any>,
  input: Record<string, any>,
) {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await invoke('list-kafka-clusters', {
      ...input,
      ...(cursor && { cursor }),
    });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

describe('list-kafka-clusters', () => {
  it('lists the fleet worst first, a page at a time, each cluster once', async () => {
    const { invoke } = actionsOver({ clusters: fleet });
    const pages = await allPages(invoke, { limit: 3 });
    expect(pages.map(p => p.clusters.length)).toEqual([3, 3, 1]);
    expect(pages.every(p => p.total === 7)).toBe(true);
    expect(pages[2].nextCursor).toBeUndefined();
    expect(pages.flatMap(p => p.clusters.map((c: any) => c.ref))).toEqual([
      'prod-us/kafka/d',
      'prod-eu/kafka/b',
      'staging/kafka/f',
      'prod-us/kafka/e',
      'prod-eu/kafka/a',
      'prod-eu/kafka/c',
      'staging/kafka/g',
    ]);
    expect(pages[0].clusters[0]).toEqual({
      ref: 'prod-us/kafka/d',
      operator: 'strimzi',
      health: 'unhealthy',
      topReason: {
        code: 'BrokersNotReady',
        message: {
          untrusted: { source: 'health-rule', text: 'd: 2/3 brokers ready' },
        },
      },
      reasonCount: 1,
      brokers: { desired: 3, ready: 3 },
      paused: false,
      stale: false,
    });
  });

  it('continues after the last cluster of a page even when the fleet changed in between', async () => {
    const clusters = { 'prod-eu': [...fleet['prod-eu']] };
    const { invoke } = actionsOver({ clusters });
    const first = await invoke('list-kafka-clusters', { limit: 2 });
    expect(first.clusters.map((c: any) => c.ref)).toEqual([
      'prod-eu/kafka/b',
      'prod-eu/kafka/a',
    ]);
    // A new cluster before the cursor neither shifts the next page nor repeats one.
    clusters['prod-eu'].unshift(cluster('prod-eu', 'aa', 'unhealthy'));
    const second = await invoke('list-kafka-clusters', {
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.clusters.map((c: any) => c.ref)).toEqual(['prod-eu/kafka/c']);
  });

  it('gives at most 50 clusters per call', async () => {
    const big = Array.from({ length: 60 }, (_, i) =>
      cluster('prod-eu', `k${String(i).padStart(2, '0')}`, 'healthy'),
    );
    const { invoke } = actionsOver({ clusters: { 'prod-eu': big } });
    const pages = await allPages(invoke, {});
    expect(pages.map(p => p.clusters.length)).toEqual([50, 10]);
    await expect(
      invoke('list-kafka-clusters', { limit: 51 }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('filters by verdict, operator and Kubernetes cluster', async () => {
    const { invoke } = actionsOver({ clusters: fleet });
    const refs = async (input: Record<string, any>) =>
      (await invoke('list-kafka-clusters', input)).clusters.map(
        (c: any) => c.ref,
      );
    expect(await refs({ health: ['degraded', 'unhealthy'] })).toEqual([
      'prod-us/kafka/d',
      'prod-eu/kafka/b',
      'staging/kafka/f',
    ]);
    expect(await refs({ operator: 'cfk' })).toEqual([
      'staging/kafka/f',
      'prod-eu/kafka/c',
    ]);
    const staging = await invoke('list-kafka-clusters', {
      kubernetesCluster: 'staging',
      health: ['healthy'],
    });
    expect(staging.clusters.map((c: any) => c.ref)).toEqual([
      'staging/kafka/g',
    ]);
    expect(staging.total).toBe(1);
    expect(staging.kubernetesClusters).toEqual([
      { name: 'staging', state: 'synced', kafkaClusters: 2, errors: [] },
    ]);
  });

  it('refuses a cursor it did not give', async () => {
    const { invoke } = actionsOver({ clusters: fleet });
    await expect(
      invoke('list-kafka-clusters', { cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('gives nothing without the permission of the routes', async () => {
    const { invoke } = actionsOver({
      clusters: fleet,
      result: AuthorizeResult.DENY,
    });
    await expect(invoke('list-kafka-clusters', {})).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('runs its examples', async () => {
    const { registry, invoke } = actionsOver({ clusters: fleet });
    const { actions } = await registry.list();
    const action = actions.find(a => a.name === 'list-kafka-clusters')!;
    expect(action.attributes).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
    });
    for (const example of action.examples ?? []) {
      await expect(
        invoke('list-kafka-clusters', example.input),
      ).resolves.toBeDefined();
    }
  });
});
