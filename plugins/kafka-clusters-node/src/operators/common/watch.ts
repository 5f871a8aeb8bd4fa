import { WatchSpec } from '../types';
import { OperatorFacts } from './facts';

/** The watch spec of one of an operator's own kinds, keyed by its group and plural. */
export function operatorWatch<T>(
  facts: OperatorFacts,
  kind: string,
  project: (object: unknown) => T | undefined,
): WatchSpec<T> {
  const known = facts.kinds.find(k => k.kind === kind);
  if (!known) throw new Error(`${kind} is not a kind of ${facts.title}`);
  return {
    key: `${facts.group}/${known.plural}`,
    group: facts.group,
    versions: facts.versions,
    kind,
    plural: known.plural,
    project,
  };
}
