import { asObject, isObject, JsonObject, KubeObject } from '../../types';
import { SimContext } from '../context';
import { hexHash, kafkaClusterId } from '../hash';
import { isReady, selectorOf } from '../kube/statefulsets';
import { ensure, transition, writeStatus } from '../writer';
import { workerId } from './connect';
import {
  paused,
  selectorLabels,
  STRIMZI_MANAGER,
  strimziApi,
  strimziFlavour,
} from './names';

const obj = asObject;

const ready = (ctx: SimContext, status: JsonObject) => [
  transition(ctx, status.conditions, { type: 'Ready', status: 'True' }),
];

function hasCondition(
  resource: Readonly<KubeObject> | undefined,
  type: string,
): boolean {
  const conditions = obj(resource?.status).conditions;
  return (
    Array.isArray(conditions) &&
    conditions.some(c => isObject(c) && c.type === type && c.status === 'True')
  );
}

/** The Kafka a topic or user belongs to (`strimzi.io/cluster`), if its entity operator runs this operator. */
function entityKafka(
  ctx: SimContext,
  resource: Readonly<KubeObject>,
  operator: 'topicOperator' | 'userOperator',
) {
  const flavour = strimziFlavour(ctx);
  const cluster = resource.metadata.labels?.['strimzi.io/cluster'];
  const kafka =
    flavour &&
    cluster &&
    ctx.api.get(
      flavour.api,
      'Kafka',
      cluster,
      String(resource.metadata.namespace),
    );
  if (!kafka || !isObject(obj(obj(kafka.spec).entityOperator)[operator]))
    return undefined;
  const eo = ctx.api.list('v1', 'Pod', kafka.metadata.namespace, {
    labelSelector: selectorOf(
      selectorLabels(
        String(kafka.metadata.name),
        'Kafka',
        `${kafka.metadata.name}-entity-operator`,
      ),
    ),
  });
  return eo.some(isReady) ? kafka : undefined;
}

/** The topic operator's status: Ready (or Unmanaged / ReconciliationPaused) with the topic's name and ID. */
function topicStatus(
  ctx: SimContext,
  topic: Readonly<KubeObject>,
): JsonObject | undefined {
  if (!entityKafka(ctx, topic, 'topicOperator')) return undefined;
  const status = obj(topic.status);
  let type = 'Ready';
  if (topic.metadata.annotations?.['strimzi.io/managed'] === 'false')
    type = 'Unmanaged';
  else if (paused(topic)) type = 'ReconciliationPaused';
  return {
    conditions: [transition(ctx, status.conditions, { type, status: 'True' })],
    observedGeneration: topic.metadata.generation,
    topicName: String(obj(topic.spec).topicName ?? topic.metadata.name),
    topicId: String(
      status.topicId ?? kafkaClusterId(`topic/${topic.metadata.uid}`),
    ),
  };
}

/** The user operator's Secret for a user: TLS certificate and key, or a SCRAM password. */
function userSecret(user: Readonly<KubeObject>, cluster: string): KubeObject {
  const name = String(user.metadata.name);
  const type = obj(obj(user.spec).authentication).type;
  const fake = (what: string) =>
    Buffer.from(
      `${what}-${hexHash(`${user.metadata.uid}/${what}`, 16)}`,
    ).toString('base64');
  const data =
    type === 'scram-sha-512'
      ? {
          password: fake('password'),
          'sasl.jaas.config': Buffer.from(
            `org.apache.kafka.common.security.scram.ScramLoginModule required username="${name}" password="${fake(
              'password',
            )}";`,
          ).toString('base64'),
        }
      : {
          'ca.crt': fake('ca'),
          'user.crt': fake('crt'),
          'user.key': fake('key'),
          'user.p12': fake('p12'),
          'user.password': fake('p12-password'),
        };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: user.metadata.namespace,
      labels: {
        'app.kubernetes.io/instance': name,
        'app.kubernetes.io/managed-by': 'strimzi-user-operator',
        'app.kubernetes.io/name': 'strimzi-user-operator',
        'app.kubernetes.io/part-of': `strimzi-${name}`,
        'strimzi.io/cluster': cluster,
        'strimzi.io/kind': 'KafkaUser',
      },
      ownerReferences: [
        {
          apiVersion: String(user.apiVersion),
          kind: 'KafkaUser',
          name,
          uid: String(user.metadata.uid),
          controller: false,
          blockOwnerDeletion: false,
        },
      ],
    },
    type: 'Opaque',
    data,
  };
}

function userStatus(
  ctx: SimContext,
  user: Readonly<KubeObject>,
): JsonObject | undefined {
  const kafka = entityKafka(ctx, user, 'userOperator');
  if (!kafka) return undefined;
  const name = String(user.metadata.name);
  const type = obj(obj(user.spec).authentication).type;
  if (type === 'tls' || type === 'scram-sha-512') {
    ensure(
      ctx,
      userSecret(user, String(kafka.metadata.name)),
      'strimzi-user-operator',
    );
  }
  return {
    conditions: ready(ctx, obj(user.status)),
    observedGeneration: user.metadata.generation,
    ...(type ? { secret: name } : {}),
    username: type === 'tls' || type === 'tls-external' ? `CN=${name}` : name,
  };
}

/** Connect's view of a connector: its state and tasks; a connectorTaskFailed fault fails one task. */
function connectorStatus(
  ctx: SimContext,
  connector: Readonly<KubeObject>,
): JsonObject | undefined {
  const connectApi = strimziApi(ctx, 'KafkaConnect');
  const namespace = String(connector.metadata.namespace);
  const connectName = connector.metadata.labels?.['strimzi.io/cluster'];
  const connect =
    connectApi &&
    connectName &&
    ctx.api.get(connectApi, 'KafkaConnect', connectName, namespace);
  if (
    !connect ||
    connect.metadata.annotations?.['strimzi.io/use-connector-resources'] !==
      'true' ||
    !hasCondition(connect, 'Ready')
  ) {
    return undefined;
  }
  const spec = obj(connector.spec);
  const status = obj(connector.status);
  const replicas = Math.max(1, Number(obj(connect.spec).replicas ?? 1));
  const tasksMax = Number(spec.tasksMax ?? 1);
  const worker = (i: number) =>
    workerId(String(connectName), 'connect', namespace, i % replicas);
  let stateOf = 'RUNNING';
  if (spec.state === 'stopped') stateOf = 'STOPPED';
  else if (spec.state === 'paused' || spec.pause === true) stateOf = 'PAUSED';
  const fault = ctx.faults.connectorTaskFailed(
    namespace,
    String(connector.metadata.name),
  );
  const failed = fault ? Math.min(fault.task ?? 0, tasksMax - 1) : undefined;
  const cls = String(spec.class ?? '');
  const sink = /sink/i.test(cls);
  const topics =
    sink && typeof obj(spec.config).topics === 'string'
      ? String(obj(spec.config).topics).split(',')
      : [];
  const tasks =
    stateOf === 'STOPPED'
      ? []
      : [...Array(tasksMax).keys()].map(id => ({
          id,
          state: id === failed ? 'FAILED' : stateOf,
          worker_id: worker(id),
          ...(id === failed
            ? {
                trace:
                  fault!.trace ??
                  'org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n\tat org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execAndHandleError(RetryWithToleranceOperator.java:230)',
              }
            : {}),
        }));
  return {
    conditions: [
      failed === undefined
        ? transition(ctx, status.conditions, { type: 'Ready', status: 'True' })
        : transition(ctx, status.conditions, {
            type: 'NotReady',
            status: 'True',
            reason: 'Throwable',
            message: `The following tasks have failed: ${failed}, see connectorStatus for more details.`,
          }),
    ],
    connectorStatus: {
      connector: { state: stateOf, worker_id: worker(0) },
      name: String(connector.metadata.name),
      tasks,
      type: sink ? 'sink' : 'source',
    },
    observedGeneration: connector.metadata.generation,
    tasksMax,
    topics,
  };
}

/** The topic and user operators write as themselves; connectors are the cluster operator's. */
const MANAGERS: Record<string, string> = {
  KafkaTopic: 'strimzi-topic-operator',
  KafkaUser: 'strimzi-user-operator',
  KafkaConnector: STRIMZI_MANAGER,
};

const STATUS: Record<
  string,
  (ctx: SimContext, r: Readonly<KubeObject>) => JsonObject | undefined
> = {
  KafkaTopic: topicStatus,
  KafkaUser: userStatus,
  KafkaConnector: connectorStatus,
};

/**
 * The topic and user operators, and Connect for KafkaConnectors: Ready once the operator that
 * owns them runs (the entity operator's pod, a KafkaConnect with `strimzi.io/use-connector-resources`).
 */
export function reconcileStrimziApp(
  ctx: SimContext,
  kind: string,
  namespace: string,
  name: string,
) {
  const api = strimziApi(ctx, kind);
  const build = STATUS[kind] as (typeof STATUS)[string] | undefined;
  const resource = api && build && ctx.api.get(api, kind, name, namespace);
  if (
    !build ||
    !resource ||
    resource.metadata.deletionTimestamp ||
    ctx.faults.operatorStuck(namespace, name)
  )
    return;
  const status = build(ctx, resource);
  if (status) writeStatus(ctx, resource, status, MANAGERS[kind]);
}
