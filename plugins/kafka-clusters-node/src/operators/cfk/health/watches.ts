import { WatchSpec } from '../../types';
import { ProjectedPod, projectPod, pvcWatch } from '../../common/core';
import { operatorWatch } from '../../common/watch';
import { eventWatch } from '../../events';
import { cfkFacts } from '../facts';
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

function cfk<T>(
  kind: string,
  project: (object: unknown) => T | undefined,
): WatchSpec<T> {
  return operatorWatch(cfkFacts, kind, project);
}

/** Every kind the CFK adapter reads, by role. */
export const cfkWatches = {
  kafkas: cfk('Kafka', projectCfkCluster),
  kraftControllers: cfk('KRaftController', projectCfkCluster),
  zookeepers: cfk('Zookeeper', projectCfkCluster),
  schemaRegistries: cfk('SchemaRegistry', projectCfkCluster),
  connects: cfk('Connect', projectCfkCluster),
  ksqlDbs: cfk('KsqlDB', projectCfkCluster),
  controlCenters: cfk('ControlCenter', projectCfkCluster),
  restProxies: cfk('KafkaRestProxy', projectCfkCluster),
  connectors: cfk<ProjectedCfkConnector>('Connector', projectCfkConnector),
  restClasses: cfk<ProjectedCfkRestClass>(
    'KafkaRestClass',
    projectCfkRestClass,
  ),
  topics: cfk<ProjectedCfkTopic>('KafkaTopic', projectCfkTopic),
  clusterLinks: cfk<ProjectedCfkClusterLink>(
    'ClusterLink',
    projectCfkClusterLink,
  ),
  rolebindings: cfk<ProjectedCfkRolebinding>(
    'ConfluentRolebinding',
    projectCfkRolebinding,
  ),
  /** CFK labels every pod it creates (CFK's docs). */
  pods: {
    key: 'cfk/pods',
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    plural: 'pods',
    labelSelector: cfkFacts.podSelector,
    project: (object: unknown) => projectPod(object, cfkFacts),
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
