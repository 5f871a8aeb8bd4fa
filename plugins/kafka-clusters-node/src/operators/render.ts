import {
  CfkImages,
  DEFAULT_CFK_IMAGES,
  renderCfkEnvironment,
} from './cfk/render/environment';
import {
  EnvironmentSpec,
  RenderedObject,
  RequiredSecret,
} from './common/render/environment';
import { RenderedFile, toFiles } from './common/render/files';
import {
  renderStrimziEnvironment,
  StrimziApiVersion,
} from './strimzi/render/environment';

export {
  ENVIRONMENT_ANNOTATIONS,
  SIZE_PROFILES,
} from './common/render/environment';
export type {
  ConnectorSpec,
  EnvironmentComponents,
  EnvironmentSpec,
  MdsSpec,
  RenderedObject,
  RequiredSecret,
  ResourceFigures,
  SecuritySpec,
  SizeFigures,
  SizeProfile,
  TopicSpec,
} from './common/render/environment';
export { TOPIC_CONFIG_KEYS } from './common/render/topics';
export type { RenderedFile } from './common/render/files';
export { DEFAULT_CFK_IMAGES } from './cfk/render/environment';
export type { CfkImages } from './cfk/render/environment';
export type { StrimziApiVersion } from './strimzi/render/environment';

/**
 * Which operator a new environment is written for, and that operator's options.
 *
 * @public
 */
export type EnvironmentOperator =
  | { operator: 'strimzi'; strimziApiVersion: StrimziApiVersion }
  | { operator: 'cfk'; cfkImages?: Partial<CfkImages> };

/**
 * A new environment's custom resources, their files (one per resource and a
 * kustomization.yaml), the Secrets it expects in its namespace (named, never rendered) and
 * what its reader should know.
 *
 * @public
 */
export interface RenderedEnvironment {
  objects: RenderedObject[];
  files: RenderedFile[];
  requiredSecrets: RequiredSecret[];
  warnings: string[];
}

/**
 * Renders a complete KRaft Kafka environment, secure by default, for CFK or Strimzi. Pure: the
 * same spec gives the same bytes.
 *
 * @public
 */
export function renderKafkaEnvironment(
  spec: EnvironmentSpec,
  target: EnvironmentOperator,
): RenderedEnvironment {
  const { objects, requiredSecrets, warnings } =
    target.operator === 'strimzi'
      ? renderStrimziEnvironment(spec, target.strimziApiVersion)
      : renderCfkEnvironment(spec, {
          ...DEFAULT_CFK_IMAGES,
          ...target.cfkImages,
        });
  return {
    objects,
    files: toFiles(objects, spec.namespace),
    requiredSecrets,
    warnings,
  };
}
