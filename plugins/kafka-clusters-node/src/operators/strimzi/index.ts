import { KafkaOperatorAdapter, WatchSpec } from '../types';
import { assembleStrimzi } from './health/assemble';
import { strimziWatches } from './health/watches';

/**
 * The Strimzi adapter (`kafka.strimzi.io` v1 or v1beta2, `core.strimzi.io` StrimziPodSet).
 *
 * @public
 */
export const strimziAdapter: KafkaOperatorAdapter = {
  operator: 'strimzi',
  watches: Object.values(strimziWatches) as WatchSpec[],
  presence: strimziWatches.kafkas as WatchSpec,
  assemble: assembleStrimzi,
};
