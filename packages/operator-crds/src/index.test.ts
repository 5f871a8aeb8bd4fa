import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_CRDS_DIR, crdsDir, loadCrdSet } from '.';

describe('operator CRDs', () => {
  it('reads the bundled sets unless KUBE_SANDBOX_CRDS_DIR names another folder', () => {
    expect(crdsDir({})).toBe(BUNDLED_CRDS_DIR);
    expect(crdsDir({ KUBE_SANDBOX_CRDS_DIR: '/elsewhere/crds' })).toBe(
      '/elsewhere/crds',
    );
  });

  it.each([
    // Counted from the operators' releases: CFK's chart and Strimzi's 04x-Crd-*.yaml files.
    ['cfk-3.3.0', 29, ['v1beta1']],
    ['strimzi-0.51.0', 10, ['v1', 'v1beta2']],
    ['strimzi-1.2.0', 10, ['v1']],
  ])('bundles %s: %i CRDs serving %j', (set, count, versions) => {
    const crds = loadCrdSet(set);
    expect(crds).toHaveLength(count);
    const kafka = crds.find(c => c.spec.names.kind === 'Kafka')!;
    expect(kafka.spec.versions.filter(v => v.served).map(v => v.name)).toEqual(
      versions,
    );
    expect(kafka.spec.versions.every(v => v.schema?.openAPIV3Schema)).toBe(
      true,
    );
  });

  it('names the folder and the override when a set is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'operator-crds-'));
    try {
      expect(() => loadCrdSet('strimzi-1.2.0', empty)).toThrow(
        new RegExp(`not in ${empty}.*KUBE_SANDBOX_CRDS_DIR`),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
