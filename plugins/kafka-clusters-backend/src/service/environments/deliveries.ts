import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  applySettingKey,
  KafkaEnvironmentApplyCluster,
  KafkaEnvironmentDeliveriesResponse,
  kafkaEnvironmentApplyPermission,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  KubernetesClusterAccess,
  readApplySettings,
} from '@k8s-kafka/plugin-kafka-clusters-node';

/**
 * How an environment can be delivered from this portal, for the create form: the scaffolder
 * steps behind each delivery refuse what is not allowed, and the form offers only what they
 * would accept.
 */
export interface EnvironmentDeliveriesService {
  getDeliveries(options: {
    credentials: BackstageCredentials;
  }): Promise<KafkaEnvironmentDeliveriesResponse>;
}

export function createEnvironmentDeliveriesService(options: {
  config: Config;
  clusters: Pick<KubernetesClusterAccess, 'listClusters'>;
  permissions: PermissionsService;
  logger: LoggerService;
}): EnvironmentDeliveriesService {
  const { clusters, permissions, logger } = options;
  // publish:github:pull-request opens the pull request with the integration's own token or
  // app; without either it can only fail. Only the host leaves the backend.
  const pullRequestHosts = ScmIntegrations.fromConfig(options.config)
    .github.list()
    .filter(
      integration =>
        Boolean(integration.config.token) ||
        (integration.config.apps?.length ?? 0) > 0,
    )
    .map(integration => integration.config.host);
  const applySettings = readApplySettings(options.config);
  const unknownApplyClusters = new Set<string>();

  async function openToApply(
    credentials: BackstageCredentials,
  ): Promise<KafkaEnvironmentApplyCluster[]> {
    const enabled = Object.entries(applySettings).filter(
      // No namespace glob, no namespace the apply step accepts.
      ([, settings]) => settings.enabled && settings.namespaces.length > 0,
    );
    if (enabled.length === 0) return [];
    // A conditional decision depends on the namespace, which the form has not asked for
    // yet: the cluster stays on offer and the apply step decides. Only an outright denial
    // takes the clusters away.
    const [decision] = await permissions.authorizeConditional(
      [{ permission: kafkaEnvironmentApplyPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) return [];
    const { clusters: known } = await clusters.listClusters({ logger });
    const offered: KafkaEnvironmentApplyCluster[] = [];
    for (const [name, settings] of enabled) {
      const cluster = known.find(c => c.name === name);
      if (!cluster) {
        // The apply step would refuse it (no such cluster); say so once, not per request.
        if (!unknownApplyClusters.has(name)) {
          unknownApplyClusters.add(name);
          logger.warn(
            `${applySettingKey(
              name,
            )} is enabled, but kubernetes.clusterLocatorMethods has no cluster '${name}': it is not offered for direct apply`,
          );
        }
        continue;
      }
      offered.push({
        name,
        ...(cluster.title ? { title: cluster.title } : {}),
        namespaces: [...settings.namespaces],
        createNamespaces: settings.createNamespaces,
      });
    }
    return offered;
  }

  return {
    async getDeliveries({ credentials }) {
      const applyClusters = await openToApply(credentials);
      return {
        pullRequest: {
          available: pullRequestHosts.length > 0,
          hosts: [...pullRequestHosts],
        },
        apply: { available: applyClusters.length > 0, clusters: applyClusters },
      };
    },
  };
}
