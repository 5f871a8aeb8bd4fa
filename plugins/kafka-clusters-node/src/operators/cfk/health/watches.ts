import { WatchSpec } from '../../types';
import {
  ProjectedPod,
  eventWatch,
  projectPod,
  pvcWatch,
} from '../../common/core';
import {
  ProjectedCfkClusterLink,
  ProjectedCfkConnector,
  ProjectedCfkRestClass,
  ProjectedCfkRolebinding,
  ProjectedCfkTopic,
  projectCfkClusterLink,
  projectCfkConnector,
  projectCfkRestClass,
  projectCfkRolebinding,
  projectCfkTopic,
} from './appProjections';
import {
  ProjectedCfkCluster,
  ProjectedStatefulSet,
  projectCfkCluster,
  projectStatefulSet,
} from './projections';

const GROUP = 'platform.confluent.io';

function cfk<T>(
  kind: string,
  plural: string,
  project: (object: unknown) => T | undefined,
): WatchSpec<T> {
  return {
    key: `${GROUP}/${plural}`,
    group: GROUP,
    versions: ['v1beta1'],
    kind,
    plural,
    project,
  };
}

/** Every kind the CFK adapter reads, by role. */
export const cfkWatches = {
  kafkas: cfk('Kafka', 'kafkas', projectCfkCluster),
  kraftControllers: cfk(
    'KRaftController',
    'kraftcontrollers',
    projectCfkCluster,
  ),
  zookeepers: cfk('Zookeeper', 'zookeepers', projectCfkCluster),
  schemaRegistries: cfk(
    'SchemaRegistry',
    'schemaregistries',
    projectCfkCluster,
  ),
  connects: cfk('Connect', 'connects', projectCfkCluster),
  ksqlDbs: cfk('KsqlDB', 'ksqldbs', projectCfkCluster),
  controlCenters: cfk('ControlCenter', 'controlcenters', projectCfkCluster),
  restProxies: cfk('KafkaRestProxy', 'kafkarestproxies', projectCfkCluster),
  connectors: cfk<ProjectedCfkConnector>(
    'Connector',
    'connectors',
    projectCfkConnector,
  ),
  restClasses: cfk<ProjectedCfkRestClass>(
    'KafkaRestClass',
    'kafkarestclasses',
    projectCfkRestClass,
  ),
  topics: cfk<ProjectedCfkTopic>('KafkaTopic', 'kafkatopics', projectCfkTopic),
  clusterLinks: cfk<ProjectedCfkClusterLink>(
    'ClusterLink',
    'clusterlinks',
    projectCfkClusterLink,
  ),
  rolebindings: cfk<ProjectedCfkRolebinding>(
    'ConfluentRolebinding',
    'confluentrolebindings',
    projectCfkRolebinding,
  ),
  /** CFK labels every pod it creates `confluent-platform=true` (operators.md §1.5). */
  pods: {
    key: 'cfk/pods',
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    plural: 'pods',
    labelSelector: 'confluent-platform=true',
    project: (object: unknown) => projectPod(object),
  } as WatchSpec<ProjectedPod>,
  /**
   * Not label-selected: CFK's StatefulSet labels are not documented. The projection keeps only
   * those with CFK's labels or an owner reference to a CFK CR.
   */
  statefulSets: {
    key: 'cfk/statefulsets',
    group: 'apps',
    versions: ['v1'],
    kind: 'StatefulSet',
    plural: 'statefulsets',
    project: projectStatefulSet,
  } as WatchSpec<ProjectedStatefulSet>,
  pvcs: pvcWatch,
  events: eventWatch,
};

/** The CFK cluster CR kinds that are components of a Kafka cluster. */
export const CFK_COMPONENT_WATCHES: readonly WatchSpec<ProjectedCfkCluster>[] =
  [
    cfkWatches.schemaRegistries,
    cfkWatches.connects,
    cfkWatches.ksqlDbs,
    cfkWatches.controlCenters,
    cfkWatches.restProxies,
  ];
