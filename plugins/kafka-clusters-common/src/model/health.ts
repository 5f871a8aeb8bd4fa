/**
 * The verdict on a Kafka cluster or one of its parts. The meaning of each value and the signals
 * that lead to it are the verdict table in this package's README ("The verdict").
 *
 * @public
 */
export type KafkaHealth =
  | 'healthy'
  | 'progressing'
  | 'degraded'
  | 'unhealthy'
  | 'unknown';

/**
 * Verdicts from worst to best. `unknown` sits between `degraded` and `progressing`: not knowing
 * must never look better than "on its way", and a known impairment is more useful to show.
 *
 * @public
 */
export const KAFKA_HEALTH_ORDER: readonly KafkaHealth[] = [
  'unhealthy',
  'degraded',
  'unknown',
  'progressing',
  'healthy',
];

const RANK: Record<KafkaHealth, number> = {
  unhealthy: 0,
  degraded: 1,
  unknown: 2,
  progressing: 3,
  healthy: 4,
};

/**
 * Orders verdicts worst first, for `Array.prototype.sort`.
 *
 * @public
 */
export function compareKafkaHealth(a: KafkaHealth, b: KafkaHealth): number {
  return RANK[a] - RANK[b];
}

/**
 * The worst of the given verdicts; `healthy` when there are none.
 *
 * @public
 */
export function worstHealth(...verdicts: KafkaHealth[]): KafkaHealth {
  let worst: KafkaHealth = 'healthy';
  for (const verdict of verdicts) {
    if (RANK[verdict] < RANK[worst]) {
      worst = verdict;
    }
  }
  return worst;
}
