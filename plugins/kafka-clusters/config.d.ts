export interface Config {
  /** Configuration of the kafka-clusters plugins. */
  kafkaClusters?: {
    /**
     * The template the Kafka tab's "Clone" action opens, pre-filled with the cluster, as an
     * entity ref (`[template:][namespace/]name`). (Optional) Default
     * `template:default/kafka-environment-clone`.
     * @visibility frontend
     */
    cloneTemplate?: string;
  };
}
