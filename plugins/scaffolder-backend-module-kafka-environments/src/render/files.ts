import YAML from 'yaml';
import { KubernetesObject } from './types';

export interface RenderedFile {
  /** Relative to the environment's folder. */
  path: string;
  content: string;
}

/**
 * One file per resource, named `<kind>-<name>.yaml`, plus the kustomization.yaml that lists
 * them, which is what Argo CD and Flux apply.
 */
export function toFiles(
  objects: KubernetesObject[],
  namespace: string,
): RenderedFile[] {
  const files = objects.map(object => ({
    path: `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`,
    content: YAML.stringify(object),
  }));
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace,
    resources: files.map(file => file.path),
  };
  return [
    ...files,
    { path: 'kustomization.yaml', content: YAML.stringify(kustomization) },
  ];
}
