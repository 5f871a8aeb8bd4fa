import {
  normalizeOwnerRef,
  normalizeSystemRef,
  resolveOwner,
  resolveSystem,
} from './ownership';

const object = (
  annotations: Record<string, string> = {},
  labels: Record<string, string> = {},
) => ({ annotations, labels });

describe('resolveOwner', () => {
  const fallback = 'group:default/platform';

  it('takes the annotation first, as a full reference', () => {
    expect(
      resolveOwner(
        object(
          { 'k8s-kafka.io/owner': 'user:alice' },
          { 'k8s-kafka.io/owner': 'team-checkout' },
        ),
        fallback,
      ),
    ).toEqual({
      ref: 'user:default/alice',
      source: 'annotation',
      problems: [],
    });
  });

  it('reads the label as a Group in the default namespace', () => {
    expect(
      resolveOwner(
        object({}, { 'k8s-kafka.io/owner': 'team-checkout' }),
        fallback,
      ),
    ).toEqual({
      ref: 'group:default/team-checkout',
      source: 'label',
      problems: [],
    });
  });

  it('falls back, and reports a value that is not an owner', () => {
    const resolved = resolveOwner(
      object({ 'k8s-kafka.io/owner': 'system:commerce' }),
      fallback,
    );
    expect(resolved.ref).toBe(fallback);
    expect(resolved.source).toBe('default');
    expect(resolved.problems).toEqual([
      expect.stringContaining("'system:commerce' names a system"),
    ]);
  });

  it('reports a malformed annotation and uses the label behind it', () => {
    const resolved = resolveOwner(
      object(
        { 'k8s-kafka.io/owner': 'Platform Team' },
        { 'k8s-kafka.io/owner': 'platform' },
      ),
      'group:default/other',
    );
    expect(resolved.ref).toBe('group:default/platform');
    expect(resolved.problems).toHaveLength(1);
  });
});

describe('resolveSystem', () => {
  it('reads annotation, then label, then the fallback, else none', () => {
    expect(
      resolveSystem(object({ 'k8s-kafka.io/system': 'commerce' }), undefined)
        .ref,
    ).toBe('system:default/commerce');
    expect(
      resolveSystem(
        object({}, { 'k8s-kafka.io/system': 'commerce' }),
        undefined,
      ).ref,
    ).toBe('system:default/commerce');
    expect(resolveSystem(object(), 'system:default/platform')).toMatchObject({
      ref: 'system:default/platform',
      source: 'default',
    });
    expect(resolveSystem(object(), undefined)).toEqual({
      source: 'none',
      problems: [],
    });
  });
});

describe('normalizing configured references', () => {
  it('fills in kind and namespace, and refuses the wrong kind', () => {
    expect(normalizeOwnerRef('platform')).toBe('group:default/platform');
    expect(normalizeOwnerRef('group:ops/sre')).toBe('group:ops/sre');
    expect(normalizeSystemRef('commerce')).toBe('system:default/commerce');
    expect(() => normalizeOwnerRef('component:orders')).toThrow(
      /expected group or user/,
    );
  });
});
