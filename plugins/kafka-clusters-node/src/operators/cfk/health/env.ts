import { RuleContext } from '../../common/context';
import { ProjectedPod } from '../../common/core';
import { ProjectedCfkConnector } from './appProjections';
import { CfkIndex } from './matching';
import { ProjectedCfkCluster, ProjectedStatefulSet } from './projections';

/** Everything one assembly reads, indexed once. */
export interface CfkEnv {
  cluster: string;
  ctx: RuleContext;
  index: CfkIndex;
  /** `undefined` when pods are not watched. */
  pods?: ReadonlyMap<string, ProjectedPod[]>;
  statefulSets: ReadonlyMap<string, ProjectedStatefulSet>;
  kraftControllers: ReadonlyMap<string, ProjectedCfkCluster>;
  zookeepers: ReadonlyMap<string, ProjectedCfkCluster>;
  connectorsByConnect: ReadonlyMap<string, ProjectedCfkConnector[]>;
}
