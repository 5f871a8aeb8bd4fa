import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * `KafkaApplyClusterPicker`: the Kubernetes cluster to apply an environment to, among those
 * open to direct apply for the user.
 *
 * @public
 */
export const KafkaApplyClusterPickerFieldSchema = makeFieldSchema({
  output: z =>
    z
      .string()
      .describe(
        "The Kubernetes cluster's configured name; an enum in the template narrows the list further",
      ),
  uiOptions: z =>
    z.object({
      namespaceField: z
        .string()
        .optional()
        .describe(
          "The form's property holding the target namespace, checked against the cluster's namespace globs. Default namespace",
        ),
    }),
});

/** @public */
export type KafkaApplyClusterPickerProps =
  typeof KafkaApplyClusterPickerFieldSchema.TProps;
