import { InputError } from '@backstage/errors';
import type {
  RenderedObject,
  RequiredSecret,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { z as zod3 } from 'zod/v3';

type Zod = typeof zod3;

/**
 * The action's input, parsed by its own schema: the scaffolder checks input against the JSON
 * Schema derived from it, which neither applies defaults nor runs refinements. Every refusal is
 * an InputError naming the fields.
 */
export function parseInput<T extends zod3.ZodTypeAny>(
  schema: (zod: Zod) => T,
  input: unknown,
): zod3.infer<T> {
  const parsed = schema(zod3).safeParse(input);
  if (!parsed.success) {
    throw new InputError(
      `Invalid input: ${parsed.error.issues
        .map(i => `${i.path.join('.') || 'input'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

/** The outputs create and clone share: what they wrote, and what the requester should know. */
export const writtenEnvironmentOutputs = {
  path: (z: Zod) =>
    z.string().describe('The folder written, relative to the workspace'),
  files: (z: Zod) =>
    z
      .array(z.string())
      .describe('The files written, relative to the workspace'),
  resources: (z: Zod) =>
    z
      .array(
        z.object({
          apiVersion: z.string(),
          kind: z.string(),
          namespace: z.string(),
          name: z.string(),
        }),
      )
      .describe('Every resource written'),
  requiredSecrets: (z: Zod) =>
    z
      .array(
        z.object({
          name: z.string(),
          keys: z.array(z.string()),
          purpose: z.string(),
        }),
      )
      .describe(
        'Secrets the environment needs in its namespace: names and keys, never values',
      ),
  warnings: (z: Zod) =>
    z.array(z.string()).describe('What the requester should know'),
  environmentId: (z: Zod) =>
    z.string().describe('<kubernetes cluster>/<namespace>/<name>'),
};

/** `resources` as the outputs list them. */
export function resourcesOf(objects: readonly RenderedObject[]) {
  return objects.map(o => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
  }));
}

/** The Secrets to provide and the warnings, as Markdown paragraphs for a pull request. */
export function summaryParagraphs(
  requiredSecrets: readonly RequiredSecret[],
  warnings: readonly string[],
): string[] {
  return [
    `Secrets the namespace needs (names and keys only): ${
      requiredSecrets
        .map(s => `${s.name} (${s.keys.join(', ')}): ${s.purpose}`)
        .join('; ') || 'none'
    }.`,
    ...warnings.map(w => `Warning: ${w}.`),
  ];
}
