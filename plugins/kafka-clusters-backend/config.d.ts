export interface Config {
  /** Configuration of the kafka-clusters plugins. The Kubernetes clusters themselves come from `kubernetes.clusterLocatorMethods`. */
  kafkaClusters?: {
    /**
     * Per Kubernetes cluster (by its configured name). (Optional)
     */
    kubernetesClusters?: {
      [clusterName: string]: {
        /**
         * Watch only these namespaces, for clusters where the backend may not list cluster-wide.
         * (Optional) Default: the whole cluster.
         */
        namespaces?: string[];
      };
    };
    /** Thresholds of the health rules. (Optional) */
    health?: {
      /** A change with no progress for this long is stuck, and degraded. (Optional) Default 1800. */
      changeStuckAfterSeconds?: number;
      /** A pod not ready this long with no change in progress is degraded. (Optional) Default 180. */
      podNotReadyGraceSeconds?: number;
      /** Restarts this recent are reported on ready pods. (Optional) Default 3600. */
      recentRestartSeconds?: number;
      /** A connector auto-restarted this many times or more, the last within recentRestartSeconds, is degraded. (Optional) Default 3. */
      connectorRestartsDegraded?: number;
      /** Warning events this recent explain a verdict. (Optional) Default 3600. */
      eventWindowSeconds?: number;
      /** Events kept per Kafka cluster. (Optional) Default 20. */
      maxEvents?: number;
      /** Data older than this is marked stale. (Optional) Default 120. */
      staleAfterSeconds?: number;
      /** Data older than this gets the verdict unknown. (Optional) Default 600. */
      unknownAfterSeconds?: number;
    };
    /** The watch caches. (Optional) */
    cache?: {
      /** How often to look again for operators installed or removed. (Optional) Default 300. */
      rediscoverEverySeconds?: number;
      /** Statuses are rebuilt at most this often while objects change. (Optional) Default 500. */
      rebuildEveryMilliseconds?: number;
      /** How often clusters of the `catalog` locator are read again. (Optional) Default 300. */
      catalogClustersEverySeconds?: number;
      /** A list or discovery request taking longer fails as a timeout. (Optional) Default 30. */
      requestTimeoutSeconds?: number;
    };
    /**
     * Backstage notifications to the owners of a Kafka cluster that stays degraded or unhealthy
     * (the owner of its `kafka-cluster` Resource, and the owners of what depends on it), and
     * again when it is healthy. Needs `@backstage/plugin-notifications-backend`. (Optional)
     */
    notifications?: {
      /** (Optional) Default true. */
      enabled?: boolean;
      /** How long a cluster stays degraded or unhealthy before its owners are told. (Optional) Default 300. */
      gracePeriodSeconds?: number;
      /** Also tell the owners of the entities that depend on the cluster's Resource. (Optional) Default true. */
      notifyDependents?: boolean;
    };
  };
}
