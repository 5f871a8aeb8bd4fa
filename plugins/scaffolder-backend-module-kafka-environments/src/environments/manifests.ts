import fs from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import YAML from 'yaml';

/** A Kubernetes object of a workspace folder, with the file it stands in. */
export interface FolderManifest {
  /** Relative to the workspace. */
  file: string;
  object: Record<string, any> & {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; [key: string]: unknown };
  };
}

/**
 * The Kubernetes objects of a folder's YAML files, in file order, with the namespace of its
 * kustomization.yaml applied to each as `kubectl apply -k` would; `undefined` when the folder
 * does not exist. Anything else than Kubernetes objects is an InputError naming the file.
 */
export async function readFolderManifests(
  dir: string,
  relative: string,
): Promise<FolderManifest[] | undefined> {
  const entries = await fs.readdir(dir).catch(() => undefined);
  if (entries === undefined) return undefined;
  let namespace: string | undefined;
  const out: FolderManifest[] = [];
  const files = entries
    .filter(name => /\.ya?ml$/.test(name))
    .sort((a, b) => a.localeCompare(b));
  for (const name of files) {
    const file = path.posix.join(relative, name);
    const docs = YAML.parseAllDocuments(
      await fs.readFile(path.join(dir, name), 'utf8'),
    );
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        throw new InputError(
          `${file} is not valid YAML: ${doc.errors[0].message}`,
        );
      }
      const object = doc.toJS();
      if (object === null || object === undefined) continue;
      if (/^kustomization\.ya?ml$/.test(name)) {
        if (typeof object.namespace === 'string') namespace = object.namespace;
        continue;
      }
      if (
        typeof object !== 'object' ||
        typeof object.apiVersion !== 'string' ||
        typeof object.kind !== 'string' ||
        typeof object.metadata?.name !== 'string'
      ) {
        throw new InputError(
          `${file} holds something that is not a Kubernetes object (apiVersion, kind, metadata.name)`,
        );
      }
      out.push({ file, object });
    }
  }
  return namespace
    ? out.map(m => ({
        ...m,
        object: { ...m.object, metadata: { ...m.object.metadata, namespace } },
      }))
    : out;
}
