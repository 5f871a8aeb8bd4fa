import { SIZE_PROFILES, ResourceFigures } from '../render/environment';

/*
 * What "the fewest replicas and the smallest storage that run" means for both operators: one
 * node of each role, the dev profile's storage and resources, and every replication figure of
 * the brokers' internal topics at 1 (Apache Kafka's defaults are 3 for the offsets and
 * transaction topics, which a single broker cannot host; Strimzi's kafka-single-node.yaml and
 * Confluent's single-node example set them to 1 for the same reason).
 */

/** Sizes of an ephemeral clone. */
export const EPHEMERAL = {
  replicas: 1,
  storage: SIZE_PROFILES.dev.storage,
  smallStorage: SIZE_PROFILES.dev.controllerStorage,
  brokerResources: SIZE_PROFILES.dev.resources,
  componentResources: SIZE_PROFILES.dev.componentResources,
} as const;

/** Broker settings that must not exceed the broker count. */
export const BROKER_REPLICATION_KEYS = [
  'default.replication.factor',
  'offsets.topic.replication.factor',
  'transaction.state.log.replication.factor',
  'min.insync.replicas',
  'transaction.state.log.min.isr',
] as const;

/** Whether a configuration key is a replication factor or a min ISR (Kafka's and Confluent's). */
export function isReplicationKey(key: string): boolean {
  return (
    key.endsWith('.replication.factor') ||
    key === 'replication.factor' ||
    key === 'min.insync.replicas' ||
    key.endsWith('.min.isr')
  );
}

/**
 * A configuration map with every replication key at 1 and the brokers' internal-topic keys
 * added; a value of -1 (the broker's default) stays. Numbers stay numbers, strings strings.
 */
export function singleReplicaConfig(
  config: Record<string, unknown> | undefined,
  addBrokerKeys: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    const lowered = typeof value === 'number' ? 1 : '1';
    out[key] =
      isReplicationKey(key) && String(value) !== '-1' ? lowered : value;
  }
  if (addBrokerKeys) {
    for (const key of BROKER_REPLICATION_KEYS) {
      if (!(key in out)) out[key] = 1;
    }
  }
  return out;
}

/** `key=value` lines (CFK's configOverrides) with every replication key at 1. */
export function singleReplicaLines(
  lines: readonly string[] | undefined,
  addKeys: readonly string[],
): string[] {
  const seen = new Set<string>();
  const out = (lines ?? []).map(line => {
    const eq = line.indexOf('=');
    const key = eq === -1 ? line.trim() : line.slice(0, eq).trim();
    seen.add(key);
    return eq !== -1 &&
      isReplicationKey(key) &&
      line.slice(eq + 1).trim() !== '-1'
      ? `${key}=1`
      : line;
  });
  return [...out, ...addKeys.filter(k => !seen.has(k)).map(k => `${k}=1`)];
}

/** Container resources no larger than the ephemeral figures. */
export function ephemeralResources(
  role: 'broker' | 'component',
): ResourceFigures {
  const figures =
    role === 'broker'
      ? EPHEMERAL.brokerResources
      : EPHEMERAL.componentResources;
  return {
    requests: { ...figures.requests },
    limits: { ...figures.limits },
  };
}
