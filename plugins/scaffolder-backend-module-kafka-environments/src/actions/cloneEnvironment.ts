import path from 'node:path';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod3 } from 'zod/v3';
import {
  cloneKafkaEnvironment,
  CloneSpec,
  sourceKafkaOf,
  KubernetesClusterAccess,
  SourceObject,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { EnvironmentsConfig } from '../environments/config';
import {
  clusterClient,
  readLiveNamespace,
  readWorkspaceFolder,
  secretNames,
} from '../environments/sourceEnvironment';
import { discoverTargetCluster } from '../environments/targetCluster';
import { targetFolder, writeFiles } from '../environments/workspace';
import { examples } from './cloneEnvironment.examples';
import { inputProperties as p, PATTERNS } from './inputProperties';
import {
  parseInput,
  resourcesOf,
  summaryParagraphs,
  writtenEnvironmentOutputs,
} from './outputs';

const names = (zod: typeof zod3, what: string) =>
  zod
    .array(
      zod
        .string()
        .min(1)
        .max(249)
        .regex(/^[a-zA-Z0-9._*-]+$/),
    )
    .max(1000)
    .describe(what);

const inputSchema = (zod: typeof zod3) =>
  zod
    .object({
      sourceCluster: zod
        .string()
        .min(1)
        .max(253)
        .optional()
        .describe(
          'The Kubernetes cluster the source runs on; the live environment is read there unless sourcePath is given',
        ),
      sourceNamespace: p.namespace(zod).describe("The source's namespace"),
      sourceName: p.name(zod).describe("The source's Kafka resource"),
      sourcePath: zod
        .string()
        .max(500)
        .optional()
        .describe(
          "A workspace folder holding the source's files (fetched with fetch:plain) instead of the live environment",
        ),
      sourceRepoUrl: zod
        .string()
        .max(500)
        .optional()
        .describe(
          'The repository the files of sourcePath come from, for the record',
        ),
      targetCluster: p.targetCluster(zod),
      namespace: p.namespace(zod).describe("The clone's namespace"),
      name: p
        .name(zod)
        .optional()
        .describe("The clone's Kafka; the source's name by default"),
      profile: zod
        .enum(['ephemeral', 'source'])
        .default('ephemeral')
        .describe(
          'ephemeral: one node of each role, small storage, replication 1; source: the sizes of the source',
        ),
      expiresInHours: zod
        .number()
        .int()
        .min(1)
        .max(24 * 90)
        .optional()
        .describe(
          'When the clone may be removed (k8s-kafka.io/expires-at); 72 hours for an ephemeral clone',
        ),
      keepExternalAccess: zod
        .boolean()
        .default(false)
        .describe(
          'Keep listeners reachable from outside the Kubernetes cluster',
        ),
      connectors: names(
        zod,
        'Connectors to keep (Strimzi ones stopped); all others are dropped',
      ).default([]),
      data: zod
        .object({
          topics: names(zod, 'Topics to mirror, by name or * pattern').min(1),
          groups: names(
            zod,
            'Consumer groups whose offsets follow, by name or prefix*',
          ).optional(),
          sourceUser: zod
            .string()
            .max(63)
            .regex(PATTERNS.dnsLabel)
            .optional()
            .describe(
              'Strimzi: the KafkaUser of the source the mirror reads as (clone-reader by default)',
            ),
        })
        .strict()
        // A template passes null for "no data" (an expression cannot leave a key out).
        .nullable()
        .optional()
        .describe('Data to mirror from the source into the clone'),
      owner: p
        .owner(zod)
        .optional()
        .describe("The clone's owner; the source's by default"),
      service: p
        .service(zod)
        .optional()
        .describe("The clone's service; the source's by default"),
      delivery: zod
        .enum(['pull-request', 'apply'])
        .default('pull-request')
        .describe(
          'How the clone is delivered; with apply, the Secrets it needs must exist in the target namespace',
        ),
      targetPath: p.targetPath(zod),
    })
    .strict();

const DEFAULT_EPHEMERAL_HOURS = 72;

/**
 * `kafka:environment:clone`: writes a clone of a live Kafka environment (or of its files in the
 * workspace) into the workspace: the same configuration, renamed and re-namespaced
 * consistently, sized down, without Secrets, with the chosen topics mirrored from the source,
 * a clone record and a readable diff. It writes only into the workspace and reads clusters, so
 * it runs in a dry run too.
 *
 * @public
 */
export function createKafkaEnvironmentCloneAction(options: {
  clusters: KubernetesClusterAccess;
  environments: EnvironmentsConfig;
  /** The clock expiry is counted from (tests move it). */
  now?: () => Date;
}) {
  const { clusters, environments } = options;
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: 'kafka:environment:clone',
    description:
      'Writes a clone of a Kafka environment (CFK or Strimzi), with the chosen data mirrored, into the workspace',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        ...writtenEnvironmentOutputs,
        diff: z => z.string().describe('How the clone differs from its source'),
        expiresAt: z =>
          z.string().optional().describe('When the clone may be removed'),
        summary: z =>
          z
            .string()
            .describe(
              'The Secrets, warnings and diff, as Markdown for a pull request',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      if (!input.sourcePath && !input.sourceCluster) {
        throw new InputError(
          'Name the source: sourceCluster (the live environment) or sourcePath (its files in the workspace)',
        );
      }
      if ((input.data?.topics.length ?? 0) > environments.limits.maxTopics) {
        throw new InputError(
          `data.topics: ${
            input.data!.topics.length
          } entries exceed the platform's limit of ${
            environments.limits.maxTopics
          } topics (limit maxTopics)`,
        );
      }
      const name = input.name ?? input.sourceName;
      const environmentId = `${input.targetCluster}/${input.namespace}/${name}`;
      const relativeDir =
        input.targetPath ??
        path.posix.join(
          environments.gitopsPath(input.targetCluster),
          input.namespace,
          name,
        );
      const folder = await targetFolder(ctx.workspacePath, relativeDir);

      let objects: SourceObject[];
      if (input.sourcePath) {
        objects = await readWorkspaceFolder(
          ctx.workspacePath,
          input.sourcePath,
          'sourcePath',
        );
        ctx.logger.info(
          `Read ${objects.length} objects from ${input.sourcePath}`,
        );
      } else {
        const kc = await clusterClient(
          clusters,
          input.sourceCluster!,
          'sourceCluster',
        );
        objects = await readLiveNamespace(
          clusters,
          kc,
          input.sourceCluster!,
          input.sourceNamespace,
        );
        ctx.logger.info(
          `Read ${objects.length} CFK and Strimzi resources of namespace ${input.sourceNamespace} on ${input.sourceCluster}`,
        );
      }
      const { kafka, rules } = sourceKafkaOf(objects, {
        namespace: input.sourceNamespace,
        name: input.sourceName,
      });
      const operator = rules.facts.operator;
      if (!environments.limits.allowedOperators.includes(operator)) {
        throw new InputError(
          `The source runs on ${
            rules.facts.title
          }, which the platform does not allow (limit allowedOperators: ${environments.limits.allowedOperators.join(
            ', ',
          )})`,
        );
      }
      const version = kafka.apiVersion.split('/')[1];
      const target = await discoverTargetCluster(clusters, {
        targetCluster: input.targetCluster,
        operator,
        strimziApiVersion:
          operator === 'strimzi' ? (version as 'v1' | 'v1beta2') : undefined,
        // A clone keeps its source's API version.
        versionFrom: `The source is ${kafka.apiVersion}; a clone keeps its source's API version, and`,
      });
      if (
        !environments.limits.allowedVersions[operator].includes(
          target.apiVersion,
        )
      ) {
        throw new InputError(
          `${operator} ${
            target.apiVersion
          } is not allowed (limit allowedVersions.${operator}: ${environments.limits.allowedVersions[
            operator
          ].join(', ')})`,
        );
      }

      const hours =
        input.expiresInHours ??
        (input.profile === 'ephemeral' ? DEFAULT_EPHEMERAL_HOURS : undefined);
      const expiresAt =
        hours === undefined
          ? undefined
          : new Date(
              Math.floor(now().getTime() / 1000) * 1000 + hours * 3_600_000,
            )
              .toISOString()
              .replace('.000Z', 'Z');
      const spec: CloneSpec = {
        source: {
          ...(input.sourceCluster
            ? { kubernetesCluster: input.sourceCluster }
            : {}),
          namespace: input.sourceNamespace,
          name: input.sourceName,
          ...(input.sourceRepoUrl ? { repoUrl: input.sourceRepoUrl } : {}),
          ...(input.sourcePath ? { path: input.sourcePath } : {}),
          live: !input.sourcePath,
        },
        target: {
          kubernetesCluster: input.targetCluster,
          namespace: input.namespace,
          name,
        },
        profile: input.profile,
        keepExternalAccess: input.keepExternalAccess,
        connectors: input.connectors,
        ...(input.data ? { data: input.data } : {}),
        ...(expiresAt ? { expiresAt } : {}),
        ...(input.owner ? { owner: input.owner } : {}),
        ...(input.service ? { service: input.service } : {}),
        delivery: input.delivery,
      };
      const clone = cloneKafkaEnvironment(objects, spec);
      const files = clone.files;

      if (input.delivery === 'apply' && clone.requiredSecrets.length > 0) {
        const kc = await clusterClient(
          clusters,
          input.targetCluster,
          'targetCluster',
        );
        let present: Set<string>;
        try {
          present = await secretNames(clusters, kc, input.namespace);
        } catch (error) {
          throw new Error(
            `Could not list the Secrets of namespace '${input.namespace}' on '${
              input.targetCluster
            }': ${(error as Error).message}`,
          );
        }
        const missing = clone.requiredSecrets.filter(s => !present.has(s.name));
        if (missing.length > 0) {
          throw new InputError(
            `The clone needs Secrets that namespace '${input.namespace}' of '${
              input.targetCluster
            }' does not have (a clone never copies Secrets): ${missing
              .map(s => `${s.name} (${s.keys.join(', ')}): ${s.purpose}`)
              .join('; ')}`,
          );
        }
        ctx.logger.info(
          `The ${clone.requiredSecrets.length} Secrets the clone needs exist in ${input.namespace} (checked by name only)`,
        );
      }

      await writeFiles(folder, files);
      const dropped = clone.record.dropped.length;
      ctx.logger.info(
        `Wrote the clone ${environmentId}: ${clone.objects.length} resources (${dropped} of the source left out, ${clone.record.added.length} added for data) into ${relativeDir}`,
      );
      for (const warning of clone.warnings) ctx.logger.warn(warning);

      ctx.output('path', relativeDir);
      ctx.output(
        'files',
        files.map(f => path.posix.join(relativeDir, f.path)),
      );
      ctx.output('resources', resourcesOf(clone.objects));
      ctx.output('requiredSecrets', clone.requiredSecrets);
      ctx.output('warnings', clone.warnings);
      ctx.output('diff', clone.diff);
      ctx.output('environmentId', environmentId);
      if (expiresAt) ctx.output('expiresAt', expiresAt);
      ctx.output(
        'summary',
        [
          ...summaryParagraphs(clone.requiredSecrets, clone.warnings),
          `\`\`\`diff\n${clone.diff}\`\`\``,
        ].join('\n\n'),
      );
    },
  });
}
