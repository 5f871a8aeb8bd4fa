import { evaluateJsonPath } from './jsonpath';
import { humanDuration } from './table';

describe('printer-column JSONPath', () => {
  const kafka = {
    metadata: { labels: { 'strimzi.io/cluster': 'my-cluster' } },
    status: {
      conditions: [
        { type: 'Warning', status: 'False' },
        { type: 'Ready', status: 'True' },
      ],
      roles: ['broker', 'controller'],
    },
  };

  it.each([
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    ['.metadata.labels.strimzi\\.io/cluster', ['my-cluster']],
    ['.status.conditions[*].type', ['Warning', 'Ready']],
    ['.status.roles[1]', ['controller']],
    ['.status.missing', []],
  ])('%s', (path, expected) => {
    expect(evaluateJsonPath(kafka, path)).toEqual(expected);
  });
});

describe('ages', () => {
  it.each([
    [59_000, '59s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [3_600_000, '60m'],
    [5 * 3_600_000 + 60_000, '5h1m'],
    [30 * 3_600_000, '30h'],
    [3 * 86_400_000, '3d'],
    [400 * 86_400_000, '400d'],
    [3 * 365 * 86_400_000, '3y'],
  ])('%d ms is %s, as kubectl prints it', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
