import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * `KafkaClusterPicker`: one of the Kafka clusters of the service chosen in the same form, as
 * `{ cluster, namespace, name }`.
 *
 * @public
 */
export const KafkaClusterPickerFieldSchema = makeFieldSchema({
  output: z =>
    z
      .object({
        cluster: z
          .string()
          .describe(
            "The Kubernetes cluster's name, as configured in kubernetes.clusterLocatorMethods",
          ),
        namespace: z.string().describe('The namespace of the Kafka resource'),
        name: z.string().describe('The name of the Kafka resource'),
      })
      .describe(
        'A Kafka cluster of the service, as the kafka-clusters backend finds it',
      ),
  uiOptions: z =>
    z.object({
      serviceField: z
        .string()
        .optional()
        .describe(
          "The form's property holding the service's entity ref, whose Kafka clusters are listed. Default service",
        ),
    }),
});

/** @public */
export type KafkaClusterPickerProps =
  typeof KafkaClusterPickerFieldSchema.TProps;

/** @public */
export type KafkaClusterPickerValue =
  typeof KafkaClusterPickerFieldSchema.TOutput;
