import { RuleContext } from '../../common/context';
import { ProjectedPod } from '../../common/core';
import {
  ProjectedStrimziConnector,
  ProjectedStrimziTopic,
  ProjectedStrimziUser,
} from './appProjections';
import { StrimziIndex } from './matching';
import {
  ProjectedStrimziNodePool,
  ProjectedStrimziPodSet,
} from './projections';

/** Everything one Strimzi assembly reads, indexed once. */
export interface StrimziEnv {
  cluster: string;
  ctx: RuleContext;
  index: StrimziIndex;
  /** Pods by `namespace/<cluster label>`; `undefined` when pods are not watched. */
  pods?: ReadonlyMap<string, ProjectedPod[]>;
  /** StrimziPodSets by `namespace/<cluster label>`; `undefined` when not watched. */
  podSets?: ReadonlyMap<string, ProjectedStrimziPodSet[]>;
  /** Whether a pod runs the revision its pod set holds for it. */
  currentRevision(pod: ProjectedPod): boolean | undefined;
  /** KafkaNodePools by `namespace/<cluster label>`; `undefined` when not watched. */
  nodePools?: ReadonlyMap<string, ProjectedStrimziNodePool[]>;
  topics: ReadonlyMap<string, ProjectedStrimziTopic[]>;
  users: ReadonlyMap<string, ProjectedStrimziUser[]>;
  /** KafkaConnectors by `namespace/<KafkaConnect name>`. */
  connectors: ReadonlyMap<string, ProjectedStrimziConnector[]>;
}
