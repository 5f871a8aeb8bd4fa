import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { cfkHealthy } from '../__fixtures__/cfk';
import { shareUnchanged } from './shareUnchanged';

function copy(status: KafkaClusterStatus): KafkaClusterStatus {
  return JSON.parse(JSON.stringify(status));
}

describe('shareUnchanged', () => {
  it('keeps the previous value when the next one is deeply equal', () => {
    const previous = cfkHealthy();
    expect(shareUnchanged(previous, copy(previous))).toBe(previous);
  });

  it('reuses the unchanged parts and takes the changed ones', () => {
    const previous = cfkHealthy();
    const next = copy(previous);
    next.health = 'progressing';
    next.brokers.members[2].ready = false;

    const shared = shareUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared).not.toBe(previous);
    expect(shared.topics).toBe(previous.topics);
    expect(shared.components).toBe(previous.components);
    expect(shared.brokers).not.toBe(previous.brokers);
    expect(shared.brokers.members[0]).toBe(previous.brokers.members[0]);
    expect(shared.brokers.members[2]).not.toBe(previous.brokers.members[2]);
  });

  it('notices keys and items that appear or disappear', () => {
    expect(shareUnchanged({ a: 1 }, { a: 1, b: undefined })).toEqual({
      a: 1,
      b: undefined,
    });
    expect(shareUnchanged({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    expect(shareUnchanged([1, 2], [1])).toEqual([1]);
    expect(shareUnchanged([1], [1, 2])).toEqual([1, 2]);
  });
});
