import { parseKafkaClusterRefs, stringifyKafkaClusterRef } from './annotations';

describe('parseKafkaClusterRefs', () => {
  it('reads a comma-separated list and tolerates spaces', () => {
    expect(
      parseKafkaClusterRefs(
        'prod-eu/kafka/shared, staging/orders/orders-kafka',
      ),
    ).toEqual([
      { cluster: 'prod-eu', namespace: 'kafka', name: 'shared' },
      { cluster: 'staging', namespace: 'orders', name: 'orders-kafka' },
    ]);
  });

  it('ignores empty entries such as a trailing comma', () => {
    expect(parseKafkaClusterRefs('a/b/c,')).toHaveLength(1);
    expect(parseKafkaClusterRefs('')).toEqual([]);
  });

  it.each(['prod-eu/shared', 'a/b/c/d', 'a//c'])(
    'rejects %p with a message naming it',
    value => {
      expect(() => parseKafkaClusterRefs(value)).toThrow(
        `Invalid Kafka cluster reference '${value}'`,
      );
    },
  );

  it('round-trips through stringifyKafkaClusterRef', () => {
    const ref = { cluster: 'prod-us', namespace: 'payments', name: 'main' };
    expect(parseKafkaClusterRefs(stringifyKafkaClusterRef(ref))).toEqual([ref]);
  });
});
