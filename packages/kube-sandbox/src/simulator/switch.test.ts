import * as k8s from '@kubernetes/client-node';
import { createClock } from '../clock';
import { startSandbox, startSimulator } from '../sandbox';
import { SIMULATOR_SWITCH } from './router';
import {
  elapse,
  ensureNamespace,
  kubeConfig,
  startSimulated,
  tempStateDir,
} from '../testUtils';

const API = 'platform.confluent.io/v1beta1';
const handWritten = {
  phase: 'SOMETHING_ELSE',
  replicas: 3,
  readyReplicas: 1,
  conditions: [
    { type: 'platform.confluent.io/cluster-ready', status: 'False' },
  ],
};

function kafka(namespace: string) {
  return {
    apiVersion: API,
    kind: 'Kafka',
    metadata: { name: 'kafka', namespace },
    spec: {
      replicas: 3,
      dataVolumeCapacity: '10Gi',
      image: {
        application: 'confluentinc/cp-server:8.1.0',
        init: 'confluentinc/confluent-init-container:3.1.0',
      },
    },
  };
}

const hostedPod = (namespace: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'by-hand', namespace, labels: { app: 'kafka' } },
  spec: {
    containers: [{ name: 'kafka', image: 'confluentinc/cp-server:8.1.0' }],
  },
});

describe('when the simulator acts', () => {
  it('is off unless asked for: hand-written objects and status are served untouched', async () => {
    const sandbox = await startSandbox({
      stateDir: tempStateDir(),
      clusters: [{ name: 'plain', crdSets: ['cfk-3.3.0'] }],
    });
    try {
      const cluster = sandbox.cluster('plain');
      expect(cluster.simulator).toBeUndefined();
      ensureNamespace(cluster.api, 'kafka');
      const created = cluster.api.create(kafka('kafka'));
      cluster.api.updateStatus({
        ...structuredClone(created),
        status: handWritten,
      });
      await new Promise(resolve => setTimeout(resolve, 50));
      const served = await (await kubeConfig(cluster))
        .makeApiClient(k8s.CustomObjectsApi)
        .getNamespacedCustomObject({
          group: 'platform.confluent.io',
          version: 'v1beta1',
          namespace: 'kafka',
          plural: 'kafkas',
          name: 'kafka',
        });
      expect((served as any).status).toEqual(handWritten);
      expect(cluster.api.list('apps/v1', 'StatefulSet', 'kafka')).toEqual([]);

      // A test may still opt in later, cluster by cluster.
      const simulator = startSimulator(cluster);
      expect(startSimulator(cluster)).toBe(simulator);
    } finally {
      await sandbox.stop();
    }
  });

  it(`leaves a namespace annotated ${SIMULATOR_SWITCH}: "off" alone, and takes it over once the annotation goes`, async () => {
    const { sandbox, clock } = await startSimulated([
      { name: 'eu', crdSets: ['cfk-3.3.0'] },
    ]);
    try {
      const { api } = sandbox.cluster('eu');
      api.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'manual',
          annotations: { [SIMULATOR_SWITCH]: 'off' },
        },
      });
      const created = api.create(kafka('manual'));
      api.updateStatus({ ...structuredClone(created), status: handWritten });
      api.create(hostedPod('manual'));
      elapse(clock, 120_000);
      expect(api.get(API, 'Kafka', 'kafka', 'manual')!.status).toEqual(
        handWritten,
      );
      expect(api.list('apps/v1', 'StatefulSet', 'manual')).toEqual([]);
      expect(api.get('v1', 'Pod', 'by-hand', 'manual')!.status).toEqual({
        phase: 'Pending',
        qosClass: 'BestEffort',
      });

      api.patch('v1', 'Namespace', 'manual', undefined, {
        metadata: { annotations: { [SIMULATOR_SWITCH]: null } },
      });
      elapse(clock, 120_000);
      expect(api.get(API, 'Kafka', 'kafka', 'manual')!.status).toMatchObject({
        phase: 'RUNNING',
        readyReplicas: 3,
      });
      expect(sandbox.cluster('eu').simulator!.errors()).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  });

  it('runs on the sandbox clock: a stopped clock moves only when advanced', async () => {
    const clock = createClock({
      start: Date.parse('2026-01-01T00:00:00Z'),
      speed: 0,
    });
    const sandbox = await startSandbox({
      stateDir: tempStateDir(),
      clock,
      simulator: { timings: { podReadyMs: 60_000 } },
      clusters: [{ name: 'slow', crdSets: [] }],
    });
    try {
      const { api, simulator } = sandbox.cluster('slow');
      expect(simulator!.timings.podReadyMs).toBe(60_000);
      ensureNamespace(api, 'apps');
      api.create(hostedPod('apps'));
      expect(
        api.get('v1', 'Pod', 'by-hand', 'apps')!.metadata.creationTimestamp,
      ).toBe('2026-01-01T00:00:00Z');
      await new Promise(resolve => setTimeout(resolve, 50));
      const ready = () =>
        (
          api.get('v1', 'Pod', 'by-hand', 'apps')!.status as any
        ).conditions?.find((c: any) => c.type === 'Ready')?.status;
      expect(ready()).toBe('False');
      clock.advance(63_000);
      expect(ready()).toBe('False');
      clock.advance(2_000);
      expect(ready()).toBe('True');
      expect(
        (api.get('v1', 'Pod', 'by-hand', 'apps')!.spec as any).nodeName,
      ).toMatch(/^worker-[123]$/);
    } finally {
      await sandbox.stop();
    }
  });
});
