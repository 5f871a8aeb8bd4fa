import {
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KafkaClusterStatus,
  KubernetesClusterError,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { DEFAULT_HEALTH_THRESHOLDS } from '@k8s-kafka/plugin-kafka-clusters-node';
import { orders } from '../../__testUtils__/entities';
import { ClusterCache } from '../../service/cache/clusterCache';
import { FleetCache } from '../../service/cache/fleetCache';
import { createServedStatuses } from '../../service/aging';
import { createKafkaStatusService } from '../../service/statusService';
import { registerKafkaClustersActions } from '..';

/** A Kubernetes cluster's cache holding the given statuses and errors. */
function fakeCluster(
  name: string,
  statuses: KafkaClusterStatus[],
  errors: KubernetesClusterError[],
): ClusterCache {
  return {
    name,
    start() {},
    stop() {},
    statuses: () => statuses,
    withLabel: (key, value) =>
      statuses.filter(s =>
        [s.labels, ...s.topics.map(t => t.labels)].some(
          labels => labels?.[key] === value,
        ),
      ),
    errors: () => errors,
    observedAt: () => undefined,
    startedAt: () => undefined,
    cacheStatus: () => ({
      name,
      state: errors.length ? 'failed' : 'synced',
      operators: {
        cfk: { installed: false },
        strimzi: { installed: true, version: 'v1' },
      },
      kafkaClusters: statuses.length,
      errors,
    }),
    firstSync: async () => {},
  };
}

function fakeFleet(
  clusters: Record<string, KafkaClusterStatus[]>,
  errors: Record<string, KubernetesClusterError[]>,
): FleetCache {
  const names = [
    ...new Set([...Object.keys(clusters), ...Object.keys(errors)]),
  ];
  const map = new Map(
    names.map(n => [n, fakeCluster(n, clusters[n] ?? [], errors[n] ?? [])]),
  );
  return {
    async start() {},
    stop() {},
    clusters: () => map,
    allStatuses: () => [...map.values()].flatMap(c => [...c.statuses()]),
    find: ref =>
      map
        .get(ref.cluster)
        ?.statuses()
        .find(
          s => s.ref.namespace === ref.namespace && s.ref.name === ref.name,
        ),
    cacheStatuses: () => [...map.values()].map(c => c.cacheStatus()),
    firstSync: async () => {},
  };
}

const noCache: CacheService = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
  withOptions: () => noCache,
};

/**
 * The plugin's actions in a mock actions registry, answering through the real status service
 * over a fake fleet. The registry's ids are `test:<name>`.
 */
export function actionsOver(options: {
  clusters: Record<string, KafkaClusterStatus[]>;
  errors?: Record<string, KubernetesClusterError[]>;
  entities?: Entity[];
  result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const authorize = jest.fn(async () => [
    { result: options.result ?? AuthorizeResult.ALLOW },
  ]);
  const registry = actionsRegistryServiceMock();
  const fleet = fakeFleet(options.clusters, options.errors ?? {});
  const statusService = createKafkaStatusService({
    fleet,
    catalog: catalogServiceMock({ entities: options.entities ?? [orders] }),
    permissions: mockServices.permissions.mock({ authorize }),
    cache: noCache,
    logger: mockServices.logger.mock(),
    served: createServedStatuses({
      fleet,
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
    }),
  });
  registerKafkaClustersActions({ actionsRegistry: registry, statusService });
  const credentials: BackstageCredentials = mockCredentials.user();
  return {
    registry,
    authorize,
    credentials,
    /** The action's output; the registry has checked it against the output schema. */
    async invoke(
      name: string,
      input: Parameters<typeof registry.invoke>[0]['input'],
    ): Promise<any> {
      const { output } = await registry.invoke({
        id: `test:${name}`,
        input,
        credentials,
      });
      return output;
    },
  };
}
