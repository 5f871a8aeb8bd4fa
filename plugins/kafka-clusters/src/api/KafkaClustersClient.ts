import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  KafkaClusterRef,
  KafkaClusterResponse,
  KafkaEntityStatusResponse,
  KafkaEnvironmentDeliveriesResponse,
  KafkaFleetResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { KafkaClustersApi } from './KafkaClustersApi';

const PLUGIN_ID = 'kafka-clusters';

/**
 * {@link KafkaClustersApi} over HTTP, against the kafka-clusters backend plugin.
 *
 * @public
 */
export class KafkaClustersClient implements KafkaClustersApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getEntityStatus(
    entityRef: CompoundEntityRef,
  ): Promise<KafkaEntityStatusResponse> {
    const { namespace, kind, name } = entityRef;
    return this.#get(
      PLUGIN_ID,
      `/entities/${encodeSegment(namespace)}/${encodeSegment(
        kind.toLocaleLowerCase('en-US'),
      )}/${encodeSegment(name)}`,
    );
  }

  async getFleet(): Promise<KafkaFleetResponse> {
    return this.#get(PLUGIN_ID, '/clusters');
  }

  async getCluster(ref: KafkaClusterRef): Promise<KafkaClusterResponse> {
    return this.#get(
      PLUGIN_ID,
      `/clusters/${encodeSegment(ref.cluster)}/namespaces/${encodeSegment(
        ref.namespace,
      )}/kafkas/${encodeSegment(ref.name)}`,
    );
  }

  async getEnvironmentDeliveries(): Promise<KafkaEnvironmentDeliveriesResponse> {
    return this.#get(PLUGIN_ID, '/environments/deliveries');
  }

  async getKubernetesDashboards(): Promise<Record<string, string>> {
    // A convenience for links: a portal without the Kubernetes backend, or a user it
    // refuses, still gets every Kafka status, only without dashboard links.
    try {
      const body = await this.#get<{
        items?: { name: string; dashboardUrl?: string }[];
      }>('kubernetes', '/clusters');
      const dashboards: Record<string, string> = {};
      for (const item of body.items ?? []) {
        if (item.dashboardUrl) dashboards[item.name] = item.dashboardUrl;
      }
      return dashboards;
    } catch {
      return {};
    }
  }

  async #get<T>(pluginId: string, route: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(pluginId);
    const response = await this.#fetchApi.fetch(`${baseUrl}${route}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment);
}
