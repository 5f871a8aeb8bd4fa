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
// Moved to the shared packages (the kafka-clusters backend reads the settings too); still
// exported here for code that imported them from this module.
export { matchesGlob } from '@k8s-kafka/plugin-kafka-clusters-common';
export {
  readApplySettings,
  type ApplySettings,
} from '@k8s-kafka/plugin-kafka-clusters-node';
export { scaffolderModuleKafkaEnvironments as default } from './module';
export { readEnvironmentsConfig } from './environments/config';
export type {
  EnvironmentsConfig,
  EnvironmentLimits,
} from './environments/config';
