import {
  CFK_CA_SECRET,
  CfkImages,
  renderCfkEnvironment,
} from './cfk/render/environment';
import { EnvironmentSpec, RenderedObject } from './common/render/environment';
import { RenderedFile, toFiles } from './common/render/files';
import {
  renderStrimziEnvironment,
  StrimziApiVersion,
} from './strimzi/render/environment';

/**
 * Which operator a new environment is written for, and that operator's options.
 *
 * @public
 */
export type EnvironmentOperator =
  | { operator: 'strimzi'; strimziApiVersion: StrimziApiVersion }
  | { operator: 'cfk'; cfkImages: CfkImages };

/**
 * A new environment's custom resources, their files (one per resource and a
 * kustomization.yaml), and the Secrets it expects in its namespace (never rendered).
 *
 * @public
 */
export interface RenderedEnvironment {
  objects: RenderedObject[];
  files: RenderedFile[];
  requiredSecrets: string[];
}

/**
 * Renders a complete KRaft Kafka environment, secure by default, for CFK or Strimzi.
 *
 * @public
 */
export function renderKafkaEnvironment(
  spec: EnvironmentSpec,
  target: EnvironmentOperator,
): RenderedEnvironment {
  const objects =
    target.operator === 'strimzi'
      ? renderStrimziEnvironment(spec, target.strimziApiVersion)
      : renderCfkEnvironment(spec, target.cfkImages);
  return {
    objects,
    files: toFiles(objects, spec.namespace),
    requiredSecrets: target.operator === 'cfk' ? [CFK_CA_SECRET] : [],
  };
}
