import { cfkAdapter } from './cfk';
import { cfkFacts } from './cfk/facts';
import { OperatorFacts } from './common/facts';
import { strimziAdapter } from './strimzi';
import { strimziFacts } from './strimzi/facts';
import { KafkaOperatorAdapter, WatchSpec } from './types';

export * from './types';
export { cfkAdapter } from './cfk';
export { strimziAdapter } from './strimzi';
export { cfkFacts } from './cfk/facts';
export { strimziFacts } from './strimzi/facts';
export type {
  OperatorFacts,
  OperatorKind,
  OperatorReference,
  ReferenceVia,
} from './common/facts';
export { findReferences, resolveReference } from './common/references';
export type { EnvironmentObjectRef, FoundReference } from './common/references';
export { applyFreshness, markUnreadable } from './common/freshness';
export * from './render';
export * from './clone';
export type { FreshnessOptions, UnreadableKind } from './common/freshness';

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
 * The facts of every operator the suite knows, CFK and Strimzi.
 *
 * @public
 */
export const defaultOperatorFacts: readonly OperatorFacts[] = [
  cfkFacts,
  strimziFacts,
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
