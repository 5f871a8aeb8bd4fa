import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * `KafkaDeliveryPicker`: how to deliver an environment, `pull-request` or `apply`, offering
 * only those this portal can carry out for the user.
 *
 * @public
 */
export const KafkaDeliveryPickerFieldSchema = makeFieldSchema({
  output: z =>
    z
      .enum(['pull-request', 'apply'])
      .describe(
        "pull-request (publish:github:pull-request) or apply (kafka:environment:apply); the property's enum and enumNames choose which the template allows and how they read",
      ),
});

/** @public */
export type KafkaDeliveryPickerProps =
  typeof KafkaDeliveryPickerFieldSchema.TProps;
