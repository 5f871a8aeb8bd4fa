import { normalizeEndpoint, serviceOf, splitEndpoints } from './endpoints';

describe('serviceOf', () => {
  it.each([
    ['kafka:9071', { service: 'kafka' }],
    ['kafka.confluent:9071', { service: 'kafka', namespace: 'confluent' }],
    [
      'my-cluster-kafka-bootstrap.myproject.svc:9093',
      { service: 'my-cluster-kafka-bootstrap', namespace: 'myproject' },
    ],
    [
      'kafka.confluent.svc.cluster.local:9071',
      { service: 'kafka', namespace: 'confluent' },
    ],
    [
      'kafka.confluent.svc.k8s.example.internal:9071',
      { service: 'kafka', namespace: 'confluent' },
    ],
    [
      'kafka-0.kafka.confluent.svc.cluster.local:9071',
      { service: 'kafka', namespace: 'confluent' },
    ],
    [
      'SASL_SSL://kafka.confluent.svc:9071',
      { service: 'kafka', namespace: 'confluent' },
    ],
    [
      'https://kafka.destination.svc.cluster.local:8090/kafka',
      { service: 'kafka', namespace: 'destination' },
    ],
    [
      'zookeeper.confluent.svc.cluster.local:2181/kafka-confluent',
      { service: 'zookeeper', namespace: 'confluent' },
    ],
  ])('reads %p as a service', (endpoint, expected) => {
    expect(serviceOf(endpoint)).toEqual(expected);
  });

  it.each([
    'b-1.kafka.eu-west-1.amazonaws.com:9092',
    'pkc-12345.eu-west-1.aws.confluent.cloud:9092',
    '10.0.3.7:9092',
    '',
  ])('does not take %p for a service of this cluster', endpoint => {
    expect(serviceOf(endpoint)).toBeUndefined();
  });
});

describe('splitEndpoints', () => {
  it('splits lists, drops protocol prefixes and blanks, and lower-cases', () => {
    expect(
      splitEndpoints('PLAINTEXT://B-1.kafka:9092, PLAINTEXT://b-2.kafka:9092,'),
    ).toEqual(['b-1.kafka:9092', 'b-2.kafka:9092']);
    expect(splitEndpoints(undefined)).toEqual([]);
    expect(normalizeEndpoint(' http://Connect:8083/connectors ')).toBe(
      'connect:8083',
    );
  });
});
