import { cfkFacts } from './cfk/facts';
import { createEventWatch } from './common/core';
import { strimziFacts } from './strimzi/facts';

/**
 * The Warning events both adapters read, watched once: those of every operator's event kinds.
 */
export const eventWatch = createEventWatch(
  [cfkFacts, strimziFacts].flatMap(facts => facts.eventKinds),
);
