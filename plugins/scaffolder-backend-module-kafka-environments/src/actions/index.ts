import { createKafkaEnvironmentCreateAction } from './createEnvironment';

export { createKafkaEnvironmentCreateAction };

/**
 * Every `kafka:environment:*` action.
 *
 * @public
 */
export function createKafkaEnvironmentActions() {
  return [createKafkaEnvironmentCreateAction()];
}
