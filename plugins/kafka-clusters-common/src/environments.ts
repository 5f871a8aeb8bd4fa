/**
 * Whether a name matches a glob: `*` matches any run of characters (none included), every
 * other character itself. The globs of `kafkaClusters.kubernetesClusters.<cluster>.apply.namespaces`
 * and of the `IS_IN_NAMESPACE` permission rule; shared so that the form, the backend and the
 * apply step read a glob the same way.
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

/**
 * The configuration key of a cluster's direct-apply settings,
 * `kafkaClusters.kubernetesClusters.<cluster>.apply[.<key>]`, as refusals name it (the apply
 * step's and the form's alike).
 *
 * @public
 */
export const applySettingKey = (cluster: string, key?: string) =>
  `kafkaClusters.kubernetesClusters.${cluster}.apply${key ? `.${key}` : ''}`;

/**
 * A Kubernetes cluster open to direct apply (`kafka:environment:apply`), as the browser may see
 * it: its `kafkaClusters.kubernetesClusters.<cluster>.apply` settings, without anything about
 * how the backend reaches it.
 *
 * @public
 */
export interface KafkaEnvironmentApplyCluster {
  /** The configured name (`kubernetes.clusterLocatorMethods`). */
  name: string;
  /** The configured title, when there is one. */
  title?: string;
  /** Globs of the namespaces that accept apply (`*` matches any run of characters). */
  namespaces: string[];
  /** Whether apply may create a namespace that does not exist yet. */
  createNamespaces: boolean;
}

/**
 * `GET /api/kafka-clusters/environments/deliveries`: how an environment can be delivered from
 * this portal. Configuration the form needs, never a credential.
 *
 * @public
 */
export interface KafkaEnvironmentDeliveriesResponse {
  /** A pull request through the scaffolder's GitHub module (`publish:github:pull-request`). */
  pullRequest: {
    /** Whether a GitHub integration has a token or an app to open one with. */
    available: boolean;
    /** The hosts of those integrations, e.g. `github.com`. */
    hosts: string[];
  };
  /** Direct apply to a Kubernetes cluster (`kafka:environment:apply`). */
  apply: {
    /** Whether at least one cluster is open to it for the caller. */
    available: boolean;
    clusters: KafkaEnvironmentApplyCluster[];
  };
}
