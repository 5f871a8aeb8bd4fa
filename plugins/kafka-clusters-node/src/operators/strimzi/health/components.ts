import {
  HealthReason,
  KafkaComponentStatus,
  KafkaComponentType,
  KafkaConnectorStatus,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import {
  ChangeSignal,
  ChangeState,
  assessChange,
  changeReasons,
  explains,
  specNotObserved,
} from '../../common/change';
import { RuleContext } from '../../common/context';
import { ProjectedPod } from '../../common/core';
import { assessGroup } from '../../common/groups';
import { keyOf, refOf } from '../../common/meta';
import { PodAssessment, assessPod } from '../../common/pods';
import { ageSeconds } from '../../common/time';
import { reason, rollUp, sortReasons, verdictOf } from '../../common/verdict';
import {
  AutoRestart,
  ConnectorRuntime,
  ProjectedStrimziConnector,
  ProjectedStrimziDeployment,
} from './appProjections';
import { StrimziEnv } from './env';
import { strimziRollSignal } from './health';
import { podsOf } from './matching';
import { ProjectedStrimziKafka } from './projections';
import {
  assessStrimziResource,
  failureCondition,
  strimziPause,
} from './resourceHealth';
import { STRIMZI_LABELS, STRIMZI_NAMES } from '../facts';

const DEPLOYMENT_TYPES: Record<string, KafkaComponentType> = {
  KafkaConnect: 'connect',
  KafkaMirrorMaker2: 'mirror-maker-2',
  KafkaBridge: 'bridge',
};

/** The Kafka CR's own operands: the suffix of their name label, and their spec field. */
const OPERANDS: [suffix: string, type: KafkaComponentType, field: string][] = [
  [
    STRIMZI_NAMES.operandSuffixes.entityOperator,
    'entity-operator',
    'entityOperator',
  ],
  [
    STRIMZI_NAMES.operandSuffixes.cruiseControl,
    'cruise-control',
    'cruiseControl',
  ],
  [
    STRIMZI_NAMES.operandSuffixes.kafkaExporter,
    'kafka-exporter',
    'kafkaExporter',
  ],
];

export interface ComponentResult {
  status: KafkaComponentStatus;
  eventObjects: KubernetesObjectRef[];
}

function podObjects(pods: readonly PodAssessment[]): KubernetesObjectRef[] {
  return pods.flatMap(({ pod }) => [
    { kind: 'Pod', namespace: pod.meta.namespace, name: pod.meta.name },
    ...pod.claims.map(claim => ({
      kind: 'PersistentVolumeClaim',
      namespace: pod.meta.namespace,
      name: claim,
    })),
  ]);
}

function tasksOf(
  runtime: ConnectorRuntime,
  tasksMax?: number,
): KafkaConnectorStatus['tasks'] {
  const tasks: KafkaConnectorStatus['tasks'] = {
    failed: runtime.tasks.filter(t => t.state === 'FAILED').length,
  };
  const total = runtime.tasks.length > 0 ? runtime.tasks.length : tasksMax;
  if (total !== undefined) tasks.total = total;
  if (runtime.tasks.length > 0)
    tasks.running = runtime.tasks.filter(t => t.state === 'RUNNING').length;
  return tasks;
}

/** What Connect itself says of a connector and its tasks (KafkaConnector or MirrorMaker 2). */
function runtimeReasons(
  name: string,
  runtime: ConnectorRuntime,
  resource: KubernetesObjectRef,
  alreadyFailed: boolean,
): HealthReason[] {
  const reasons: HealthReason[] = [];
  if (runtime.state === 'FAILED' && !alreadyFailed) {
    reasons.push(
      reason(
        'ConnectorFailed',
        'degraded',
        `Connector ${name} is FAILED in Connect`,
        resource,
        {
          fix: `Read the connector's trace in the status of ${resource.kind} ${resource.name}`,
        },
      ),
    );
  }
  if (runtime.state === 'PAUSED' || runtime.state === 'STOPPED') {
    reasons.push(
      reason(
        'ResourcePaused',
        'healthy',
        `Connector ${name} is ${runtime.state}`,
        resource,
      ),
    );
  }
  const failed = runtime.tasks.filter(t => t.state === 'FAILED');
  if (failed.length > 0) {
    reasons.push(
      reason(
        'ConnectorTaskFailed',
        'degraded',
        `${failed.length}/${runtime.tasks.length} task${
          failed.length > 1 ? 's' : ''
        } of connector ${name} failed (${failed
          .map(t => `task ${t.id}`)
          .join(', ')})`,
        resource,
        {
          fix: `Read the task's trace in the status of ${resource.kind} ${resource.name}; restart it once the cause is fixed`,
        },
      ),
    );
  }
  return reasons;
}

/**
 * Strimzi's auto-restarts of a connector: `connectorRestartsDegraded` (3) or more, the last one
 * within `recentRestartSeconds`, is a connector that keeps failing (`ConnectorRestartLoop`,
 * degraded) even when Connect reports it RUNNING between two failures; fewer, or older, are
 * shown as a warning. A restart count without its time never degrades.
 */
function restartReasons(
  name: string,
  restart: AutoRestart | undefined,
  resource: KubernetesObjectRef,
  ctx: RuleContext,
): HealthReason[] {
  if (!restart || restart.count <= 0) {
    return [];
  }
  const age = ageSeconds(restart.lastRestartAt, ctx.now);
  const recent =
    age !== undefined && age <= ctx.thresholds.recentRestartSeconds;
  if (recent && restart.count >= ctx.thresholds.connectorRestartsDegraded) {
    return [
      reason(
        'ConnectorRestartLoop',
        'degraded',
        `Strimzi has auto-restarted connector ${name} ${
          restart.count
        } times, the last ${Math.round(age / 60)} min ago: it keeps failing`,
        resource,
        {
          since: restart.lastRestartAt,
          fix: `Read the connector's and its tasks' trace in the status of ${resource.kind} ${resource.name}, and fix the cause; the restarts only hide it`,
        },
      ),
    ];
  }
  return [
    reason(
      'ConnectorRestarted',
      'healthy',
      `Strimzi restarted connector ${name} ${restart.count} times${
        restart.lastRestartAt ? `, the last at ${restart.lastRestartAt}` : ''
      }`,
      resource,
      { severity: 'warning', since: restart.lastRestartAt },
    ),
  ];
}

/** A KafkaConnector: its conditions, then Connect's view of the connector and its tasks. */
export function strimziConnectorStatus(
  connector: ProjectedStrimziConnector,
  ctx: RuleContext,
): KafkaConnectorStatus {
  const ref = refOf(connector.meta);
  const name = connector.runtime.name ?? connector.meta.name;
  const reasons = assessStrimziResource(connector, ctx, {
    failureCode: 'ConnectorFailed',
  });
  const paused = strimziPause(connector) !== undefined;
  if (connector.hasStatus && !paused) {
    reasons.push(
      ...runtimeReasons(
        name,
        connector.runtime,
        ref,
        failureCondition(connector) !== undefined,
      ),
    );
  }
  reasons.push(...restartReasons(name, connector.autoRestart, ref, ctx));
  const status: KafkaConnectorStatus = {
    name,
    resource: ref,
    labels: connector.meta.labels,
    tasks: tasksOf(connector.runtime, connector.tasksMax),
    health: verdictOf(reasons),
    reasons: sortReasons(reasons),
  };
  if (connector.runtime.state) status.state = connector.runtime.state;
  if (connector.autoRestarts !== undefined)
    status.autoRestarts = connector.autoRestarts;
  return status;
}

function mirrorMakerConnectors(
  runtimes: readonly ConnectorRuntime[],
  restarts: Readonly<Record<string, AutoRestart>>,
  resource: KubernetesObjectRef,
  ctx: RuleContext,
): KafkaConnectorStatus[] {
  return runtimes.map(runtime => {
    const name = runtime.name ?? resource.name;
    const restart = runtime.name ? restarts[runtime.name] : undefined;
    const reasons = [
      ...runtimeReasons(name, runtime, resource, false),
      ...restartReasons(name, restart, resource, ctx),
    ];
    const status: KafkaConnectorStatus = {
      name,
      resource,
      tasks: tasksOf(runtime),
      health: verdictOf(reasons),
      reasons,
    };
    if (runtime.state) status.state = runtime.state;
    if (restart) status.autoRestarts = restart.count;
    return status;
  });
}

function deploymentChange(
  deployment: ProjectedStrimziDeployment,
  pods: readonly ProjectedPod[] | undefined,
  env: StrimziEnv,
): ChangeState {
  const { meta } = deployment;
  const what = `${meta.kind} ${meta.name}`;
  const signals: ChangeSignal[] = [];
  const failure = failureCondition(deployment);
  if (failure?.reason === 'Creating') {
    signals.push({
      code: 'Provisioning',
      message: `Strimzi is creating ${what}`,
      since: failure.lastTransitionTime,
    });
  }
  const unobserved = strimziPause(deployment)
    ? undefined
    : specNotObserved('Strimzi', what, meta, deployment.observedGeneration);
  if (unobserved) signals.push(unobserved);
  const podSets = (
    env.podSets?.get(keyOf(meta.namespace, meta.name)) ?? []
  ).filter(s => s.meta.labels[STRIMZI_LABELS.kind] === meta.kind);
  const roll = strimziRollSignal(
    what,
    pods ?? [],
    podSets,
    env.currentRevision,
  );
  if (roll) signals.push(roll);
  const creating = failure?.reason === 'Creating' || !deployment.hasStatus;
  return assessChange(
    signals,
    creating,
    pods,
    env.ctx.now,
    env.ctx.thresholds,
    strimziPause(deployment) !== undefined,
  );
}

/**
 * KafkaConnect, KafkaMirrorMaker2 or KafkaBridge: its conditions, its replicas and pods
 * (the cluster label `<name>`, the kind label `<kind>`), and its connectors.
 */
export function strimziDeploymentStatus(
  deployment: ProjectedStrimziDeployment,
  connectors: KafkaConnectorStatus[],
  env: StrimziEnv,
): ComponentResult {
  const { meta } = deployment;
  const ref = refOf(meta);
  const pods =
    env.pods && podsOf(env.pods, meta.namespace, meta.name, meta.kind);
  const change = deploymentChange(deployment, pods, env);
  const image = `spec.image (or spec.version) of ${meta.kind} ${meta.name}`;
  const assessed = pods?.map(pod =>
    assessPod(pod, {
      ...env.ctx,
      explained: explains(change),
      fixes: () => ({
        memory: `spec.resources of ${meta.kind} ${meta.name}`,
        image,
        storage: image,
      }),
      currentRevision: env.currentRevision,
    }),
  );
  const group = assessGroup({
    kind: 'replicas',
    owner: ref,
    desired: deployment.replicas,
    pods: assessed,
    change,
  });
  const reasons = sortReasons([
    ...assessStrimziResource(deployment, env.ctx, { change }),
    ...changeReasons(
      change,
      ref,
      env.ctx.now,
      env.ctx.thresholds,
      `Check the Strimzi operator's logs about ${meta.kind} ${meta.name}`,
    ),
    ...group.reasons,
    ...(assessed ?? []).flatMap(p => p.reasons),
    ...connectors.flatMap(c => rollUp(c.reasons)),
  ]);
  const status: KafkaComponentStatus = {
    type: DEPLOYMENT_TYPES[meta.kind],
    resource: ref,
    name: meta.name,
    labels: meta.labels,
    health: verdictOf(reasons),
    reasons,
    pods: (assessed ?? []).map(p => p.status),
    connectors,
  };
  if (group.desired !== undefined) status.desired = group.desired;
  if (group.ready !== undefined) status.ready = group.ready;
  if (deployment.url) status.endpoint = deployment.url;
  return {
    status,
    eventObjects: [
      ref,
      ...podObjects(assessed ?? []),
      ...connectors.map(c => c.resource),
    ],
  };
}

/** A KafkaMirrorMaker2, with the connectors its status reports. */
export function strimziMirrorMakerStatus(
  mirrorMaker: ProjectedStrimziDeployment & {
    connectors: ConnectorRuntime[];
    autoRestartsByConnector?: Record<string, AutoRestart>;
  },
  env: StrimziEnv,
): ComponentResult {
  const connectors = strimziPause(mirrorMaker)
    ? []
    : mirrorMakerConnectors(
        mirrorMaker.connectors,
        mirrorMaker.autoRestartsByConnector ?? {},
        refOf(mirrorMaker.meta),
        env.ctx,
      );
  return strimziDeploymentStatus(mirrorMaker, connectors, env);
}

/**
 * The entity operator, Cruise Control and Kafka Exporter the Kafka CR deploys, judged by their
 * pods (their Deployments are not watched).
 */
export function strimziOperandStatuses(
  kafka: ProjectedStrimziKafka,
  change: ChangeState,
  env: StrimziEnv,
): ComponentResult[] {
  if (!env.pods) {
    return [];
  }
  const { name, namespace } = kafka.meta;
  const pods = podsOf(env.pods, namespace, name, 'Kafka');
  const results: ComponentResult[] = [];
  for (const [suffix, type, field] of OPERANDS) {
    const operand = `${name}${suffix}`;
    const own = pods.filter(
      p => p.meta.labels[STRIMZI_LABELS.name] === operand,
    );
    if (own.length === 0) {
      continue;
    }
    const assessed = own.map(pod =>
      assessPod(pod, {
        ...env.ctx,
        explained: explains(change),
        fixes: () => ({
          memory: `spec.${field} (its resources) of Kafka ${name}`,
          image: `spec.${field} (its image) of Kafka ${name}`,
          storage: `spec.${field} of Kafka ${name}`,
        }),
        currentRevision: () => undefined,
      }),
    );
    const reasons = sortReasons(assessed.flatMap(p => p.reasons));
    results.push({
      status: {
        type,
        resource: refOf(kafka.meta),
        name: operand,
        health: verdictOf(reasons),
        reasons,
        ready: assessed.filter(p => p.status.ready).length,
        pods: assessed.map(p => p.status),
        connectors: [],
      },
      eventObjects: podObjects(assessed),
    });
  }
  return results;
}
