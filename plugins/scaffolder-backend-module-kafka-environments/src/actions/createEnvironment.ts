import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod3 } from 'zod/v3';
import {
  EnvironmentSpec,
  renderKafkaEnvironment,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { examples } from './createEnvironment.examples';
import { inputProperties as p } from './inputProperties';

const inputSchema = (zod: typeof zod3) =>
  zod.object({
    name: p.name(zod),
    namespace: p.namespace(zod),
    operator: p.operator(zod),
    strimziApiVersion: p.strimziApiVersion(zod),
    size: p.size(zod),
    kubernetesId: p.kubernetesId(zod),
    topics: p.topics(zod),
    cfkImages: p.cfkImages(zod),
    targetPath: p.targetPath(zod),
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

      const { objects, files, requiredSecrets } = renderKafkaEnvironment(
        spec,
        input.operator === 'strimzi'
          ? { operator: 'strimzi', strimziApiVersion: input.strimziApiVersion }
          : { operator: 'cfk', cfkImages: input.cfkImages },
      );
      const relativeDir =
        input.targetPath ?? path.posix.join('kafka', input.name);
      const targetDir = resolveSafeChildPath(ctx.workspacePath, relativeDir);
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
