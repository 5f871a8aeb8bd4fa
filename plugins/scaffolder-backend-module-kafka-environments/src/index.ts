/**
 * Scaffolder actions that write CFK and Strimzi custom resources into the workspace.
 *
 * @packageDocumentation
 */

export * from './actions';
export {
  APPLY_FIELD_MANAGER,
  createKafkaEnvironmentApplyAction,
  type KafkaEnvironmentApplyActionOptions,
} from './actions/applyEnvironment';
export {
  createKafkaEnvironmentTargetConditionalDecision,
  kafkaEnvironmentTargetConditions,
  kafkaEnvironmentTargetResourceRef,
  kafkaEnvironmentTargetRules,
  type KafkaEnvironmentTarget,
} from './actions/applyEnvironmentPermissions';
export {
  matchesGlob,
  readApplySettings,
  type ApplySettings,
} from './actions/applyEnvironmentConfig';
export { scaffolderModuleKafkaEnvironments as default } from './module';
export { readEnvironmentsConfig } from './environments/config';
export type {
  EnvironmentsConfig,
  EnvironmentLimits,
} from './environments/config';
