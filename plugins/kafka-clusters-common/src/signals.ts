/**
 * The signal channel on which the backend says that Kafka cluster status changed. A client
 * that sees a new revision refetches what it shows through the permission-checked routes: the
 * signal itself names no cluster, entity or verdict, so it tells nobody what they may not read.
 *
 * @public
 */
export const KAFKA_STATUS_SIGNAL_CHANNEL = 'kafka-clusters:status';

/**
 * The message on {@link KAFKA_STATUS_SIGNAL_CHANNEL}. `revision` is a digest of the fleet's
 * verdicts as served, so backend replicas that see the same state publish the same revision,
 * and a client refetches once however many of them publish it.
 *
 * @public
 */
export interface KafkaStatusSignal {
  revision: string;
  // Signal messages are JSON objects (`JsonObject` of @backstage/types).
  [key: string]: string;
}
