import {
  KafkaAccessStatus,
  KafkaComponentStatus,
  KafkaComponentType,
  KafkaLinkStatus,
  KafkaTopicStatus,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { RuleContext } from '../../common/context';
import { keyOf, refOf } from '../../common/meta';
import { PodAssessment } from '../../common/pods';
import { rollUp, sortReasons, verdictOf } from '../../common/verdict';
import {
  ProjectedCfkClusterLink,
  ProjectedCfkRolebinding,
  ProjectedCfkTopic,
} from './appProjections';
import {
  assessCfkApp,
  assessCfkConnector,
  assessMirrorTopics,
} from './appHealth';
import { CfkEnv } from './env';
import { CfkCrAssessment, assessCfkClusterCr } from './health';
import { kafkaForLinkSide, podsOfCr } from './matching';
import { ProjectedCfkCluster } from './projections';

const COMPONENT_TYPES: Record<string, KafkaComponentType> = {
  SchemaRegistry: 'schema-registry',
  Connect: 'connect',
  KsqlDB: 'ksqldb',
  ControlCenter: 'control-center',
  KafkaRestProxy: 'rest-proxy',
};

/** Assesses a cluster CR with its pods and StatefulSet from the snapshot. */
export function assessCr(
  cr: ProjectedCfkCluster,
  env: CfkEnv,
  groupKind: 'brokers' | 'controllers' | 'replicas',
): CfkCrAssessment {
  return assessCfkClusterCr(
    {
      cr,
      pods: env.pods && podsOfCr(env.pods, cr),
      statefulSet: env.statefulSets.get(keyOf(cr.meta.namespace, cr.meta.name)),
      groupKind,
      quorum: groupKind === 'controllers',
    },
    env.ctx,
  );
}

/** The pods of an assessment and their PVCs, whose events explain a verdict. */
export function podObjects(
  pods: readonly PodAssessment[] | undefined,
): KubernetesObjectRef[] {
  return (pods ?? []).flatMap(({ pod }) => [
    { kind: 'Pod', namespace: pod.meta.namespace, name: pod.meta.name },
    ...pod.claims.map(claim => ({
      kind: 'PersistentVolumeClaim',
      namespace: pod.meta.namespace,
      name: claim,
    })),
  ]);
}

/** A cluster CR, its StatefulSet and its pods, whose events explain a verdict. */
export function crObjects(
  cr: ProjectedCfkCluster,
  assessment: CfkCrAssessment,
): KubernetesObjectRef[] {
  return [
    refOf(cr.meta),
    { kind: 'StatefulSet', namespace: cr.meta.namespace, name: cr.meta.name },
    ...podObjects(assessment.pods),
  ];
}

export function cfkComponentStatus(
  component: ProjectedCfkCluster,
  env: CfkEnv,
): {
  status: KafkaComponentStatus;
  eventObjects: KubernetesObjectRef[];
} {
  const assessment = assessCr(component, env, 'replicas');
  const connectors =
    component.meta.kind === 'Connect'
      ? (
          env.connectorsByConnect.get(
            keyOf(component.meta.namespace, component.meta.name),
          ) ?? []
        ).map(c => assessCfkConnector(c, env.ctx))
      : [];
  const reasons = sortReasons([
    ...assessment.reasons,
    ...connectors.flatMap(c => rollUp(c.reasons)),
  ]);
  const status: KafkaComponentStatus = {
    type: COMPONENT_TYPES[component.meta.kind],
    resource: refOf(component.meta),
    name: component.meta.name,
    labels: component.meta.labels,
    health: verdictOf(reasons),
    reasons,
    pods: (assessment.pods ?? []).map(p => p.status),
    connectors,
  };
  if (assessment.group.desired !== undefined)
    status.desired = assessment.group.desired;
  if (assessment.group.ready !== undefined)
    status.ready = assessment.group.ready;
  if (component.phase) status.phase = component.phase;
  if (component.restEndpoint) status.endpoint = component.restEndpoint;
  return {
    status,
    eventObjects: [
      ...crObjects(component, assessment),
      ...connectors.map(c => c.resource),
    ],
  };
}

export function cfkTopicStatus(
  topic: ProjectedCfkTopic,
  ctx: RuleContext,
): KafkaTopicStatus {
  const reasons = assessCfkApp(topic, ctx);
  const status: KafkaTopicStatus = {
    name: topic.topicName,
    resource: refOf(topic.meta),
    labels: topic.meta.labels,
    health: verdictOf(reasons),
    reasons,
  };
  const state = topic.state ?? topic.appState;
  if (topic.partitions !== undefined) status.partitions = topic.partitions;
  if (topic.replicationFactor !== undefined)
    status.replicationFactor = topic.replicationFactor;
  if (state) status.state = state;
  return status;
}

export function cfkAccessStatus(
  binding: ProjectedCfkRolebinding,
  ctx: RuleContext,
): KafkaAccessStatus {
  const reasons = assessCfkApp(binding, ctx);
  const status: KafkaAccessStatus = {
    kind: 'ConfluentRolebinding',
    resource: refOf(binding.meta),
    labels: binding.meta.labels,
    health: verdictOf(reasons),
    reasons,
  };
  const state = binding.state ?? binding.appState;
  if (binding.principal) status.principal = binding.principal;
  if (binding.role) status.role = binding.role;
  if (state) status.state = state;
  return status;
}

export function cfkLinkStatus(
  link: ProjectedCfkClusterLink,
  role: 'source' | 'destination',
  env: CfkEnv,
): KafkaLinkStatus {
  const app = assessCfkApp(link, env.ctx);
  const mirrors = assessMirrorTopics(link, env.ctx);
  const reasons = sortReasons([
    ...app,
    ...(app.some(r => r.code === 'ResourceFailed') ? [] : mirrors.reasons),
  ]);
  const peerSide = role === 'destination' ? link.source : link.destination;
  const peerKafka = kafkaForLinkSide(env.index, peerSide, link.meta.namespace);
  const peer: KafkaLinkStatus['peer'] = {};
  const clusterId = peerSide.clusterId ?? peerKafka?.clusterId;
  if (peerSide.bootstrapEndpoint)
    peer.bootstrapServers = peerSide.bootstrapEndpoint;
  if (clusterId) peer.clusterId = clusterId;
  if (peerKafka) {
    peer.ref = {
      cluster: env.cluster,
      namespace: peerKafka.meta.namespace,
      name: peerKafka.meta.name,
    };
  }
  const status: KafkaLinkStatus = {
    type: 'cluster-link',
    resource: refOf(link.meta),
    labels: link.meta.labels,
    role,
    linkName: link.linkName,
    peer,
    mirrorTopics: mirrors.topics,
    health: verdictOf(reasons),
    reasons,
  };
  const state = link.state ?? link.appState;
  if (state) status.state = state;
  return status;
}
