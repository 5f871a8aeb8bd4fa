import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox, startSandbox } from '@k8s-kafka/kube-sandbox';
import { createKubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { readEnvironmentsConfig } from '../environments/config';

/**
 * The target clusters of the tests, one per CRD set and one without any: `prod-eu` serves CFK
 * 3.3.0, `prod-us` Strimzi 1.2.0 (v1 only), `staging` Strimzi 0.51.0 (v1 and v1beta2), `bare`
 * no operator at all. Named like the demo fleet, so the examples run against them.
 */
export const TARGET_CLUSTERS = [
  { name: 'prod-eu', crdSets: ['cfk-3.3.0'] },
  { name: 'prod-us', crdSets: ['strimzi-1.2.0'] },
  { name: 'staging', crdSets: ['strimzi-0.51.0'] },
  { name: 'bare', crdSets: [] },
] as const;

export interface TargetClusters {
  sandbox: Sandbox;
  /** `kubernetes` config listing every sandbox cluster. */
  kubernetesConfig: JsonObject;
  /** What the module builds in init, from that config plus `environments`. */
  actionOptions(
    environments?: JsonObject,
  ): Parameters<
    typeof import('../actions/createEnvironment').createKafkaEnvironmentCreateAction
  >[0];
  stop(): Promise<void>;
}

export async function startTargetClusters(): Promise<TargetClusters> {
  const sandbox = await startSandbox({
    stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-environments-')),
    clusters: TARGET_CLUSTERS.map(c => ({
      name: c.name,
      crdSets: [...c.crdSets],
    })),
  });
  const kubernetesConfig: JsonObject = {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: sandbox.clusters.map(c => ({
          name: c.name,
          url: c.url,
          caFile: c.caFile,
          authProvider: 'serviceAccount',
          serviceAccountToken: c.token,
        })),
      },
    ],
  };
  return {
    sandbox,
    kubernetesConfig,
    actionOptions(environments = {}) {
      const config = mockServices.rootConfig({
        data: {
          kubernetes: kubernetesConfig,
          kafkaClusters: { environments },
        },
      });
      return {
        clusters: createKubernetesClusterAccess({
          config,
          logger: mockServices.logger.mock(),
          auth: mockServices.auth(),
          catalog: catalogServiceMock(),
        }),
        environments: readEnvironmentsConfig(config),
      };
    },
    async stop() {
      await sandbox.stop();
      fs.rmSync(sandbox.stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Validates objects as the API server would create them, strictly (schema, unknown fields,
 * CEL), without storing them: a dry-run create with fieldValidation=Strict per object. Answers
 * the error messages, empty when every object is valid.
 */
export function strictlyValidate(
  sandbox: Sandbox,
  cluster: string,
  objects: readonly {
    kind: string;
    metadata: { name: string; namespace?: string };
  }[],
): string[] {
  const api = sandbox.cluster(cluster).api;
  const errors: string[] = [];
  for (const object of objects) {
    const namespace = object.metadata.namespace;
    if (namespace && !api.get('v1', 'Namespace', namespace)) {
      api.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      } as any);
    }
    try {
      api.create(structuredClone(object) as any, {
        dryRun: true,
        fieldValidation: 'Strict',
      });
    } catch (error) {
      errors.push(
        `${object.kind}/${object.metadata.name}: ${(error as Error).message}`,
      );
    }
  }
  return errors;
}
