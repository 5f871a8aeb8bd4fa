import path from 'node:path';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod3 } from 'zod/v3';
import {
  KubernetesClusterAccess,
  renderKafkaEnvironment,
  StrimziApiVersion,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { checkCreateInput } from '../environments/checks';
import { EnvironmentsConfig } from '../environments/config';
import { discoverTargetCluster } from '../environments/targetCluster';
import { targetFolder, writeFiles } from '../environments/workspace';
import { examples } from './createEnvironment.examples';
import { inputProperties as p } from './inputProperties';
import {
  parseInput,
  resourcesOf,
  summaryParagraphs,
  writtenEnvironmentOutputs,
} from './outputs';

const inputSchema = (zod: typeof zod3) =>
  zod
    .object({
      name: p.name(zod),
      namespace: p.namespace(zod),
      operator: p.operator(zod),
      targetCluster: p.targetCluster(zod),
      strimziApiVersion: p.strimziApiVersion(zod),
      profile: p.profile(zod),
      service: p.service(zod),
      owner: p.owner(zod),
      topics: p.topics(zod),
      partitions: p.partitions(zod),
      components: p.components(zod),
      connectors: p.connectors(zod),
      security: p.security(zod),
      mds: p.mds(zod),
      superUsers: p.superUsers(zod),
      brokers: p.brokers(zod),
      storagePerBroker: p.storagePerBroker(zod),
      storageClass: p.storageClass(zod),
      cfkImages: p.cfkImages(zod),
      targetPath: p.targetPath(zod),
    })
    .strict();

/**
 * `kafka:environment:create`: renders a complete, secure-by-default Kafka environment for CFK
 * or Strimzi, for a configured target Kubernetes cluster, as custom resources (one file each
 * plus a kustomization.yaml) in the workspace, for a `publish:*` step to send to the GitOps
 * repository. It writes only into the workspace, so it writes in a dry run too.
 *
 * @public
 */
export function createKafkaEnvironmentCreateAction(options: {
  clusters: KubernetesClusterAccess;
  environments: EnvironmentsConfig;
}) {
  const { clusters, environments } = options;
  return createTemplateAction({
    id: 'kafka:environment:create',
    description:
      'Writes the custom resources of a new Kafka environment (CFK or Strimzi) into the workspace',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        ...writtenEnvironmentOutputs,
        summary: z =>
          z
            .string()
            .describe(
              'The Secrets to provide and the warnings, as Markdown for a pull request',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      const environmentId = `${input.targetCluster}/${input.namespace}/${input.name}`;
      const spec = checkCreateInput(input, environments.limits, environmentId);
      const relativeDir =
        input.targetPath ??
        path.posix.join(
          environments.gitopsPath(input.targetCluster),
          input.namespace,
          input.name,
        );
      const folder = await targetFolder(ctx.workspacePath, relativeDir);

      const target = await discoverTargetCluster(clusters, {
        targetCluster: input.targetCluster,
        operator: input.operator,
        strimziApiVersion: input.strimziApiVersion,
      });
      const allowedVersions =
        environments.limits.allowedVersions[input.operator];
      if (!allowedVersions.includes(target.apiVersion)) {
        throw new InputError(
          `${input.operator} ${target.apiVersion} (what '${
            target.name
          }' serves) is not allowed (limit allowedVersions.${
            input.operator
          }: ${allowedVersions.join(', ')})`,
        );
      }

      const rendered = renderKafkaEnvironment(
        spec,
        input.operator === 'strimzi'
          ? {
              operator: 'strimzi',
              strimziApiVersion: target.apiVersion as StrimziApiVersion,
            }
          : { operator: 'cfk', cfkImages: input.cfkImages },
      );
      await writeFiles(folder, rendered.files);
      ctx.logger.info(
        `Wrote ${rendered.objects.length} ${input.operator} ${target.apiVersion} resources for ${environmentId} (${spec.profile}) into ${relativeDir}`,
      );
      for (const warning of rendered.warnings) ctx.logger.warn(warning);

      ctx.output('path', relativeDir);
      ctx.output(
        'files',
        rendered.files.map(file => path.posix.join(relativeDir, file.path)),
      );
      ctx.output('resources', resourcesOf(rendered.objects));
      ctx.output('requiredSecrets', rendered.requiredSecrets);
      ctx.output('warnings', rendered.warnings);
      ctx.output('environmentId', environmentId);
      ctx.output(
        'summary',
        summaryParagraphs(rendered.requiredSecrets, rendered.warnings).join(
          '\n\n',
        ),
      );
    },
  });
}
