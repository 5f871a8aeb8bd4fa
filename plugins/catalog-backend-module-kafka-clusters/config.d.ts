import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The Kafka cluster entity provider of
       * `@k8s-kafka/plugin-catalog-backend-module-kafka-clusters`. The Kubernetes clusters
       * themselves come from `kubernetes.clusterLocatorMethods`. (Optional) Every key has a
       * default.
       */
      kafkaClusters?: {
        /**
         * How often to read the Kubernetes clusters. (Optional) Default: every 5 minutes, with
         * a timeout of 3 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of a Kafka cluster that has no `k8s-kafka.io/owner` annotation or label and
         * whose Kubernetes cluster has no `defaultOwner`: an entity reference such as
         * `group:default/platform` or `platform`. (Optional) Default `unknown`
         * (`group:default/unknown`).
         */
        defaultOwner?: string;
        /**
         * System of a Kafka cluster that has no `k8s-kafka.io/system` annotation or label and
         * whose Kubernetes cluster has no `defaultSystem`: an entity reference such as
         * `system:default/platform`. (Optional) Default: none.
         */
        defaultSystem?: string;
        /**
         * Defaults per Kubernetes cluster, by its name in `kubernetes.clusterLocatorMethods`.
         * (Optional)
         */
        kubernetesClusters?: {
          [clusterName: string]: {
            /** Owner of this cluster's unlabelled Kafka clusters. (Optional) Default: `defaultOwner`. */
            defaultOwner?: string;
            /** System of this cluster's Kafka clusters. (Optional) Default: `defaultSystem`. */
            defaultSystem?: string;
          };
        };
        /** KafkaTopic resources as `kafka-topic` Resource entities. (Optional) */
        topics?: {
          /** (Optional) Default false. */
          enabled?: boolean;
        };
        /**
         * A discovery or list request to a Kubernetes API server taking longer fails, and the
         * cluster keeps its earlier entities. (Optional) Default 30.
         */
        requestTimeoutSeconds?: number;
      };
    };
  };
}
