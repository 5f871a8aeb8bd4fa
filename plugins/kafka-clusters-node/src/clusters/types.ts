/**
 * A Kubernetes cluster the suite reads, as `@backstage/plugin-kubernetes` users configure it.
 *
 * @public
 */
export interface KubernetesClusterDetails {
  /** Unique name; what entity annotations and Kafka references call the cluster. */
  name: string;
  title?: string;
  url: string;
  /** A server-side strategy: `serviceAccount` or `localKubectlProxy`. */
  authProvider: string;
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  dashboardUrl?: string;
}
