import { asObject, isObject, JsonObject, KubeObject } from '../../types';
import { key, since, SimContext } from '../context';
import { kafkaClusterId } from '../hash';
import { transition, writeStatus } from '../writer';
import { cfkClient, ConnectionFailure, connectFrom } from '../network';
import { cfkPaused } from './clusters';
import { CFK_API, CFK_MANAGER } from './kinds';
import {
  byEndpoint,
  byRef,
  kafkaById,
  kafkaFacts,
  kafkaOfRestClass,
  kafkaViaRestClass,
  serving,
} from './refs';

const obj = asObject;

/** What CFK writes once an application CR is applied (CFK's docs, Argo CD's samples). */
function created(ctx: SimContext, cr: Readonly<KubeObject>): JsonObject {
  return {
    appState: 'Created',
    conditions: [
      transition(
        ctx,
        obj(cr.status).conditions,
        {
          type: 'platform.confluent.io/app-ready',
          status: 'True',
          reason: 'Created',
          message: 'Application is created',
        },
        true,
      ),
    ],
    observedGeneration: Number(cr.metadata.generation ?? 1),
  };
}

/** A KafkaTopic's Kafka: `kafkaClusterRef`, `kafkaRestClassRef`, or the inline REST endpoint. */
function topicKafka(ctx: SimContext, cr: Readonly<KubeObject>) {
  const spec = obj(cr.spec);
  const ns = String(cr.metadata.namespace);
  return (
    byRef(ctx, 'Kafka', spec.kafkaClusterRef, ns) ??
    kafkaViaRestClass(ctx, spec.kafkaRestClassRef, ns) ??
    byEndpoint(ctx, 'Kafka', obj(spec.kafkaRest).endpoint, ns) ??
    kafkaById(ctx, obj(spec.kafkaRest).kafkaClusterID)
  );
}

function kafkaTopic(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
): JsonObject | undefined {
  const kafka = topicKafka(ctx, cr);
  if (!serving(kafka)) return undefined;
  const spec = obj(cr.spec);
  const facts = kafkaFacts(kafka);
  return {
    ...created(ctx, cr),
    ...facts,
    partitionCount: Number(spec.partitionCount ?? 1),
    replicas: Number(spec.replicas ?? obj(kafka.status).replicationFactor ?? 1),
    state: 'CREATED',
  };
}

function restClass(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
): JsonObject | undefined {
  const kafka = kafkaOfRestClass(ctx, cr);
  if (!serving(kafka)) return undefined;
  const facts = kafkaFacts(kafka);
  return {
    endpoint: obj(obj(cr.spec).kafkaRest).endpoint ?? facts.kafkaRestEndpoint,
    kafkaClusterID: facts.kafkaClusterID,
  };
}

function connector(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
): JsonObject | undefined {
  const spec = obj(cr.spec);
  const ns = String(cr.metadata.namespace);
  const connect =
    byRef(ctx, 'Connect', spec.connectClusterRef, ns) ??
    byEndpoint(ctx, 'Connect', obj(spec.connectRest).endpoint, ns);
  // With no Connect worker to answer its REST API, CFK cannot read the connector: status stays.
  if (!serving(connect)) return undefined;
  const connectStatus = obj(connect.status);
  const kafka = byEndpoint(
    ctx,
    'Kafka',
    obj(connectStatus.kafka).bootstrapEndpoint,
    String(connect.metadata.namespace),
  );
  const tasks = Number(spec.taskMax ?? 1);
  const replicas = Math.max(1, Number(connectStatus.replicas ?? 1));
  const worker = (task: number) =>
    `${connect.metadata.name}-${task % replicas}.${connect.metadata.name}.${
      connect.metadata.namespace
    }.svc.cluster.local:8083`;
  const restartPolicy = isObject(spec.restartPolicy)
    ? spec.restartPolicy
    : { type: 'OnFailure', maxRetry: 10 };
  const fault = ctx.faults.connectorTaskFailed(ns, String(cr.metadata.name));
  const failed = fault ? Math.min(fault.task ?? 0, tasks - 1) : undefined;
  let failure: JsonObject = {};
  if (failed !== undefined) {
    // CFK restarts failed tasks up to restartPolicy.maxRetry, one retry per interval.
    const maxRetry =
      restartPolicy.type === 'Never' ? 0 : Number(restartPolicy.maxRetry ?? 10);
    const retries = Math.min(
      maxRetry,
      Math.floor(since(ctx, fault!.since) / ctx.timings.retryMs),
    );
    if (retries < maxRetry) {
      ctx.enqueue(
        key('cfkapp', 'Connector', ns, String(cr.metadata.name)),
        ctx.timings.retryMs,
      );
    }
    failure = {
      failedTasks: {
        [`task-${failed}`]: {
          id: failed,
          retryCount: retries,
          workerID: worker(failed),
        },
      },
      failedTasksCount: 1,
    };
  }
  return {
    ...created(ctx, cr),
    connectRestEndpoint: obj(connectStatus.restConfig).internalEndpoint,
    connectorState: 'RUNNING',
    ...failure,
    ...(kafka ? { kafkaClusterID: obj(kafka.status).clusterID } : {}),
    restartPolicy,
    state: 'CREATED',
    tasksReady: `${failed === undefined ? tasks : tasks - 1}/${tasks}`,
    workerID: worker(0),
  };
}

function linkEnd(ctx: SimContext, end: unknown, ns: string) {
  const e = obj(end);
  const kafka =
    kafkaViaRestClass(ctx, e.kafkaRestClassRef, ns) ??
    kafkaById(ctx, e.clusterID) ??
    byEndpoint(ctx, 'Kafka', e.bootstrapEndpoint, ns);
  return {
    kafka,
    id: (kafka ? obj(kafka.status).clusterID : undefined) ?? e.clusterID,
  };
}

/** Mirror topic states: a paused topic is PAUSED, a promoted or failed-over one STOPPED. */
function mirrorStatus(topic: JsonObject): string {
  if (topic.state === 'PAUSE') return 'PAUSED';
  if (topic.state === 'PROMOTE' || topic.state === 'FAILOVER') return 'STOPPED';
  return 'ACTIVE';
}

/**
 * A ClusterLink its destination cannot create: `appState: Failed`, `state: ERROR` and the
 * app-ready condition False with the REST call's error, in the shape of CFK's failed Connector
 * (Argo CD's sample); an ID the link had is kept.
 */
function failedLink(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
  destination: Readonly<KubeObject>,
  failure: ConnectionFailure,
): JsonObject {
  const status = obj(cr.status);
  return {
    appState: 'Failed',
    ...(typeof status.clusterLinkID === 'string'
      ? { clusterLinkID: status.clusterLinkID }
      : {}),
    clusterLinkName: String(obj(cr.spec).name ?? cr.metadata.name),
    conditions: [
      transition(
        ctx,
        status.conditions,
        {
          type: 'platform.confluent.io/app-ready',
          status: 'False',
          reason: 'CreateFailed',
          message: `kafka Rest API request failed: ${failure.message}`,
        },
        true,
      ),
    ],
    destinationKafkaClusterID: obj(destination.status).clusterID,
    kafkaCluster: kafkaFacts(destination).kafkaCluster,
    observedGeneration: Number(cr.metadata.generation ?? 1),
    state: 'ERROR',
  };
}

/**
 * A destination-initiated ClusterLink: its destination (through the KafkaRestClass) creates the
 * link by connecting to `sourceKafkaCluster.bootstrapEndpoint` with the source side's TLS and
 * authentication; it must serve and, for the link's passwords, have a password encoder. Checked
 * again every `retryMs`, as the source can come and go.
 */
function clusterLink(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
): JsonObject | undefined {
  const spec = obj(cr.spec);
  const ns = String(cr.metadata.namespace);
  const destination = linkEnd(ctx, spec.destinationKafkaCluster, ns);
  if (!serving(destination.kafka)) return undefined;
  ctx.enqueue(
    key('cfkapp', 'ClusterLink', ns, String(cr.metadata.name)),
    ctx.timings.retryMs,
  );
  const client = cfkClient(spec.sourceKafkaCluster);
  // Kafka keeps the link's truststore, keystore and JAAS passwords encoded with it.
  if (
    (client.tls || client.authentication !== 'none') &&
    !isObject(obj(destination.kafka.spec).passwordEncoder)
  ) {
    return failedLink(ctx, cr, destination.kafka, {
      exception: 'org.apache.kafka.common.config.ConfigException',
      message: 'Password encoder secret not configured',
    });
  }
  const source = connectFrom(ctx, ns, client);
  if (!source.ok) return failedLink(ctx, cr, destination.kafka, source);
  const generation = Number(cr.metadata.generation ?? 1);
  const topics = (
    Array.isArray(spec.mirrorTopics) ? spec.mirrorTopics : []
  ).filter(isObject);
  const mirrors = (direction: string) =>
    Object.fromEntries(
      topics
        .filter(t => (t.direction ?? 'toDestination') === direction)
        .map(t => [
          String(t.name),
          {
            observedGeneration: generation,
            replicationFactor: Number(
              t.replicationFactor ??
                obj(destination.kafka!.status).replicationFactor ??
                3,
            ),
            sourceTopicName: String(t.sourceTopicName ?? t.name),
            status: mirrorStatus(t),
          },
        ]),
    );
  const forward = mirrors('toDestination');
  const reverse = mirrors('toSource');
  return {
    ...created(ctx, cr),
    clusterLinkID: kafkaClusterId(`link/${cr.metadata.uid}`),
    clusterLinkName: String(spec.name ?? cr.metadata.name),
    destinationKafkaClusterID: obj(destination.kafka.status).clusterID,
    kafkaCluster: kafkaFacts(destination.kafka).kafkaCluster,
    mirrorTopics: forward,
    numMirrorTopics: Object.keys(forward).length,
    ...(Object.keys(reverse).length
      ? {
          numReverseMirrorTopics: Object.keys(reverse).length,
          reverseMirrorTopics: reverse,
        }
      : {}),
    sourceKafkaClusterID:
      source.listener.clusterId ?? linkEnd(ctx, spec.sourceKafkaCluster, ns).id,
    state: 'CREATED',
  };
}

function schema(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
): JsonObject | undefined {
  const spec = obj(cr.spec);
  const ns = String(cr.metadata.namespace);
  const registry =
    byRef(ctx, 'SchemaRegistry', spec.schemaRegistryClusterRef, ns) ??
    byEndpoint(
      ctx,
      'SchemaRegistry',
      obj(spec.schemaRegistryRest).endpoint,
      ns,
    );
  if (!serving(registry)) return undefined;
  const status = obj(cr.status);
  const generation = Number(cr.metadata.generation ?? 1);
  // Schema Registry numbers schemas per registry; a spec change registers a new version.
  const counter = `schema-ids|${registry.metadata.namespace}/${registry.metadata.name}`;
  let id = status.id as number | undefined;
  if (id === undefined) {
    id = Number(ctx.memory.get(counter) ?? 0) + 1;
    ctx.memory.set(counter, id);
  }
  const changed = status.observedGeneration !== generation;
  return {
    ...created(ctx, cr),
    ...(spec.compatibilityLevel
      ? { compatibilityLevel: spec.compatibilityLevel }
      : {}),
    format: obj(spec.data).format,
    id,
    schemaRegistryEndpoint: obj(obj(registry.status).restConfig)
      .internalEndpoint,
    state: 'SUCCEEDED',
    subject: String(spec.name ?? cr.metadata.name),
    version: changed
      ? Number(status.version ?? 0) + 1
      : Number(status.version ?? 1),
  };
}

function roleBinding(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
): JsonObject | undefined {
  const spec = obj(cr.spec);
  const ns = String(cr.metadata.namespace);
  const restRef = obj(spec.kafkaRestClassRef);
  const kafka =
    kafkaViaRestClass(ctx, spec.kafkaRestClassRef, ns) ??
    kafkaById(ctx, obj(spec.clustersScopeByIds).kafkaClusterId) ??
    ctx.api.list(CFK_API, 'Kafka', ns)[0];
  if (!serving(kafka)) return undefined;
  const principal = obj(spec.principal);
  return {
    ...created(ctx, cr),
    kafkaClusterID: obj(kafka.status).clusterID,
    ...(restRef.name
      ? { kafkaRestClass: `${restRef.namespace ?? ns}/${restRef.name}` }
      : {}),
    principal: `${principal.type === 'group' ? 'Group' : 'User'}:${
      principal.name
    }`,
    ...(Array.isArray(spec.resourcePatterns)
      ? { resourcePatterns: spec.resourcePatterns }
      : {}),
    role: spec.role,
    state: 'CREATED',
  };
}

const STATUS: Record<
  string,
  (ctx: SimContext, cr: Readonly<KubeObject>) => JsonObject | undefined
> = {
  KafkaTopic: kafkaTopic,
  KafkaRestClass: restClass,
  Connector: connector,
  ClusterLink: clusterLink,
  Schema: schema,
  ConfluentRolebinding: roleBinding,
};

/**
 * CFK's reconcile of an application CR: once the cluster it targets serves, the documented
 * `state`, `appState` and `app-ready` condition; a connectorTaskFailed fault shows as
 * `failedTasks` with growing retry counts. A target not serving leaves the status as it was.
 */
export function reconcileCfkApp(
  ctx: SimContext,
  kind: string,
  namespace: string,
  name: string,
) {
  const build = STATUS[kind] as (typeof STATUS)[string] | undefined;
  const cr = build && ctx.api.get(CFK_API, kind, name, namespace);
  if (!build || !cr || cr.metadata.deletionTimestamp || cfkPaused(ctx, cr))
    return;
  const status = build(ctx, cr);
  if (status) writeStatus(ctx, cr, status, CFK_MANAGER);
}
