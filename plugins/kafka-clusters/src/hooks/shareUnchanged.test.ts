import { cfkHealthy, cfkRolling } from '../__fixtures__/cfk';
import { shareUnchanged } from './shareUnchanged';

describe('shareUnchanged', () => {
  it('keeps the previous value when the next one is deeply equal', () => {
    const previous = cfkHealthy();
    const next = JSON.parse(JSON.stringify(previous));
    expect(shareUnchanged(previous, next)).toBe(previous);
  });

  it('reuses the unchanged parts and takes the changed ones', () => {
    const previous = cfkHealthy();
    const next = JSON.parse(JSON.stringify(cfkRolling()));
    next.topics = JSON.parse(JSON.stringify(previous.topics));
    const shared = shareUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared.topics).toBe(previous.topics);
    expect(shared.components).toBe(previous.components);
    expect(shared.brokers).not.toBe(previous.brokers);
    expect(shared.brokers.members[0]).toBe(previous.brokers.members[0]);
    expect(shared.brokers.members[2]).not.toBe(previous.brokers.members[2]);
  });

  it('notices keys that appear or disappear', () => {
    expect(shareUnchanged({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    const previous = { a: 1, b: 2 };
    expect(shareUnchanged(previous, { a: 1 })).toEqual({ a: 1 });
    expect(shareUnchanged([1, 2], [1])).toEqual([1]);
  });
});
