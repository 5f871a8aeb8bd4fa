import { Config } from '@backstage/config';

/**
 * One Kubernetes cluster's direct-apply settings,
 * `kafkaClusters.kubernetesClusters.<cluster>.apply`.
 *
 * @public
 */
export interface ApplySettings {
  enabled: boolean;
  /** Globs; `*` matches any run of characters (`matchesGlob` of -common). */
  namespaces: string[];
  createNamespaces: boolean;
}

/**
 * Reads `kafkaClusters.kubernetesClusters.<cluster>.apply` of every cluster that has it. The
 * apply action enforces these settings; the kafka-clusters backend tells the form which
 * clusters they open, so both read them here.
 *
 * @public
 */
export function readApplySettings(
  config: Config,
): Record<string, ApplySettings> {
  const perCluster = config.getOptionalConfig(
    'kafkaClusters.kubernetesClusters',
  );
  const settings: Record<string, ApplySettings> = {};
  for (const name of perCluster?.keys() ?? []) {
    const apply = perCluster!.getConfig(name).getOptionalConfig('apply');
    if (!apply) continue;
    settings[name] = {
      enabled: apply.getOptionalBoolean('enabled') ?? false,
      namespaces: apply.getOptionalStringArray('namespaces') ?? [],
      createNamespaces: apply.getOptionalBoolean('createNamespaces') ?? false,
    };
  }
  return settings;
}
