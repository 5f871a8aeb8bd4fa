import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The CRD sets this package holds, by folder name; an override folder may hold others. @public */
export type CrdSetName =
  | 'cfk-3.3.0'
  | 'strimzi-0.51.0'
  | 'strimzi-1.2.0'
  | (string & {});

/** The sets bundled in this package. @public */
export const BUNDLED_CRD_SETS: readonly CrdSetName[] = [
  'cfk-3.3.0',
  'strimzi-0.51.0',
  'strimzi-1.2.0',
];

/** A CustomResourceDefinition as parsed from YAML. @public */
export type CustomResourceDefinition = {
  apiVersion: string;
  kind: 'CustomResourceDefinition';
  metadata: { name: string; [key: string]: unknown };
  spec: {
    group: string;
    names: { kind: string; plural: string; [key: string]: unknown };
    versions: Array<{
      name: string;
      served: boolean;
      storage: boolean;
      schema?: { openAPIV3Schema?: Record<string, unknown> };
      [key: string]: unknown;
    }>;
    [key: string]: unknown;
  };
};

/**
 * This package's own folder, which holds one folder per set. The package only ever runs from
 * source (private, never built), so `__dirname` is stable.
 * @public
 */
// eslint-disable-next-line no-restricted-syntax
export const BUNDLED_CRDS_DIR = resolve(__dirname, '..');

/**
 * The folder to read CRD sets from: `KUBE_SANDBOX_CRDS_DIR` when set (a user's own operator
 * versions), else the bundled sets.
 * @public
 */
export function crdsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBE_SANDBOX_CRDS_DIR
    ? resolve(env.KUBE_SANDBOX_CRDS_DIR)
    : BUNDLED_CRDS_DIR;
}

const parsed = new Map<string, CustomResourceDefinition[]>();

/**
 * The CRDs of one set, in file order (each YAML file parsed once per process). Throws an Error
 * naming the folder and the override when the set is not there.
 * @public
 */
export function loadCrdSet(
  set: CrdSetName,
  dir: string = crdsDir(),
): CustomResourceDefinition[] {
  const folder = join(dir, set);
  if (!existsSync(folder)) {
    throw new Error(
      `The CRD set ${set} is not in ${resolve(dir)} (no folder ${folder}). ` +
        `KUBE_SANDBOX_CRDS_DIR names a folder holding one folder per set; unset, the sets ` +
        `bundled in @k8s-kafka/operator-crds are read.`,
    );
  }
  return readdirSync(folder)
    .filter(file => /\.ya?ml$/.test(file))
    .sort()
    .flatMap(file => {
      const path = join(folder, file);
      let docs = parsed.get(path);
      if (!docs) {
        docs = parseAllDocuments(readFileSync(path, 'utf8'))
          .map(doc => doc.toJS() as CustomResourceDefinition)
          .filter(doc => doc?.kind === 'CustomResourceDefinition');
        parsed.set(path, docs);
      }
      return docs;
    });
}
