import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod3 } from 'zod/v3';
import { CFK_CA_SECRET, renderCfkEnvironment } from '../render/cfk';
import { toFiles } from '../render/files';
import { renderStrimziEnvironment } from '../render/strimzi';
import { EnvironmentSpec } from '../render/types';
import { examples } from './createEnvironment.examples';

// Kafka and topic resource names end up in pod, service and PVC names: DNS-1035 labels.
const NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const inputSchema = (zod: typeof zod3) =>
  zod.object({
    name: zod
      .string()
      .max(40)
      .regex(NAME_PATTERN)
      .describe('Name of the Kafka cluster (a DNS label)'),
    namespace: zod
      .string()
      .max(63)
      .regex(NAME_PATTERN)
      .describe('Kubernetes namespace of the environment'),
    operator: zod
      .enum(['strimzi', 'cfk'])
      .describe('The operator that runs the cluster'),
    strimziApiVersion: zod
      .enum(['v1', 'v1beta2'])
      .default('v1')
      .describe(
        'kafka.strimzi.io version: v1 for Strimzi 0.49 and later, v1beta2 up to 0.51',
      ),
    size: zod
      .enum(['dev', 'small', 'production'])
      .default('small')
      .describe(
        'dev: 1 node; small: 3 brokers, 3 controllers; production: 5 brokers, 3 controllers',
      ),
    kubernetesId: zod
      .string()
      .optional()
      .describe(
        'backstage.io/kubernetes-id label for every resource (the owning service)',
      ),
    topics: zod
      .array(
        zod.object({
          name: zod.string().max(200).regex(NAME_PATTERN),
          partitions: zod.number().int().min(1).max(1000).default(3),
          replicas: zod.number().int().min(1).max(5).optional(),
          config: zod.record(zod.string(), zod.string()).optional(),
        }),
      )
      .default([])
      .describe('Topics to create with the cluster'),
    cfkImages: zod
      .object({ server: zod.string(), init: zod.string() })
      .default({
        server: 'confluentinc/cp-server:8.1.0',
        init: 'confluentinc/confluent-init-container:3.1.0',
      })
      .describe('CFK images (CFK only)'),
    targetPath: zod
      .string()
      .optional()
      .describe(
        'Folder in the workspace to write into; kafka/<name> by default',
      ),
  });

/**
 * `kafka:environment:create`: renders a complete Kafka environment for CFK or Strimzi as
 * custom resources, one file each plus a kustomization.yaml, into the workspace, for a
 * `publish:*` step to send to the GitOps repository.
 *
 * @public
 */
export function createKafkaEnvironmentCreateAction() {
  return createTemplateAction({
    id: 'kafka:environment:create',
    description:
      'Writes the custom resources of a new Kafka environment (CFK or Strimzi) into the workspace',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        path: z =>
          z.string().describe('The folder written, relative to the workspace'),
        files: z =>
          z
            .array(z.string())
            .describe('The files written, relative to the workspace'),
        requiredSecrets: z =>
          z
            .array(z.string())
            .describe(
              'Secrets the environment needs in its namespace; never written by the action',
            ),
      },
    },
    async handler(ctx) {
      // The scaffolder checks input against the JSON Schema derived from inputSchema, which
      // neither applies defaults nor runs the refinements: parse it here.
      const parsed = inputSchema(zod3).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(`Invalid input: ${parsed.error.message}`);
      }
      const input = parsed.data;
      const spec: EnvironmentSpec = {
        name: input.name,
        namespace: input.namespace,
        size: input.size,
        topics: input.topics,
        kubernetesId: input.kubernetesId,
      };
      const names = new Set<string>();
      for (const topic of spec.topics) {
        if (names.has(topic.name)) {
          throw new InputError(`Topic '${topic.name}' is listed twice`);
        }
        names.add(topic.name);
        const limit = spec.size === 'dev' ? 1 : 3;
        if (topic.replicas !== undefined && topic.replicas > limit) {
          throw new InputError(
            `Topic '${topic.name}' asks for ${topic.replicas} replicas; a ${spec.size} environment has room for ${limit}`,
          );
        }
      }

      const objects =
        input.operator === 'strimzi'
          ? renderStrimziEnvironment(spec, input.strimziApiVersion)
          : renderCfkEnvironment(spec, input.cfkImages);
      const requiredSecrets = input.operator === 'cfk' ? [CFK_CA_SECRET] : [];
      const relativeDir =
        input.targetPath ?? path.posix.join('kafka', input.name);
      const targetDir = resolveSafeChildPath(ctx.workspacePath, relativeDir);
      const files = toFiles(objects, spec.namespace);
      const written = files.map(file =>
        path.posix.join(relativeDir, file.path),
      );

      ctx.logger.info(
        `Rendered ${objects.length} ${input.operator} resources for ${spec.namespace}/${spec.name} (${spec.size})`,
      );
      if (!ctx.isDryRun) {
        const existing = await fs.readdir(targetDir).catch(() => []);
        if (existing.length > 0) {
          throw new InputError(
            `${relativeDir} already exists in the workspace and is not empty; choose another targetPath`,
          );
        }
        await fs.mkdir(targetDir, { recursive: true });
        for (const file of files) {
          await fs.writeFile(
            path.join(targetDir, file.path),
            file.content,
            'utf8',
          );
          ctx.logger.info(`Wrote ${path.posix.join(relativeDir, file.path)}`);
        }
      }
      if (requiredSecrets.length > 0) {
        ctx.logger.info(
          `The environment needs these Secrets in namespace ${
            spec.namespace
          }: ${requiredSecrets.join(', ')}`,
        );
      }
      ctx.output('path', relativeDir);
      ctx.output('files', written);
      ctx.output('requiredSecrets', requiredSecrets);
    },
  });
}
