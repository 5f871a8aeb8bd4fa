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
  /**
   * Whether the snapshot holds the KRaftController / Zookeeper kinds at all (a key, even empty),
   * as opposed to a kind not watched or not served: only then does "not there" mean "gone".
   */
  watched: { kraftControllers: boolean; zookeepers: boolean };
  connectorsByConnect: ReadonlyMap<string, ProjectedCfkConnector[]>;
}
