import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  PermissionsService,
  RootConfigService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_ENVIRONMENT_ID,
  applySettingKey,
  kafkaEnvironmentApplyPermission,
  matchesGlob,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  ApplySettings,
  defaultOperatorFacts,
  KubeRequestError,
  KubernetesClusterAccess,
  readApplySettings,
  readWatchedNamespaces,
  ServedResource,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { z as zod3 } from 'zod/v3';
import { readFolderManifests } from '../environments/manifests';
import { examples } from './applyEnvironment.examples';
import {
  KafkaEnvironmentTarget,
  kafkaEnvironmentTargetRules,
} from './applyEnvironmentPermissions';
import {
  createCrdSchemaValidator,
  CustomResourceDefinition,
} from './applyEnvironmentSchemas';
import { describeProgress, waitUntilHealthy } from './applyEnvironmentWait';

/** The field manager the API server records for every field this action applies. */
export const APPLY_FIELD_MANAGER = 'backstage-kafka-environments';

const inputSchema = (zod: typeof zod3) =>
  zod.object({
    cluster: zod
      .string()
      .min(1)
      .describe(
        'The Kubernetes cluster to apply to, by its configured name (kubernetes.clusterLocatorMethods)',
      ),
    path: zod
      .string()
      .min(1)
      .describe(
        "The workspace folder holding the environment's resources, e.g. the output path of kafka:environment:create",
      ),
    force: zod
      .boolean()
      .default(false)
      .describe(
        'Take over fields another field manager owns instead of failing on the conflict',
      ),
    dryRun: zod
      .boolean()
      .default(false)
      .describe(
        'Only check: the API server validates every resource (dryRun=All) and stores nothing. Implied by a dry run of the template',
      ),
    waitUntilHealthy: zod
      .boolean()
      .default(false)
      .describe(
        "Wait until every Kafka of the environment is healthy, by the Kafka tab's verdict",
      ),
    timeoutSeconds: zod
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(900)
      .describe('How long to wait for a healthy environment'),
  });

type Input = zod3.infer<ReturnType<typeof inputSchema>>;

interface Manifest {
  file: string;
  object: Record<string, any>;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  plural: string;
  group: string;
  version: string;
}

const describe = (m: Pick<Manifest, 'kind' | 'namespace' | 'name'>) =>
  `${m.kind} ${m.namespace}/${m.name}`;

const pick = (m: Manifest) => ({
  kind: m.kind,
  namespace: m.namespace,
  name: m.name,
});

type ApplyResult = 'created' | 'configured' | 'unchanged';

/** Options of {@link createKafkaEnvironmentApplyAction}: the module's services. */
export interface KafkaEnvironmentApplyActionOptions {
  clusters: KubernetesClusterAccess;
  config: RootConfigService;
  permissions: PermissionsService;
  auditor: AuditorService;
  discovery: DiscoveryService;
  auth: AuthService;
  /** The rules a conditional decision is evaluated with (the registered ones). */
  rules?: PermissionRuleset<KafkaEnvironmentTarget>;
  /** How often the wait asks the kafka-clusters backend. Default 5 s. */
  pollIntervalMs?: number;
}

async function readManifests(
  dir: string,
  relative: string,
): Promise<Omit<Manifest, 'plural' | 'group' | 'version' | 'namespace'>[]> {
  return ((await readFolderManifests(dir, relative)) ?? []).map(m => ({
    file: m.file,
    object: m.object,
    apiVersion: m.object.apiVersion,
    kind: m.object.kind,
    name: m.object.metadata.name,
  }));
}

/** What the API server must not receive in an apply body. */
function applyBody(object: Record<string, any>): Record<string, unknown> {
  const { status: _status, ...rest } = object;
  const {
    resourceVersion: _rv,
    uid: _uid,
    managedFields: _mf,
    creationTimestamp: _ct,
    generation: _g,
    ...metadata
  } = object.metadata ?? {};
  return { ...rest, metadata };
}

function conflictMessage(m: Manifest, error: KubeRequestError): string {
  const causes = (error.status?.details?.causes ?? []).filter(
    c => c.reason === 'FieldManagerConflict',
  );
  const fields = causes.length
    ? causes.map(c => `${c.field}: ${c.message}`).join('; ')
    : error.status?.message ?? error.message;
  return `${describe(m)} (${
    m.file
  }): fields owned by another field manager: ${fields}. Set force: true to take them over`;
}

/**
 * `kafka:environment:apply`: applies a workspace folder's resources (those of
 * `kafka:environment:create`) to one configured Kubernetes cluster with server-side apply and
 * the backend's own credentials, where configuration and the `kafka-clusters.environment.apply`
 * permission allow it; optionally waits until the environment is healthy.
 *
 * @public
 */
export function createKafkaEnvironmentApplyAction(
  options: KafkaEnvironmentApplyActionOptions,
) {
  const { clusters, config, permissions, auditor } = options;
  const settingsByCluster = readApplySettings(config);
  const watched = readWatchedNamespaces(config);
  const authorizeConditions = createConditionAuthorizer(
    options.rules ?? {
      getRuleByName: name => {
        const rule = Object.values(kafkaEnvironmentTargetRules).find(
          r => r.name === name,
        );
        if (!rule) throw new InputError(`Unknown permission rule '${name}'`);
        return rule as any;
      },
    },
  );
  const kafkaGroups = new Set(defaultOperatorFacts.map(f => f.group));

  async function authorize(
    credentials: BackstageCredentials,
    targets: KafkaEnvironmentTarget[],
  ) {
    const decisions = await permissions.authorizeConditional(
      targets.map(() => ({ permission: kafkaEnvironmentApplyPermission })),
      { credentials },
    );
    const denied = targets.filter((target, i) => {
      const decision = decisions[i];
      if (decision.result === AuthorizeResult.ALLOW) return false;
      if (decision.result === AuthorizeResult.DENY) return true;
      return !authorizeConditions(decision, target);
    });
    if (denied.length > 0) {
      throw new NotAllowedError(
        `Not allowed to apply environments to ${denied
          .map(t => `${t.cluster}/${t.namespace}`)
          .join(', ')} (permission ${kafkaEnvironmentApplyPermission.name})`,
      );
    }
  }

  return createTemplateAction({
    id: 'kafka:environment:apply',
    description:
      "Applies a Kafka environment's resources from the workspace to a configured Kubernetes cluster (server-side apply), and optionally waits until it is healthy",
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        environmentId: z =>
          z.string().describe('The environment id every resource carries'),
        namespaces: z =>
          z.array(z.string()).describe('The namespaces written to'),
        resources: z =>
          z
            .array(
              z.object({
                kind: z.string(),
                namespace: z.string(),
                name: z.string(),
                result: z.enum([
                  'created',
                  'configured',
                  'unchanged',
                  'validated',
                ]),
              }),
            )
            .describe('Each resource and what the apply did'),
        health: z =>
          z
            .string()
            .optional()
            .describe('The verdict the wait ended on, when it waited'),
      },
    },
    async handler(ctx) {
      const parsed = inputSchema(zod3).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(`Invalid input: ${parsed.error.message}`);
      }
      const input: Input = parsed.data;
      const dryRun = Boolean(ctx.isDryRun || input.dryRun);
      const credentials = await ctx.getInitiatorCredentials();
      const principal = credentials.principal as {
        type?: string;
        userEntityRef?: string;
        subject?: string;
      };
      const initiator =
        principal.userEntityRef ?? principal.subject ?? 'unknown';

      // 1. Configuration: the cluster accepts direct apply.
      const settings: ApplySettings | undefined =
        settingsByCluster[input.cluster];
      if (!settings?.enabled) {
        throw new NotAllowedError(
          `Kubernetes cluster '${
            input.cluster
          }' does not accept direct apply: ${applySettingKey(
            input.cluster,
            'enabled',
          )} is not true`,
        );
      }
      const { clusters: known } = await clusters.listClusters({
        logger: ctx.logger,
      });
      const cluster = known.find(c => c.name === input.cluster);
      if (!cluster) {
        throw new NotFoundError(
          `No Kubernetes cluster '${input.cluster}' in kubernetes.clusterLocatorMethods`,
        );
      }

      // 2. The resources, each with its kind as the cluster serves it.
      const dir = resolveSafeChildPath(ctx.workspacePath, input.path);
      const read = await readManifests(dir, input.path);
      if (read.length === 0) {
        if (ctx.isDryRun) {
          ctx.logger.info(
            `${input.path} holds no resources in this dry run (the steps before did not write them): nothing to check`,
          );
          ctx.output('environmentId', '');
          ctx.output('namespaces', []);
          ctx.output('resources', []);
          return;
        }
        throw new InputError(
          `${input.path} holds no Kubernetes resources to apply`,
        );
      }
      const kc: KubeConfig = await clusters.kubeConfig(cluster);
      const served = new Map<string, ServedResource[]>();
      const manifests: Manifest[] = [];
      for (const m of read) {
        if (!served.has(m.apiVersion)) {
          served.set(m.apiVersion, await clusters.resources(kc, m.apiVersion));
        }
        const resource = served.get(m.apiVersion)!.find(r => r.kind === m.kind);
        if (!resource) {
          throw new InputError(
            `Kubernetes cluster '${input.cluster}' does not serve ${m.kind} ${m.apiVersion} (${m.file}): is its operator installed there?`,
          );
        }
        if (!resource.namespaced) {
          throw new InputError(
            `${m.file}: ${m.kind} ${m.name} is cluster-scoped; an environment holds namespaced resources only`,
          );
        }
        const namespace = m.object.metadata.namespace;
        if (typeof namespace !== 'string' || namespace === '') {
          throw new InputError(
            `${m.file}: ${m.kind} ${m.name} has no namespace (metadata.namespace, or the kustomization's namespace)`,
          );
        }
        const [group, version] = m.apiVersion.includes('/')
          ? m.apiVersion.split('/')
          : ['', m.apiVersion];
        manifests.push({
          ...m,
          namespace,
          plural: resource.name,
          group,
          version,
        });
      }

      // 3. One environment id, on every resource.
      const ids = new Set(
        manifests.map(
          m => m.object.metadata.annotations?.[ANNOTATION_ENVIRONMENT_ID],
        ),
      );
      const missing = manifests.filter(
        m => !m.object.metadata.annotations?.[ANNOTATION_ENVIRONMENT_ID],
      );
      if (missing.length > 0) {
        throw new InputError(
          `Every resource must carry the annotation ${ANNOTATION_ENVIRONMENT_ID} (kafka:environment:create writes it); missing on ${missing
            .map(m => `${describe(m)} (${m.file})`)
            .join(', ')}`,
        );
      }
      if (ids.size > 1) {
        throw new InputError(
          `The resources of ${
            input.path
          } belong to more than one environment (${ANNOTATION_ENVIRONMENT_ID}: ${[
            ...ids,
          ].join(', ')})`,
        );
      }
      const environmentId = [...ids][0] as string;

      // 4. Where: namespaces the configuration opens, and the permission on each.
      const namespaces = [...new Set(manifests.map(m => m.namespace))].sort();
      const closed = namespaces.filter(
        ns => !settings.namespaces.some(glob => matchesGlob(ns, glob)),
      );
      if (closed.length > 0) {
        throw new NotAllowedError(
          `Namespace ${closed.join(', ')} of Kubernetes cluster '${
            input.cluster
          }' does not accept direct apply: ${applySettingKey(
            input.cluster,
            'namespaces',
          )} is [${settings.namespaces.join(', ')}]`,
        );
      }
      await authorize(
        credentials,
        namespaces.map(namespace => ({ cluster: input.cluster, namespace })),
      );
      const kafkas = manifests.filter(
        m => m.kind === 'Kafka' && kafkaGroups.has(m.group),
      );
      if (input.waitUntilHealthy && !dryRun) {
        const watchedHere = watched[input.cluster];
        const unwatched = kafkas.filter(
          k => watchedHere && !watchedHere.includes(k.namespace),
        );
        if (unwatched.length > 0) {
          throw new InputError(
            `Cannot wait for ${unwatched
              .map(describe)
              .join(
                ', ',
              )}: the kafka-clusters backend does not watch its namespace (kafkaClusters.kubernetesClusters.${
              input.cluster
            }.namespaces is [${watchedHere!.join(', ')}])`,
          );
        }
      }

      const audit = await auditor.createEvent({
        eventId: 'environment-apply',
        severityLevel: dryRun ? 'low' : 'medium',
        meta: {
          initiator,
          cluster: input.cluster,
          namespaces,
          environmentId,
          dryRun,
          force: input.force,
          resources: manifests.map(describe),
          taskId: ctx.task.id,
        },
      });
      try {
        // 5. Namespaces: existing ones, or created when configuration allows (never in a dry run).
        const absent: string[] = [];
        for (const namespace of namespaces) {
          const existing = await clusters.get(kc, {
            group: '',
            version: 'v1',
            kind: 'Namespace',
            plural: 'namespaces',
            namespace: '',
            name: namespace,
          });
          if (!existing) absent.push(namespace);
        }
        if (absent.length > 0 && !dryRun && !settings.createNamespaces) {
          throw new NotFoundError(
            `Namespace ${absent.join(
              ', ',
            )} does not exist on Kubernetes cluster '${
              input.cluster
            }', and ${applySettingKey(
              input.cluster,
              'createNamespaces',
            )} is not true`,
          );
        }

        // 6. Never someone else's: every existing object must carry this environment's id.
        const existingByRef = new Map<string, Record<string, any>>();
        const foreign: string[] = [];
        for (const m of manifests) {
          if (absent.includes(m.namespace)) continue;
          const existing = await clusters.get(kc, m);
          if (!existing) continue;
          existingByRef.set(describe(m), existing);
          const theirs = (existing.metadata as any)?.annotations?.[
            ANNOTATION_ENVIRONMENT_ID
          ];
          if (theirs !== environmentId) {
            foreign.push(
              `${describe(m)} (${
                theirs ? `environment ${theirs}` : 'no environment id'
              })`,
            );
          }
        }
        if (foreign.length > 0) {
          throw new ConflictError(
            `Refusing to overwrite resources of another environment on '${
              input.cluster
            }': ${foreign.join(
              ', ',
            )} already exist without ${ANNOTATION_ENVIRONMENT_ID}=${environmentId}`,
          );
        }

        const results: {
          kind: string;
          namespace: string;
          name: string;
          result: ApplyResult | 'validated';
        }[] = [];

        if (dryRun && absent.length > 0) {
          ctx.logger.info(
            `Namespace ${absent.join(', ')} does not exist on '${
              input.cluster
            }' yet: the API server cannot dry-run into it, so its resources are validated against the cluster's own CRD schemas (customresourcedefinitions); no namespace is created in a dry run`,
          );
          const crds = (await clusters.list(
            kc,
            {
              group: 'apiextensions.k8s.io',
              kind: 'CustomResourceDefinition',
              plural: 'customresourcedefinitions',
            },
            'v1',
            { timeoutMs: 30_000 },
          )) as unknown as CustomResourceDefinition[];
          const validate = createCrdSchemaValidator(crds);
          const invalid: string[] = [];
          for (const m of manifests.filter(x => absent.includes(x.namespace))) {
            const errors = validate(m.object);
            if (errors === undefined) {
              ctx.logger.info(
                `${describe(
                  m,
                )}: a built-in kind, not validated without its namespace`,
              );
            } else if (errors.length > 0) {
              invalid.push(`${describe(m)} (${m.file}): ${errors.join('; ')}`);
            } else {
              results.push({ ...pick(m), result: 'validated' });
              ctx.logger.info(
                `${describe(m)}: valid against the cluster's CRD schema`,
              );
            }
          }
          if (invalid.length > 0) {
            throw new InputError(
              `Invalid against the CRDs of '${input.cluster}': ${invalid.join(
                ' | ',
              )}`,
            );
          }
        }

        for (const namespace of dryRun ? [] : absent) {
          await ctx.checkpoint({
            key: `kafka.environment.apply.${input.cluster}.namespace.${namespace}`,
            fn: async () => {
              await clusters.apply(
                kc,
                {
                  group: '',
                  version: 'v1',
                  kind: 'Namespace',
                  plural: 'namespaces',
                  namespace: '',
                  name: namespace,
                },
                {
                  apiVersion: 'v1',
                  kind: 'Namespace',
                  metadata: {
                    name: namespace,
                    annotations: { [ANNOTATION_ENVIRONMENT_ID]: environmentId },
                  },
                },
                { fieldManager: APPLY_FIELD_MANAGER },
              );
              ctx.logger.info(`Created namespace ${namespace}`);
            },
          });
        }

        // 7. Apply, one checkpoint per resource: a retried task does not apply twice.
        for (const m of manifests) {
          if (ctx.signal?.aborted) throw new Error('Cancelled');
          if (dryRun && absent.includes(m.namespace)) continue;
          const key = `kafka.environment.apply.${input.cluster}.${
            dryRun ? 'dry-run.' : ''
          }${m.apiVersion}.${m.kind}.${m.namespace}.${m.name}`;
          const before = existingByRef.get(describe(m));
          const result = await ctx.checkpoint<ApplyResult>({
            key,
            fn: async () => {
              let applied: Record<string, any>;
              try {
                applied = await clusters.apply(kc, m, applyBody(m.object), {
                  fieldManager: APPLY_FIELD_MANAGER,
                  dryRun,
                  force: input.force,
                });
              } catch (error) {
                if (
                  error instanceof KubeRequestError &&
                  error.statusCode === 409
                ) {
                  throw new ConflictError(conflictMessage(m, error));
                }
                if (error instanceof KubeRequestError) {
                  throw new InputError(
                    `${describe(m)} (${m.file}) was refused by '${
                      input.cluster
                    }': ${error.message}`,
                  );
                }
                throw error;
              }
              if (!before) return 'created';
              return applied.metadata?.resourceVersion ===
                before.metadata?.resourceVersion
                ? 'unchanged'
                : 'configured';
            },
          });
          results.push({ ...pick(m), result });
          ctx.logger.info(
            `${describe(m)} ${result}${dryRun ? ' (dry run)' : ''}`,
          );
        }

        ctx.output('environmentId', environmentId);
        ctx.output('namespaces', namespaces);
        ctx.output('resources', results);

        // 8. Wait for the Kafka tab's verdict.
        let health: string | undefined;
        if (input.waitUntilHealthy && dryRun) {
          ctx.logger.info('Not waiting for health in a dry run');
        } else if (input.waitUntilHealthy && kafkas.length === 0) {
          ctx.logger.info('No Kafka in the environment: nothing to wait for');
        } else if (input.waitUntilHealthy) {
          ctx.logger.info(
            `Waiting up to ${input.timeoutSeconds} s for ${kafkas
              .map(describe)
              .join(', ')} to become healthy`,
          );
          const statuses = await waitUntilHealthy(
            kafkas.map(k => ({
              cluster: input.cluster,
              namespace: k.namespace,
              name: k.name,
            })),
            {
              discovery: options.discovery,
              auth: options.auth,
              logger: ctx.logger,
              signal: ctx.signal,
              timeoutMs: input.timeoutSeconds * 1000,
              pollIntervalMs: options.pollIntervalMs ?? 5000,
            },
          );
          health = 'healthy';
          ctx.logger.info(
            `The environment is healthy: ${Object.entries(statuses)
              .map(([ref, s]) => `${ref} ${s ? describeProgress(s) : ''}`)
              .join(', ')}`,
          );
          ctx.output('health', health);
        }
        await audit.success({
          meta: {
            resources: results.map(
              r => `${r.kind} ${r.namespace}/${r.name}: ${r.result}`,
            ),
            ...(health && { health }),
          },
        });
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
