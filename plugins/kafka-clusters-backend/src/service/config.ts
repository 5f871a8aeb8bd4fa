import { Config } from '@backstage/config';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  HealthThresholds,
  readWatchedNamespaces,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { FleetCacheSettings } from './cache/fleetCache';
import { OwnerNotificationSettings } from './live/ownerNotifications';

const THRESHOLD_KEYS = Object.keys(
  DEFAULT_HEALTH_THRESHOLDS,
) as (keyof HealthThresholds)[];

/** Reads `kafkaClusters.*`, with the defaults documented in config.d.ts. */
export function readFleetCacheSettings(config: Config): FleetCacheSettings {
  const root = config.getOptionalConfig('kafkaClusters');
  const health = root?.getOptionalConfig('health');
  const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS };
  for (const key of THRESHOLD_KEYS) {
    const value = health?.getOptionalNumber(key);
    if (value !== undefined) thresholds[key] = value;
  }
  const cache = root?.getOptionalConfig('cache');
  return {
    thresholds,
    namespaces: readWatchedNamespaces(config),
    rediscoverEveryMs:
      (cache?.getOptionalNumber('rediscoverEverySeconds') ?? 300) * 1000,
    rebuildEveryMs: cache?.getOptionalNumber('rebuildEveryMilliseconds') ?? 500,
    catalogClustersEveryMs:
      (cache?.getOptionalNumber('catalogClustersEverySeconds') ?? 300) * 1000,
    requestTimeoutMs:
      (cache?.getOptionalNumber('requestTimeoutSeconds') ?? 30) * 1000,
  };
}

/** Reads `kafkaClusters.notifications`, with the defaults documented in config.d.ts. */
export function readOwnerNotificationSettings(
  config: Config,
): OwnerNotificationSettings {
  const notifications = config.getOptionalConfig('kafkaClusters.notifications');
  return {
    enabled: notifications?.getOptionalBoolean('enabled') ?? true,
    gracePeriodMs:
      (notifications?.getOptionalNumber('gracePeriodSeconds') ?? 300) * 1000,
    notifyDependents:
      notifications?.getOptionalBoolean('notifyDependents') ?? true,
  };
}
