import { WatchSpec } from '../../types';
import { ProjectedPod, projectPod, pvcWatch } from '../../common/core';
import { operatorWatch } from '../../common/watch';
import { eventWatch } from '../../events';
import { strimziFacts } from '../facts';
import {
  ProjectedStrimziConnector,
  ProjectedStrimziDeployment,
  ProjectedStrimziMirrorMaker2,
  ProjectedStrimziTopic,
  ProjectedStrimziUser,
  projectStrimziConnector,
  projectStrimziDeployment,
  projectStrimziMirrorMaker2,
  projectStrimziTopic,
  projectStrimziUser,
} from './appProjections';
import {
  ProjectedStrimziKafka,
  ProjectedStrimziNodePool,
  ProjectedStrimziPodSet,
  STRIMZI_MANUAL_ROLL,
  STRIMZI_REVISION,
  projectStrimziKafka,
  projectStrimziNodePool,
  projectStrimziPodSet,
} from './projections';

function strimzi<T>(
  kind: string,
  project: (object: unknown) => T | undefined,
): WatchSpec<T> {
  return operatorWatch(strimziFacts, kind, project);
}

const POD_SET = strimziFacts.ownedKinds!.find(k => k.kind === 'StrimziPodSet')!;

/** Every kind the Strimzi adapter reads, by role. */
export const strimziWatches = {
  kafkas: strimzi<ProjectedStrimziKafka>('Kafka', projectStrimziKafka),
  nodePools: strimzi<ProjectedStrimziNodePool>(
    'KafkaNodePool',
    projectStrimziNodePool,
  ),
  topics: strimzi<ProjectedStrimziTopic>('KafkaTopic', projectStrimziTopic),
  users: strimzi<ProjectedStrimziUser>('KafkaUser', projectStrimziUser),
  connects: strimzi<ProjectedStrimziDeployment>(
    'KafkaConnect',
    projectStrimziDeployment,
  ),
  connectors: strimzi<ProjectedStrimziConnector>(
    'KafkaConnector',
    projectStrimziConnector,
  ),
  mirrorMakers: strimzi<ProjectedStrimziMirrorMaker2>(
    'KafkaMirrorMaker2',
    projectStrimziMirrorMaker2,
  ),
  bridges: strimzi<ProjectedStrimziDeployment>(
    'KafkaBridge',
    projectStrimziDeployment,
  ),
  podSets: {
    key: `${POD_SET.group}/${POD_SET.plural}`,
    group: POD_SET.group,
    versions: POD_SET.versions,
    kind: POD_SET.kind,
    plural: POD_SET.plural,
    project: projectStrimziPodSet,
  } as WatchSpec<ProjectedStrimziPodSet>,
  /** Every pod Strimzi creates carries its kind label (Strimzi's docs). */
  pods: {
    key: 'strimzi/pods',
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    plural: 'pods',
    labelSelector: strimziFacts.podSelector,
    project: (object: unknown) =>
      projectPod(object, strimziFacts, [STRIMZI_REVISION, STRIMZI_MANUAL_ROLL]),
  } as WatchSpec<ProjectedPod>,
  pvcs: pvcWatch,
  events: eventWatch,
};
