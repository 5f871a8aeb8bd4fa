import { createCrdValidator } from './crdValidator';

describe('createCrdValidator', () => {
  const validate = createCrdValidator('strimzi-1.2.0');
  const topic = {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: { name: 't' },
    spec: { partitions: 3, replicas: 3 },
  };

  it('accepts a valid object', () => {
    expect(validate(topic)).toEqual([]);
  });

  it('reports misspelled fields, wrong types and unknown kinds', () => {
    expect(validate({ ...topic, spec: { partitons: 3 } })).toEqual([
      '.spec.partitons is not in the schema',
    ]);
    expect(validate({ ...topic, spec: { partitions: 'three' } })).toEqual([
      '/spec/partitions must be integer',
    ]);
    expect(
      validate({ ...topic, apiVersion: 'kafka.strimzi.io/v1beta2' }),
    ).toEqual([
      'no CRD in strimzi-1.2.0 serves kafka.strimzi.io/v1beta2/KafkaTopic',
    ]);
  });

  it('names the missing folder when the CRDs are absent', () => {
    expect(() => createCrdValidator('no-such-operator')).toThrow(
      /The CRD set no-such-operator is not in .*\(no folder .*no-such-operator\)/,
    );
  });
});
