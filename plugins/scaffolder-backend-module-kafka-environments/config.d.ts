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
    /** Self-service Kafka environments (kafka:environment:create). (Optional) */
    environments?: {
      /** The platform's limits; a request beyond one is refused, naming the limit. (Optional) */
      limits?: {
        /** Most brokers of one environment. (Optional) Default 12. */
        maxBrokers?: number;
        /** Most storage per broker, a quantity (Mi, Gi, Ti). (Optional) Default 2Ti. */
        maxStoragePerBroker?: string;
        /** Most topics of one environment, at most 1000. (Optional) Default 1000. */
        maxTopics?: number;
        /** Storage classes a request may name. (Optional) Default: any. */
        allowedStorageClasses?: string[];
        /** `strimzi`, `cfk`. (Optional) Default both. */
        allowedOperators?: string[];
        /** API versions per operator. (Optional) Default strimzi [v1, v1beta2], cfk [v1beta1]. */
        allowedVersions?: { strimzi?: string[]; cfk?: string[] };
      };
      /** Per Kubernetes cluster (its configured name). (Optional) */
      clusters?: {
        [clusterName: string]: {
          /** The GitOps repository folder the cluster's agent syncs. (Optional) Default clusters/<name>. */
          gitopsPath?: string;
        };
      };
    };
  };
}
