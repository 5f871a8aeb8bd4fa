import { evaluateJsonPath } from './jsonpath';
import { BUILTIN_TYPES } from '../resources/builtinTypes';
import { humanDuration, toTable } from './table';

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

describe('the pod printer', () => {
  const podType = BUILTIN_TYPES.find(t => t.kind === 'Pod')!;
  const cells = (status: Record<string, unknown>) =>
    toTable(
      podType,
      'v1',
      [
        {
          metadata: { name: 'p', creationTimestamp: new Date().toISOString() },
          spec: { containers: [{ name: 'kafka' }] },
          status,
        },
      ],
      {},
    ).rows[0].cells.slice(1, 4);

  it('shows the waiting reason, and how long ago the last restart was', () => {
    const finishedAt = new Date(Date.now() - 37_000).toISOString();
    expect(
      cells({
        phase: 'Running',
        containerStatuses: [
          {
            ready: false,
            restartCount: 13,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: {
              terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt },
            },
          },
        ],
      }),
    ).toEqual(['0/1', 'CrashLoopBackOff', '13 (37s ago)']);
  });

  it('shows init containers in progress and the phase otherwise', () => {
    expect(
      cells({
        phase: 'Pending',
        initContainerStatuses: [{ state: { running: {} } }],
        containerStatuses: [
          {
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'PodInitializing' } },
          },
        ],
      }),
    ).toEqual(['0/1', 'Init:0/1', 0]);
    expect(
      cells({
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 0, state: { running: {} } },
        ],
      }),
    ).toEqual(['1/1', 'Running', 0]);
  });
});
