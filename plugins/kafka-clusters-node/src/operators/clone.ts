import { InputError } from '@backstage/errors';
import { cfkCloneRules } from './cfk/clone/rules';
import { cloneEnvironment, ClonedEnvironment } from './common/clone/clone';
import {
  CloneSpec,
  OperatorCloneRules,
  SourceObject,
} from './common/clone/types';
import { strimziCloneRules } from './strimzi/clone/rules';
import { cfkFacts } from './cfk/facts';
import { strimziFacts } from './strimzi/facts';

export {
  CLONE_ANNOTATIONS,
  CLONE_RECORD_FILE,
  chooseTopics,
  environmentOf,
} from './common/clone/clone';
export type { ClonedEnvironment, CloneRecord } from './common/clone/clone';
export type {
  CloneChange,
  CloneData,
  CloneObjectNote,
  CloneSource,
  CloneSpec,
  CloneStep,
  CloneTransform,
  OperatorCloneRules,
  SourceObject,
} from './common/clone/types';
export { cfkCloneRules } from './cfk/clone/rules';
export { strimziCloneRules } from './strimzi/clone/rules';

/**
 * The clone rules of every operator the suite knows.
 *
 * @public
 */
export const defaultCloneRules: readonly OperatorCloneRules[] = [
  cfkCloneRules,
  strimziCloneRules,
];

/**
 * The source's Kafka among `objects` and the clone rules of the operator that runs it.
 *
 * @throws InputError when there is no such Kafka of CFK or Strimzi.
 * @public
 */
export function sourceKafkaOf(
  objects: readonly SourceObject[],
  source: Pick<CloneSpec['source'], 'namespace' | 'name'>,
): { kafka: SourceObject; rules: OperatorCloneRules } {
  const kafkas = objects.filter(o => o.kind === 'Kafka');
  const kafka = kafkas.find(
    o =>
      o.metadata.name === source.name &&
      (o.metadata.namespace ?? source.namespace) === source.namespace,
  );
  const rules = defaultCloneRules.find(r =>
    kafka?.apiVersion.startsWith(`${r.facts.group}/`),
  );
  if (!kafka || !rules) {
    throw new InputError(
      `The source has no Kafka '${source.name}' in namespace '${
        source.namespace
      }' of ${[cfkFacts.group, strimziFacts.group].join(' or ')} (found: ${
        kafkas
          .map(
            o =>
              `${o.metadata.namespace ?? source.namespace}/${o.metadata.name}`,
          )
          .join(', ') || 'none'
      })`,
    );
  }
  return { kafka, rules };
}

/**
 * Clones the Kafka environment `spec.source` names out of `objects` (every CFK or Strimzi
 * resource of the source's namespace, read live or from files), by the rules of the operator
 * that runs it. Pure: the same objects and spec give the same bytes.
 *
 * @throws InputError when the source is not there or cannot be cloned as asked.
 * @public
 */
export function cloneKafkaEnvironment(
  objects: readonly SourceObject[],
  spec: CloneSpec,
): ClonedEnvironment {
  const { rules } = sourceKafkaOf(objects, spec.source);
  return cloneEnvironment(objects, spec, rules, [cfkFacts, strimziFacts]);
}
