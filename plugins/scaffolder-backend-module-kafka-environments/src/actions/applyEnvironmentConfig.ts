import { RootConfigService as Config } from '@backstage/backend-plugin-api';

/**
 * One Kubernetes cluster's direct-apply settings,
 * `kafkaClusters.kubernetesClusters.<cluster>.apply`.
 *
 * @public
 */
export interface ApplySettings {
  enabled: boolean;
  /** Globs; `*` matches any run of characters. */
  namespaces: string[];
  createNamespaces: boolean;
}

/** The configuration key of a cluster's apply settings, as error messages name it. */
export const applySettingKey = (cluster: string, key?: string) =>
  `kafkaClusters.kubernetesClusters.${cluster}.apply${key ? `.${key}` : ''}`;

/**
 * Reads `kafkaClusters.kubernetesClusters.<cluster>.apply` of every cluster that has it.
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

/**
 * Whether a name matches a glob: `*` matches any run of characters (none included), every
 * other character itself.
 *
 * @public
 */
export function matchesGlob(name: string, glob: string): boolean {
  const pattern = glob
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}
