import {
  KAFKA_HEALTH_ORDER,
  KafkaHealth,
  compareKafkaHealth,
  worstHealth,
} from './health';

describe('worstHealth', () => {
  it('is healthy for nothing', () => {
    expect(worstHealth()).toBe('healthy');
  });

  it.each<[KafkaHealth[], KafkaHealth]>([
    [['healthy', 'progressing'], 'progressing'],
    [['progressing', 'unknown'], 'unknown'],
    [['unknown', 'degraded'], 'degraded'],
    [['degraded', 'unhealthy', 'healthy'], 'unhealthy'],
  ])('picks the worst of %p', (verdicts, expected) => {
    expect(worstHealth(...verdicts)).toBe(expected);
  });
});

describe('compareKafkaHealth', () => {
  it('sorts worst first, matching KAFKA_HEALTH_ORDER', () => {
    const shuffled: KafkaHealth[] = [
      'healthy',
      'unknown',
      'unhealthy',
      'progressing',
      'degraded',
    ];
    expect([...shuffled].sort(compareKafkaHealth)).toEqual(KAFKA_HEALTH_ORDER);
  });
});
