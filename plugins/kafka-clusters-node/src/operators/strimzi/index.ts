import { KafkaOperatorAdapter, WatchSpec } from '../types';
import { assembleStrimzi } from './health/assemble';
import { strimziWatches } from './health/watches';

/**
 * The Strimzi adapter: its watch specs and health rules.
 *
 * @public
 */
export const strimziAdapter: KafkaOperatorAdapter = {
  operator: 'strimzi',
  watches: Object.values(strimziWatches) as WatchSpec[],
  presence: strimziWatches.kafkas as WatchSpec,
  assemble: assembleStrimzi,
};
