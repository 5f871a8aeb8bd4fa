// Configuration keys that name where a connector reads or writes (JDBC URLs, database hosts,
// HTTP endpoints, other Kafka clusters): what a kept connector's reader must know it reaches.
const EXTERNAL_KEY =
  /(^|\.)(url|uri|urls|host|hostname|hosts|endpoint|endpoints|address|servers|bucket|bucket\.name)$/i;

/** `key=value` of every configuration entry that names an external system, in key order. */
export function externalSystems(
  config: Record<string, unknown> | undefined,
): string[] {
  return Object.entries(config ?? {})
    .filter(
      ([key, value]) =>
        EXTERNAL_KEY.test(key) && typeof value === 'string' && value !== '',
    )
    .map(([key, value]) => `${key}=${value}`)
    .sort();
}
