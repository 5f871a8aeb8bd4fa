import { KafkaOperatorAdapter, WatchSpec } from '../types';
import { assembleCfk } from './health/assemble';
import { cfkWatches } from './health/watches';

/**
 * The Confluent for Kubernetes adapter: its watch specs and health rules.
 *
 * @public
 */
export const cfkAdapter: KafkaOperatorAdapter = {
  operator: 'cfk',
  watches: Object.values(cfkWatches) as WatchSpec[],
  presence: cfkWatches.kafkas as WatchSpec,
  assemble: assembleCfk,
};
