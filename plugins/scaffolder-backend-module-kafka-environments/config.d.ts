export interface Config {
  /** Configuration of the kafka-clusters plugins. The Kubernetes clusters themselves come from `kubernetes.clusterLocatorMethods`. */
  kafkaClusters?: {
    /**
     * Per Kubernetes cluster (by its configured name). (Optional)
     */
    kubernetesClusters?: {
      [clusterName: string]: {
        /**
         * Direct apply of environments (`kafka:environment:apply`) to this cluster, with the
         * backend's own credentials for it. (Optional) Default: refused.
         */
        apply?: {
          /** Whether this cluster accepts direct apply. (Optional) Default false. */
          enabled?: boolean;
          /**
           * The namespaces that accept it, as globs (`*` matches any run of characters:
           * `team-a-*`). (Optional) Default: none.
           */
          namespaces?: string[];
          /**
           * Whether apply may create a target namespace that does not exist yet.
           * (Optional) Default false.
           */
          createNamespaces?: boolean;
        };
      };
    };
  };
}
