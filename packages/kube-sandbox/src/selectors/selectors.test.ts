import { matchesLabels, parseLabelSelector } from './labels';
import { parseFieldSelector } from './fields';

describe('label selectors', () => {
  const labels = { app: 'kafka', tier: 'gold', replicas: '3' };

  it.each([
    ['', true],
    ['app=kafka', true],
    ['app==kafka', true],
    ['app!=kafka', false],
    ['app!=zookeeper', true],
    ['missing!=x', true],
    ['tier in (gold, silver)', true],
    ['tier notin (gold)', false],
    ['missing notin (gold)', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=kafka,tier in (bronze)', false],
    ['replicas>2', true],
    ['replicas<3', false],
    ['example.com/role=x', false],
  ])('%j matches %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each(['app in (a', '=x', 'app in a', 'bad key!=x', 'a=b c'])(
    'rejects %j',
    selector => {
      expect(() => parseLabelSelector(selector)).toThrow();
    },
  );

  it('accepts an empty value, which selects the empty label', () => {
    expect(parseLabelSelector('app=')).toEqual([
      { key: 'app', operator: '=', values: [''] },
    ]);
  });
});

describe('field selectors', () => {
  it('accepts metadata.name and metadata.namespace for every kind, and some kind fields', () => {
    expect(
      parseFieldSelector('metadata.name=a,metadata.namespace!=b', 'Kafka'),
    ).toEqual([
      { field: 'metadata.name', operator: '=', value: 'a' },
      { field: 'metadata.namespace', operator: '!=', value: 'b' },
    ]);
    expect(parseFieldSelector('status.phase==Running', 'Pod')).toEqual([
      { field: 'status.phase', operator: '=', value: 'Running' },
    ]);
  });

  it('rejects fields the kind cannot be selected on, with the server\u2019s message', () => {
    expect(() => parseFieldSelector('spec.replicas=3', 'Kafka')).toThrow(
      'field label not supported: spec.replicas',
    );
  });
});
