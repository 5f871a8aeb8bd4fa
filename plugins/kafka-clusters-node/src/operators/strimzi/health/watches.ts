import { WatchSpec } from '../../types';
import {
  ProjectedPod,
  eventWatch,
  projectPod,
  pvcWatch,
} from '../../common/core';
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

const GROUP = 'kafka.strimzi.io';
// v1 since 0.49 and the only version from 1.0; v1beta2 for 0.22–0.51 (operators.md §2.1).
const VERSIONS = ['v1', 'v1beta2'];

function strimzi<T>(
  kind: string,
  plural: string,
  project: (object: unknown) => T | undefined,
): WatchSpec<T> {
  return {
    key: `${GROUP}/${plural}`,
    group: GROUP,
    versions: VERSIONS,
    kind,
    plural,
    project,
  };
}

/** Every kind the Strimzi adapter reads, by role. */
export const strimziWatches = {
  kafkas: strimzi<ProjectedStrimziKafka>(
    'Kafka',
    'kafkas',
    projectStrimziKafka,
  ),
  nodePools: strimzi<ProjectedStrimziNodePool>(
    'KafkaNodePool',
    'kafkanodepools',
    projectStrimziNodePool,
  ),
  topics: strimzi<ProjectedStrimziTopic>(
    'KafkaTopic',
    'kafkatopics',
    projectStrimziTopic,
  ),
  users: strimzi<ProjectedStrimziUser>(
    'KafkaUser',
    'kafkausers',
    projectStrimziUser,
  ),
  connects: strimzi<ProjectedStrimziDeployment>(
    'KafkaConnect',
    'kafkaconnects',
    projectStrimziDeployment,
  ),
  connectors: strimzi<ProjectedStrimziConnector>(
    'KafkaConnector',
    'kafkaconnectors',
    projectStrimziConnector,
  ),
  mirrorMakers: strimzi<ProjectedStrimziMirrorMaker2>(
    'KafkaMirrorMaker2',
    'kafkamirrormaker2s',
    projectStrimziMirrorMaker2,
  ),
  bridges: strimzi<ProjectedStrimziDeployment>(
    'KafkaBridge',
    'kafkabridges',
    projectStrimziDeployment,
  ),
  podSets: {
    key: 'core.strimzi.io/strimzipodsets',
    group: 'core.strimzi.io',
    versions: VERSIONS,
    kind: 'StrimziPodSet',
    plural: 'strimzipodsets',
    project: projectStrimziPodSet,
  } as WatchSpec<ProjectedStrimziPodSet>,
  /** Every pod Strimzi creates carries `strimzi.io/kind` (operators.md §2.3). */
  pods: {
    key: 'strimzi/pods',
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    plural: 'pods',
    labelSelector: 'strimzi.io/kind',
    project: (object: unknown) =>
      projectPod(object, [STRIMZI_REVISION, STRIMZI_MANUAL_ROLL]),
  } as WatchSpec<ProjectedPod>,
  pvcs: pvcWatch,
  events: eventWatch,
};
