import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readWatchedNamespaces } from '@k8s-kafka/plugin-kafka-clusters-node';
import { normalizeOwnerRef, normalizeSystemRef } from './ownership';

/** Where the module's configuration lives. */
export const CONFIG_ROOT = 'catalog.providers.kafkaClusters';

/**
 * Every five minutes: Kafka clusters come and go with deployments, not by the second, and each
 * run lists them on every Kubernetes cluster.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
};

/** The owner of resources nobody claimed, when no default is configured. */
export const FALLBACK_OWNER = 'unknown';

/** Defaults that apply to one Kubernetes cluster's resources. */
export interface ClusterDefaults {
  /** Full entity reference. */
  owner?: string;
  /** Full entity reference. */
  system?: string;
}

/** The module's configuration, read and checked once. */
export interface KafkaClusterProviderSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Full entity reference of the owner when nothing more specific applies. */
  defaultOwner: string;
  /** Full entity reference of the system when nothing more specific applies. */
  defaultSystem?: string;
  /** By Kubernetes cluster name. */
  kubernetesClusters: ReadonlyMap<string, ClusterDefaults>;
  /** Whether KafkaTopic resources become `kafka-topic` entities. */
  topics: boolean;
  requestTimeoutMs: number;
  /**
   * The namespace-scoped mode, shared with the backend plugin
   * (`kafkaClusters.kubernetesClusters.<name>.namespaces`): Kubernetes cluster name → the
   * namespaces to list instead of the whole cluster.
   */
  namespaces: Record<string, string[]>;
}

function readRef(
  config: Config,
  key: string,
  normalize: (value: string) => string,
): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) return undefined;
  try {
    return normalize(value);
  } catch (error) {
    throw new InputError(
      `Invalid ${CONFIG_ROOT} ${key}: ${(error as Error).message}`,
    );
  }
}

function readClusterDefaults(config: Config): ClusterDefaults {
  return {
    owner: readRef(config, 'defaultOwner', normalizeOwnerRef),
    system: readRef(config, 'defaultSystem', normalizeSystemRef),
  };
}

/**
 * Reads `catalog.providers.kafkaClusters`. The block is optional: installing the module is the
 * opt-in, and every key has a default.
 *
 * @throws InputError when an owner or system is not a valid reference of the right kind.
 */
export function readKafkaClusterProviderSettings(
  root: Config,
): KafkaClusterProviderSettings {
  const config = root.getOptionalConfig(CONFIG_ROOT);
  const clusters = config?.getOptionalConfig('kubernetesClusters');
  const kubernetesClusters = new Map<string, ClusterDefaults>();
  for (const name of clusters?.keys() ?? []) {
    kubernetesClusters.set(
      name,
      readClusterDefaults(clusters!.getConfig(name)),
    );
  }
  const defaults = config ? readClusterDefaults(config) : {};
  const timeoutSeconds =
    config?.getOptionalNumber('requestTimeoutSeconds') ?? 30;
  if (!(timeoutSeconds > 0)) {
    throw new InputError(
      `Invalid ${CONFIG_ROOT} requestTimeoutSeconds: must be positive`,
    );
  }
  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    defaultOwner: defaults.owner ?? normalizeOwnerRef(FALLBACK_OWNER),
    defaultSystem: defaults.system,
    kubernetesClusters,
    topics: config?.getOptionalBoolean('topics.enabled') ?? false,
    requestTimeoutMs: timeoutSeconds * 1000,
    namespaces: readWatchedNamespaces(root),
  };
}
