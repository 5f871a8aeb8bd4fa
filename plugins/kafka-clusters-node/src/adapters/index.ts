import { cfkAdapter } from './cfk';
import { strimziAdapter } from './strimzi';
import { KafkaOperatorAdapter, WatchSpec } from './types';

export * from './types';
export { cfkAdapter } from './cfk';
export { strimziAdapter } from './strimzi';
export { applyFreshness } from './common/freshness';
export type { FreshnessOptions } from './common/freshness';

/**
 * The adapters the backend runs by default: CFK and Strimzi.
 *
 * @public
 */
export const defaultOperatorAdapters: readonly KafkaOperatorAdapter[] = [
  cfkAdapter,
  strimziAdapter,
];

/**
 * Every watch the given adapters need, each key once (the core kinds they share, such as
 * Events and PVCs, are watched once).
 *
 * @public
 */
export function watchSpecsOf(
  adapters: readonly KafkaOperatorAdapter[] = defaultOperatorAdapters,
): WatchSpec[] {
  const byKey = new Map<string, WatchSpec>();
  for (const adapter of adapters) {
    for (const spec of adapter.watches) {
      if (!byKey.has(spec.key)) byKey.set(spec.key, spec);
    }
  }
  return [...byKey.values()];
}
