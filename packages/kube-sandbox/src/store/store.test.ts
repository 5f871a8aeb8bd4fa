import { KubeObject } from '../types';
import { createStore } from './store';

const obj = (
  name: string,
  namespace?: string,
  labels?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace, labels },
});

describe('the store', () => {
  it('counts resourceVersions across resources and lists in key order', () => {
    const store = createStore();
    store.put('secrets', obj('b', 'ns'));
    store.put('pods', obj('a', 'ns'));
    store.put('secrets', obj('a', 'ns'));
    store.put('secrets', obj('a', 'ns-2'));
    expect(store.resourceVersion()).toBe(4);
    // etcd's byte order: '-' sorts before '/', so namespace ns-2 comes before ns.
    expect(store.list('secrets').map(e => e.key)).toEqual([
      'ns-2/a',
      'ns/a',
      'ns/b',
    ]);
    expect(
      store.list('secrets', 'ns').map(e => [e.key, e.resourceVersion]),
    ).toEqual([
      ['ns/a', 3],
      ['ns/b', 1],
    ]);
  });

  it('keeps objects as JSON, parsed into frozen values on demand', () => {
    const store = createStore();
    const entry = store.put('secrets', obj('a', 'ns', { app: 'x' }));
    expect(JSON.parse(entry.body.toString())).toEqual({
      metadata: {
        name: 'a',
        namespace: 'ns',
        labels: { app: 'x' },
        resourceVersion: '1',
      },
    });
    expect(entry.meta).toEqual({
      name: 'a',
      namespace: 'ns',
      labels: { app: 'x' },
    });
    expect(Object.isFrozen(entry.object.metadata)).toBe(true);
    expect(entry.object.kind).toBe('Secret');
  });

  it('reports DELETED with the deletion\u2019s resourceVersion and keeps a window of events', () => {
    const store = createStore({ historyLimit: 3 });
    const events: string[] = [];
    store.subscribe(e =>
      events.push(
        `${e.type} ${e.object.key} ${e.object.object.metadata.resourceVersion}`,
      ),
    );
    store.subscribe(() => {
      throw new Error('a failing subscriber does not break writes');
    });
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    store.put('secrets', obj('a', 'ns'));
    store.put('secrets', obj('a', 'ns'));
    store.remove('secrets', 'ns/a');
    store.put('secrets', obj('b', 'ns'));
    error.mockRestore();
    expect(events).toEqual([
      'ADDED ns/a 1',
      'MODIFIED ns/a 2',
      'DELETED ns/a 3',
      'ADDED ns/b 4',
    ]);
    expect(
      store.eventsSince('secrets', 1)?.map(e => e.resourceVersion),
    ).toEqual([2, 3, 4]);
    expect(store.eventsSince('secrets', 0)).toBeUndefined();
    store.compact();
    expect(store.eventsSince('secrets', 3)).toBeUndefined();
    expect(store.eventsSince('secrets', 4)).toEqual([]);
  });
});
