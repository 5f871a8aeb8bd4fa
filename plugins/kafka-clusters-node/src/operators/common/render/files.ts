import YAML from 'yaml';
import { RenderedObject } from './environment';

/**
 * One file of a rendered environment.
 *
 * @public
 */
export interface RenderedFile {
  /** Relative to the environment's folder. */
  path: string;
  content: string;
}

// Long lines stay whole and a shared value is written out each time (no YAML anchors, which
// some GitOps tools read differently): the same input gives the same plain bytes.
const STRINGIFY: YAML.CreateNodeOptions & YAML.ToStringOptions = {
  lineWidth: 0,
  aliasDuplicateObjects: false,
};

/**
 * One file per resource, named `<kind>-<name>.yaml`, plus the kustomization.yaml that lists
 * them, which is what Argo CD and Flux apply.
 *
 * @public
 */
export function toFiles(
  objects: RenderedObject[],
  namespace: string,
): RenderedFile[] {
  const files = objects.map(object => ({
    path: `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`,
    content: YAML.stringify(object, STRINGIFY),
  }));
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace,
    resources: files.map(file => file.path),
  };
  return [
    ...files,
    {
      path: 'kustomization.yaml',
      content: YAML.stringify(kustomization, STRINGIFY),
    },
  ];
}
