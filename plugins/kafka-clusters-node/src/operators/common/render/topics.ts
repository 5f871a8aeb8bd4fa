import { minInsyncFor, SizeFigures, TopicSpec } from './environment';

/**
 * The topic-level configuration keys of Apache Kafka 4.x (the "Topic Configs" of Kafka's
 * documentation): what a topic's `config` may set. Anything else is a typo or a broker setting.
 *
 * @public
 */
export const TOPIC_CONFIG_KEYS: readonly string[] = [
  'cleanup.policy',
  'compression.gzip.level',
  'compression.lz4.level',
  'compression.type',
  'compression.zstd.level',
  'delete.retention.ms',
  'file.delete.delay.ms',
  'flush.messages',
  'flush.ms',
  'follower.replication.throttled.replicas',
  'index.interval.bytes',
  'leader.replication.throttled.replicas',
  'local.retention.bytes',
  'local.retention.ms',
  'max.compaction.lag.ms',
  'max.message.bytes',
  'message.timestamp.after.max.ms',
  'message.timestamp.before.max.ms',
  'message.timestamp.type',
  'min.cleanable.dirty.ratio',
  'min.compaction.lag.ms',
  'min.insync.replicas',
  'preallocate',
  'remote.log.copy.disable',
  'remote.log.delete.on.disable',
  'remote.storage.enable',
  'retention.bytes',
  'retention.ms',
  'segment.bytes',
  'segment.index.bytes',
  'segment.jitter.ms',
  'segment.ms',
  'unclean.leader.election.enable',
];

/**
 * A topic's configuration as rendered: its own, plus a `min.insync.replicas` below its
 * replication factor when it asks for fewer replicas than the cluster's default (the cluster's
 * min.insync would otherwise refuse every acks=all write).
 */
export function topicConfig(
  topic: TopicSpec,
  size: SizeFigures,
): Record<string, string> | undefined {
  const config = { ...topic.config };
  if (
    topic.replicas !== undefined &&
    config['min.insync.replicas'] === undefined
  ) {
    const minIsr = minInsyncFor(topic.replicas, size);
    if (minIsr !== size.minInsyncReplicas) {
      config['min.insync.replicas'] = String(minIsr);
    }
  }
  return Object.keys(config).length > 0 ? config : undefined;
}
