import { jsonPatch, mergePatch } from './patches';
import { strategicMergePatch } from './strategic';

const pod = {
  metadata: { name: 'p', finalizers: ['a', 'b'], labels: { x: '1' } },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'app:1',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80 }],
      },
      { name: 'side', image: 'side:1' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'a' }],
  },
};

describe('strategic merge patch', () => {
  it('merges lists of maps by their merge key and leaves other items alone', () => {
    const out: any = strategicMergePatch(
      pod,
      {
        spec: {
          containers: [
            { name: 'app', image: 'app:2', env: [{ name: 'C', value: '3' }] },
          ],
        },
      },
      'V1Pod',
    );
    expect(out.spec.containers.map((c: any) => [c.name, c.image])).toEqual([
      ['app', 'app:2'],
      ['side', 'side:1'],
    ]);
    expect(out.spec.containers[0].env.map((e: any) => e.name)).toEqual([
      'A',
      'B',
      'C',
    ]);
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 80 }]);
    expect(pod.spec.containers[0].image).toBe('app:1');
  });

  it('replaces lists that have no patch strategy', () => {
    const out: any = strategicMergePatch(
      pod,
      { spec: { tolerations: [{ key: 'b' }] } },
      'V1Pod',
    );
    expect(out.spec.tolerations).toEqual([{ key: 'b' }]);
  });

  it('merges primitive lists with a merge strategy (finalizers) and deletes from them', () => {
    expect(
      (
        strategicMergePatch(
          pod,
          { metadata: { finalizers: ['c'] } },
          'V1Pod',
        ) as any
      ).metadata.finalizers,
    ).toEqual(['a', 'b', 'c']);
    const out: any = strategicMergePatch(
      pod,
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
      'V1Pod',
    );
    expect(out.metadata.finalizers).toEqual(['b']);
  });

  it('honours $patch delete and replace, null deletes, $retainKeys and $setElementOrder', () => {
    const deleted: any = strategicMergePatch(
      pod,
      { spec: { containers: [{ name: 'side', $patch: 'delete' }] } },
      'V1Pod',
    );
    expect(deleted.spec.containers.map((c: any) => c.name)).toEqual(['app']);
    const replaced: any = strategicMergePatch(
      pod,
      {
        spec: {
          containers: [{ name: 'only', image: 'o:1' }, { $patch: 'replace' }],
        },
      },
      'V1Pod',
    );
    expect(replaced.spec.containers).toEqual([{ name: 'only', image: 'o:1' }]);
    const mapReplaced: any = strategicMergePatch(
      pod,
      { metadata: { labels: { y: '2', $patch: 'replace' } } },
      'V1Pod',
    );
    expect(mapReplaced.metadata.labels).toEqual({ y: '2' });
    expect(
      (
        strategicMergePatch(
          pod,
          { metadata: { labels: { x: null } } },
          'V1Pod',
        ) as any
      ).metadata.labels,
    ).toEqual({});
    const retained: any = strategicMergePatch(
      pod,
      {
        spec: {
          volumes: [
            {
              name: 'data',
              $retainKeys: ['name', 'persistentVolumeClaim'],
              persistentVolumeClaim: { claimName: 'c' },
            },
          ],
        },
      },
      'V1Pod',
    );
    expect(retained.spec.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'c' } },
    ]);
    const ordered: any = strategicMergePatch(
      pod,
      {
        spec: {
          '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }],
        },
      },
      'V1Pod',
    );
    expect(ordered.spec.containers.map((c: any) => c.name)).toEqual([
      'side',
      'app',
    ]);
  });
});

describe('merge and JSON patch', () => {
  it('applies RFC 7386 merge patches', () => {
    expect(
      mergePatch(
        { a: { b: 1, c: 2 }, l: [1, 2] },
        { a: { b: null, d: 3 }, l: [3] },
      ),
    ).toEqual({ a: { c: 2, d: 3 }, l: [3] });
  });

  it('applies RFC 6902 patches and fails a failed test', () => {
    expect(
      jsonPatch({ a: [1] }, [{ op: 'add', path: '/a/-', value: 2 }]),
    ).toEqual({ a: [1, 2] });
    expect(() =>
      jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]),
    ).toThrow();
    expect(() => jsonPatch({ a: 1 }, { op: 'add' })).toThrow();
  });
});
