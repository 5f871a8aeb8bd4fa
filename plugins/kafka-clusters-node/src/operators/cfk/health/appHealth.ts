import {
  HealthReason,
  KafkaConnectorStatus,
  KafkaHealth,
  KafkaMirrorTopicStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { findCondition } from '../../common/conditions';
import { RuleContext } from '../../common/context';
import { refOf } from '../../common/meta';
import {
  changeSince,
  noStatusReasons,
  pendingReasons,
} from '../../common/resources';
import { ageSeconds } from '../../common/time';
import { reason, verdictOf } from '../../common/verdict';
import {
  CfkAppStatus,
  ProjectedCfkClusterLink,
  ProjectedCfkConnector,
} from './appProjections';
import { CFK_BLOCK_RECONCILE } from './projections';
import { CFK_CONDITIONS } from '../facts';

const APP_READY = CFK_CONDITIONS.appReady;
const OPERATOR = 'the Confluent for Kubernetes operator';
const DONE_STATES = ['CREATED', 'SUCCEEDED'];

function failed(app: CfkAppStatus): boolean {
  return app.appState === 'Failed' || /(ERROR|FAILED)$/i.test(app.state ?? '');
}

function failureMessage(app: CfkAppStatus): string {
  const ready = findCondition(app.conditions, APP_READY);
  const detail =
    ready?.status === 'False' && ready.message
      ? ready.message
      : `state ${app.state ?? app.appState}`;
  return `${app.meta.kind} ${app.meta.name} failed: ${detail}`;
}

/**
 * The rule shared by CFK's application CRs: `state` ERROR or `appState` Failed → `degraded`;
 * `CREATED` (or `appState: Created` without a state) → `healthy` once the spec is observed;
 * anything else is still being worked on.
 */
export function assessCfkApp(
  app: CfkAppStatus,
  ctx: RuleContext,
  failureCode: 'ResourceFailed' | 'ConnectorFailed' = 'ResourceFailed',
): HealthReason[] {
  if (!app.hasStatus) {
    return noStatusReasons(app.meta, OPERATOR, ctx.now, ctx.thresholds);
  }
  const ref = refOf(app.meta);
  if (failed(app)) {
    return [
      reason(failureCode, 'degraded', failureMessage(app), ref, {
        since: findCondition(app.conditions, APP_READY)?.lastTransitionTime,
        fix: `Correct the spec of ${app.meta.kind} ${app.meta.name} as the message says; CFK retries on the next change`,
      }),
    ];
  }
  const done =
    DONE_STATES.includes(app.state ?? '') ||
    (app.state === undefined && app.appState === 'Created');
  if (!done) {
    return pendingReasons(
      app.meta,
      `${app.meta.kind} ${app.meta.name} is not created yet (state ${
        app.state ?? app.appState ?? 'none'
      })`,
      ctx.now,
      ctx.thresholds,
    );
  }
  const generation = app.meta.generation;
  if (
    generation !== undefined &&
    app.observedGeneration !== undefined &&
    generation > app.observedGeneration &&
    app.meta.annotations[CFK_BLOCK_RECONCILE] !== 'true'
  ) {
    return pendingReasons(
      app.meta,
      `CFK has not yet applied generation ${generation} of ${app.meta.kind} ${app.meta.name}`,
      ctx.now,
      ctx.thresholds,
    );
  }
  return [];
}

function tasksOf(
  connector: ProjectedCfkConnector,
): KafkaConnectorStatus['tasks'] {
  const tasks: KafkaConnectorStatus['tasks'] = {
    failed: connector.failedTasksCount ?? 0,
  };
  const match = connector.tasksReady?.match(/^(\d+)\/(\d+)$/);
  if (match) {
    tasks.running = Number(match[1]);
    tasks.total = Number(match[2]);
  } else if (connector.tasksMax !== undefined) {
    tasks.total = connector.tasksMax;
  }
  return tasks;
}

/**
 * A CFK Connector: the application rule, then the connector's own state in Connect and its
 * failed tasks (Argo CD calls both `Degraded`).
 */
export function assessCfkConnector(
  connector: ProjectedCfkConnector,
  ctx: RuleContext,
): KafkaConnectorStatus {
  const ref = refOf(connector.meta);
  const reasons = assessCfkApp(connector, ctx, 'ConnectorFailed');
  const appOk = connector.hasStatus && !failed(connector);
  const state = connector.connectorState;
  if (appOk && state === 'FAILED') {
    reasons.push(
      reason(
        'ConnectorFailed',
        'degraded',
        `Connector ${connector.connectorName} is FAILED in Connect`,
        ref,
      ),
    );
  } else if (appOk && (state === 'PAUSED' || state === 'STOPPED')) {
    reasons.push(
      reason(
        'ResourcePaused',
        'healthy',
        `Connector ${connector.connectorName} is ${state}`,
        ref,
        {
          fix: 'Resume it when it should run again',
        },
      ),
    );
  } else if (appOk && state !== 'RUNNING' && reasons.length === 0) {
    reasons.push(
      ...pendingReasons(
        connector.meta,
        `Connector ${connector.connectorName} is ${state ?? 'not running yet'}`,
        ctx.now,
        ctx.thresholds,
      ),
    );
  }
  const failedCount = connector.failedTasksCount ?? 0;
  if (failedCount > 0) {
    const retries = Object.entries(connector.failedTaskRetries)
      .map(([task, count]) => `${task} retried ${count} times`)
      .join(', ');
    reasons.push(
      reason(
        'ConnectorTaskFailed',
        'degraded',
        `${failedCount} task${failedCount > 1 ? 's' : ''} of connector ${
          connector.connectorName
        } failed${retries ? ` (${retries})` : ''}`,
        ref,
        {
          fix: `Read the task's trace: kubectl -n ${connector.meta.namespace} get connector ${connector.meta.name} -o yaml, or the Connect REST API /connectors/${connector.connectorName}/status`,
        },
      ),
    );
  }
  const tasks = tasksOf(connector);
  if (
    appOk &&
    state === 'RUNNING' &&
    failedCount === 0 &&
    tasks.running !== undefined &&
    tasks.total !== undefined &&
    tasks.running < tasks.total
  ) {
    // `status.tasksReady` is `<ready>/<tasks>`, the tasks the connector has in Connect (up to
    // spec.taskMax, a maximum: Kafka Connect lets a connector create fewer). A task that is not
    // ready and not failed is starting or unassigned: expected for a short while after a change.
    const since = changeSince(connector.meta);
    const age = ageSeconds(since, ctx.now);
    const recent =
      age !== undefined && age <= ctx.thresholds.podNotReadyGraceSeconds;
    reasons.push(
      reason(
        'ConnectorTasksNotReady',
        recent ? 'progressing' : 'degraded',
        `${tasks.running}/${tasks.total} tasks of connector ${connector.connectorName} are ready`,
        ref,
        {
          since,
          fix: `Look at the tasks in the Connect REST API /connectors/${connector.connectorName}/status, and at the Connect workers' logs`,
        },
      ),
    );
  }
  const status: KafkaConnectorStatus = {
    name: connector.connectorName,
    resource: ref,
    labels: connector.meta.labels,
    tasks,
    health: verdictOf(reasons),
    reasons,
  };
  if (state) status.state = state;
  return status;
}

function mirrorTopicHealth(status: string | undefined): KafkaHealth {
  if (status === undefined || status.startsWith('PENDING')) {
    return 'progressing';
  }
  if (
    status === 'ACTIVE' ||
    status.includes('PAUSED') ||
    status === 'STOPPED'
  ) {
    return 'healthy';
  }
  if (/FAIL|ERROR|UNAVAILABLE/.test(status)) {
    return 'degraded';
  }
  return 'unknown';
}

/** The mirror topics of a ClusterLink, those asked for and those reported, with their reasons. */
export function assessMirrorTopics(
  link: ProjectedCfkClusterLink,
  ctx: RuleContext,
): { topics: KafkaMirrorTopicStatus[]; reasons: HealthReason[] } {
  const ref = refOf(link.meta);
  const names = [
    ...new Set([...link.specMirrorTopics, ...Object.keys(link.mirrorTopics)]),
  ];
  const reasons: HealthReason[] = [];
  const topics = names.map(name => {
    const reported = link.mirrorTopics[name];
    const health = reported
      ? mirrorTopicHealth(reported.status)
      : 'progressing';
    const topic: KafkaMirrorTopicStatus = { name, health };
    if (reported?.sourceTopicName)
      topic.sourceTopicName = reported.sourceTopicName;
    if (reported?.status) topic.status = reported.status;
    if (health === 'degraded') {
      reasons.push(
        reason(
          'MirrorTopicFailed',
          'degraded',
          `Mirror topic ${name} of cluster link ${link.linkName} is ${reported?.status}`,
          ref,
          {
            fix: 'Check that the source cluster is reachable and the link’s credentials are valid',
          },
        ),
      );
    } else if (health === 'unknown') {
      reasons.push(
        reason(
          'MirrorTopicUnknown',
          'unknown',
          `Mirror topic ${name} of cluster link ${link.linkName} reports status ${reported?.status}, which the rules do not know`,
          ref,
        ),
      );
    } else if (health === 'progressing' && link.hasStatus && !failed(link)) {
      reasons.push(
        ...pendingReasons(
          link.meta,
          `Mirror topic ${name} of cluster link ${link.linkName} is ${
            reported?.status ?? 'not reported yet'
          }`,
          ctx.now,
          ctx.thresholds,
        ).map(r =>
          r.code === 'ResourcePending'
            ? { ...r, code: 'MirrorTopicPending' as const }
            : r,
        ),
      );
    }
    return topic;
  });
  return { topics, reasons };
}
