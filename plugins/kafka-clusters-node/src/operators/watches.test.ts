import {
  cfkAdapter,
  defaultOperatorAdapters,
  pickServedVersion,
  strimziAdapter,
  watchSpecsOf,
} from '.';
import { loadCrdSet } from '@k8s-kafka/operator-crds';

interface Crd {
  group: string;
  kind: string;
  plural: string;
  served: string[];
}

// The operators' real CRDs (packages/operator-crds), as the API server would serve them.
function crds(release: string): Crd[] {
  return loadCrdSet(release).map(doc => ({
    group: doc.spec.group,
    kind: doc.spec.names.kind,
    plural: doc.spec.names.plural,
    served: doc.spec.versions.filter(v => v.served).map(v => v.name),
  }));
}

const RELEASES = {
  cfk: ['cfk-3.3.0'],
  strimzi: ['strimzi-0.51.0', 'strimzi-1.2.0'],
};

describe.each([
  ['cfk', cfkAdapter],
  ['strimzi', strimziAdapter],
] as const)('%s watch specs', (operator, adapter) => {
  const custom = adapter.watches.filter(
    spec => spec.group !== '' && spec.group !== 'apps',
  );

  it.each(RELEASES[operator])(
    'name kinds, plurals and versions of the CRDs of %s',
    release => {
      const served = crds(release);
      for (const spec of custom) {
        const crd = served.find(
          c => c.group === spec.group && c.kind === spec.kind,
        );
        expect({ kind: spec.kind, plural: crd?.plural }).toEqual({
          kind: spec.kind,
          plural: spec.plural,
        });
        // Exactly one version gets picked, and it is one the release serves.
        expect(crd?.served).toContain(pickServedVersion(spec, crd!.served));
      }
    },
  );

  it('pick v1 on Strimzi 1.x and 0.51, v1beta2 on older operators, nothing when the CRD is missing', () => {
    const kafka = adapter.presence;
    expect(pickServedVersion(kafka, [])).toBeUndefined();
    expect(
      pickServedVersion(
        kafka,
        operator === 'cfk' ? ['v1beta1'] : ['v1beta2', 'v1'],
      ),
    ).toBe(operator === 'cfk' ? 'v1beta1' : 'v1');
  });

  it('select only operator-labelled pods', () => {
    const pods = adapter.watches.filter(spec => spec.kind === 'Pod');
    expect(pods.map(p => p.labelSelector)).toEqual([
      operator === 'cfk' ? 'confluent-platform=true' : 'strimzi.io/kind',
    ]);
  });
});

it('Strimzi 0.51 serves v1 and v1beta2; 1.2 only v1', () => {
  expect(
    crds('strimzi-0.51.0')
      .find(c => c.kind === 'Kafka')
      ?.served.sort(),
  ).toEqual(['v1', 'v1beta2']);
  expect(crds('strimzi-1.2.0').find(c => c.kind === 'Kafka')?.served).toEqual([
    'v1',
  ]);
  expect(pickServedVersion(strimziAdapter.presence, ['v1beta2'])).toBe(
    'v1beta2',
  );
});

it('watchSpecsOf lists the core kinds both adapters share once', () => {
  const specs = watchSpecsOf(defaultOperatorAdapters);
  const keys = specs.map(s => s.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toEqual(
    expect.arrayContaining([
      'core/events',
      'core/persistentvolumeclaims',
      'cfk/pods',
      'strimzi/pods',
    ]),
  );
  expect(specs.find(s => s.key === 'core/events')?.fieldSelector).toBe(
    'type=Warning',
  );
  expect(specs).toHaveLength(
    cfkAdapter.watches.length + strimziAdapter.watches.length - 2,
  );
});
