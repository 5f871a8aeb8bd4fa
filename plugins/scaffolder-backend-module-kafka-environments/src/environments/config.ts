import { Config } from '@backstage/config';
import { MAX_TOPICS } from '../actions/inputProperties';

type Operator = 'strimzi' | 'cfk';

/** The platform's limits on what a service team may ask for (`kafkaClusters.environments.limits`). */
export interface EnvironmentLimits {
  maxBrokers: number;
  /** In bytes; the configured quantity is kept in `maxStoragePerBrokerText`. */
  maxStoragePerBroker: number;
  maxStoragePerBrokerText: string;
  maxTopics: number;
  /** Undefined: any storage class. */
  allowedStorageClasses?: string[];
  allowedOperators: Operator[];
  /** API versions each operator may be written at. */
  allowedVersions: Record<Operator, string[]>;
}

/** What the module reads from `kafkaClusters.environments`. */
export interface EnvironmentsConfig {
  limits: EnvironmentLimits;
  /** The folder of the GitOps repository each Kubernetes cluster's agent syncs. */
  gitopsPath(cluster: string): string;
}

const UNITS: Record<string, number> = { Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Bytes of a quantity like `500Gi`; undefined when it is not one. */
export function quantityBytes(quantity: string): number | undefined {
  const match = /^([1-9][0-9]*)(Mi|Gi|Ti)$/.exec(quantity);
  return match ? Number(match[1]) * UNITS[match[2]] : undefined;
}

/**
 * Reads `kafkaClusters.environments`, with its defaults: 12 brokers, 2Ti per broker, 1,000
 * topics, any storage class, both operators at every version this suite renders.
 *
 * @throws Error naming the key when a value is out of range.
 */
export function readEnvironmentsConfig(config: Config): EnvironmentsConfig {
  const root = config.getOptionalConfig('kafkaClusters.environments');
  const limits = root?.getOptionalConfig('limits');
  const key = (name: string) => `kafkaClusters.environments.limits.${name}`;
  const maxTopics = limits?.getOptionalNumber('maxTopics') ?? MAX_TOPICS;
  if (!Number.isInteger(maxTopics) || maxTopics < 0 || maxTopics > MAX_TOPICS) {
    throw new Error(
      `${key('maxTopics')} must be an integer from 0 to ${MAX_TOPICS}`,
    );
  }
  const maxStorageText =
    limits?.getOptionalString('maxStoragePerBroker') ?? '2Ti';
  const maxStorage = quantityBytes(maxStorageText);
  if (maxStorage === undefined) {
    throw new Error(
      `${key('maxStoragePerBroker')} must be a quantity such as 500Gi or 2Ti`,
    );
  }
  const operators = (limits?.getOptionalStringArray('allowedOperators') ?? [
    'strimzi',
    'cfk',
  ]) as Operator[];
  for (const operator of operators) {
    if (operator !== 'strimzi' && operator !== 'cfk') {
      throw new Error(
        `${key('allowedOperators')}: unknown operator '${operator}'`,
      );
    }
  }
  const versions = limits?.getOptionalConfig('allowedVersions');
  const clusters = root?.getOptionalConfig('clusters');
  return {
    limits: {
      maxBrokers: limits?.getOptionalNumber('maxBrokers') ?? 12,
      maxStoragePerBroker: maxStorage,
      maxStoragePerBrokerText: maxStorageText,
      maxTopics,
      allowedStorageClasses: limits?.getOptionalStringArray(
        'allowedStorageClasses',
      ),
      allowedOperators: operators,
      allowedVersions: {
        strimzi: versions?.getOptionalStringArray('strimzi') ?? [
          'v1',
          'v1beta2',
        ],
        cfk: versions?.getOptionalStringArray('cfk') ?? ['v1beta1'],
      },
    },
    gitopsPath: cluster =>
      clusters?.getOptionalString(`${cluster}.gitopsPath`) ??
      `clusters/${cluster}`,
  };
}
