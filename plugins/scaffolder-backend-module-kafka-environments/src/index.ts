/**
 * Scaffolder actions that write CFK and Strimzi custom resources into the workspace.
 *
 * @packageDocumentation
 */

export * from './actions';
export { scaffolderModuleKafkaEnvironments as default } from './module';
