import {
  KafkaAccessStatus,
  KafkaTopicStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { findCondition } from '../../common/conditions';
import { RuleContext } from '../../common/context';
import { refOf } from '../../common/meta';
import { pendingReasons } from '../../common/resources';
import { reason, sortReasons, verdictOf } from '../../common/verdict';
import {
  ProjectedStrimziTopic,
  ProjectedStrimziUser,
  STRIMZI_MANAGED,
} from './appProjections';
import { StrimziStatus } from './projections';
import {
  assessStrimziResource,
  failureCondition,
  strimziPause,
} from './resourceHealth';

/** A one-word summary of a Strimzi resource's conditions, for the `state` column. */
function stateOf(resource: StrimziStatus): string | undefined {
  if (strimziPause(resource)) return 'Paused';
  if (
    findCondition(resource.conditions, 'Unmanaged')?.status === 'True' ||
    resource.meta.annotations[STRIMZI_MANAGED] === 'false'
  ) {
    return 'Unmanaged';
  }
  if (failureCondition(resource)) return 'NotReady';
  if (findCondition(resource.conditions, 'Ready')?.status === 'True')
    return 'Ready';
  return undefined;
}

/** A KafkaTopic: the resource rule, and a replication factor change in progress. */
export function strimziTopicStatus(
  topic: ProjectedStrimziTopic,
  ctx: RuleContext,
): KafkaTopicStatus {
  const reasons = assessStrimziResource(topic, ctx);
  const change = topic.replicasChange;
  if (change?.message) {
    // The topic operator writes a message into replicasChange only when the change failed
    // ("Replicas change completed with error", "Replicas change failed, <cause>"), keeping the
    // state it had: topic-operator/src/main/java/io/strimzi/operator/topic/cruisecontrol/
    // CruiseControlHandler.java (updateToFailed), tags 0.51.0 and 1.2.0.
    reasons.push(
      reason(
        'ReplicasChangeFailed',
        'degraded',
        `The replication factor change of topic ${topic.topicName} to ${
          change.targetReplicas ?? '?'
        } failed (${change.state ?? 'no state'}): ${change.message}`,
        refOf(topic.meta),
        {
          fix: 'Check that Cruise Control runs and read its user tasks; the topic operator retries, or revert spec.replicas',
        },
      ),
    );
  } else if (change?.state === 'pending' || change?.state === 'ongoing') {
    reasons.push(
      ...pendingReasons(
        topic.meta,
        `The replication factor of topic ${topic.topicName} is changing to ${
          change.targetReplicas ?? '?'
        } (${change.state})${change.message ? `: ${change.message}` : ''}`,
        ctx.now,
        ctx.thresholds,
        'Cruise Control moves the replicas; check that it runs and look at its logs',
      ),
    );
  }
  const status: KafkaTopicStatus = {
    name: topic.topicName,
    resource: refOf(topic.meta),
    labels: topic.meta.labels,
    health: verdictOf(reasons),
    reasons: sortReasons(reasons),
  };
  const state = stateOf(topic);
  if (topic.partitions !== undefined) status.partitions = topic.partitions;
  if (topic.replicationFactor !== undefined)
    status.replicationFactor = topic.replicationFactor;
  if (state) status.state = state;
  return status;
}

/** A KafkaUser. */
export function strimziUserStatus(
  user: ProjectedStrimziUser,
  ctx: RuleContext,
): KafkaAccessStatus {
  const reasons = assessStrimziResource(user, ctx);
  const status: KafkaAccessStatus = {
    kind: 'KafkaUser',
    resource: refOf(user.meta),
    labels: user.meta.labels,
    health: verdictOf(reasons),
    reasons: sortReasons(reasons),
  };
  const state = stateOf(user);
  if (user.username) status.principal = `User:${user.username}`;
  if (user.authentication) status.authentication = user.authentication;
  if (state) status.state = state;
  return status;
}
