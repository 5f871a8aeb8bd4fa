import { asObject, isObject, JsonObject, KubeObject } from '../../types';
import { ownerRef } from '../context';
import { CfkClusterKind, cfkLabels } from './kinds';

const obj = asObject;

/** The pod template CFK renders from a cluster CR's `spec.image` and `spec.podTemplate`. */
function podTemplate(
  cr: Readonly<KubeObject>,
  kind: CfkClusterKind,
): JsonObject {
  const name = String(cr.metadata.name);
  const namespace = String(cr.metadata.namespace);
  const spec = obj(cr.spec);
  const image = obj(spec.image);
  const pod = obj(spec.podTemplate);
  const data = spec.dataVolumeCapacity !== undefined;
  const main = kind.ports[0];
  const env = [
    {
      name: 'POD_NAME',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
    },
    {
      name: 'POD_NAMESPACE',
      valueFrom: {
        fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
      },
    },
    {
      name: 'POD_IP',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } },
    },
    ...(Array.isArray(pod.envVars) ? pod.envVars : []),
  ];
  const mounts = [
    ...(data ? [{ name: 'data0', mountPath: '/mnt/data/data0' }] : []),
    { name: 'config-init-volume', mountPath: '/mnt/config/init' },
    { name: 'shared-config', mountPath: '/mnt/config/shared' },
    { name: 'pod-shared-workdir', mountPath: '/mnt/config' },
  ];
  const probe = kind.restPort
    ? { httpGet: { path: '/', port: kind.restPort, scheme: 'HTTP' } }
    : { tcpSocket: { port: main.port } };
  const antiAffinity = spec.oneReplicaPerNode
    ? {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: {
                matchLabels: {
                  app: name,
                  'platform.confluent.io/type': kind.type,
                },
              },
              topologyKey: 'kubernetes.io/hostname',
            },
          ],
        },
      }
    : undefined;
  return {
    metadata: {
      labels: {
        ...cfkLabels(name, namespace, kind.type),
        'platform.confluent.io/type': kind.type,
        ...obj(pod.labels),
      },
      ...(isObject(pod.annotations) ? { annotations: pod.annotations } : {}),
    },
    spec: {
      ...(pod.affinity || antiAffinity
        ? { affinity: pod.affinity ?? antiAffinity }
        : {}),
      containers: [
        {
          name: kind.type,
          image: image.application,
          command: ['/mnt/config/pod/start.sh'],
          env,
          ports: kind.ports.map(p => ({
            name: p.name,
            containerPort: p.port,
            protocol: 'TCP',
          })),
          resources: obj(pod.resources),
          readinessProbe: {
            ...probe,
            initialDelaySeconds: 15,
            periodSeconds: 10,
            timeoutSeconds: 10,
            failureThreshold: 5,
          },
          livenessProbe: {
            ...probe,
            initialDelaySeconds: 60,
            periodSeconds: 10,
            timeoutSeconds: 10,
            failureThreshold: 5,
          },
          ...(pod.securityContext
            ? { securityContext: pod.securityContext }
            : {}),
          volumeMounts: mounts,
        },
      ],
      initContainers: [
        {
          name: 'config-init-container',
          image: image.init,
          command: ['/bin/sh', '-xc'],
          args: [
            'until [ -f /mnt/config/init/done ]; do sleep 1; done; cp -r /mnt/config/init/* /mnt/config/',
          ],
          resources: {},
          volumeMounts: mounts.filter(m => m.name !== 'data0'),
        },
      ],
      securityContext: pod.podSecurityContext ?? {
        fsGroup: 1001,
        runAsNonRoot: true,
        runAsUser: 1001,
      },
      serviceAccountName: pod.serviceAccountName ?? 'default',
      terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds ?? 180,
      ...(pod.priorityClassName
        ? { priorityClassName: pod.priorityClassName }
        : {}),
      ...(Array.isArray(pod.tolerations)
        ? { tolerations: pod.tolerations }
        : {}),
      ...(Array.isArray(pod.topologySpreadConstraints)
        ? { topologySpreadConstraints: pod.topologySpreadConstraints }
        : {}),
      volumes: [
        {
          name: 'config-init-volume',
          configMap: { name: `${name}-init-config`, defaultMode: 420 },
        },
        {
          name: 'shared-config',
          configMap: { name: `${name}-shared-config`, defaultMode: 420 },
        },
        { name: 'pod-shared-workdir', emptyDir: {} },
      ],
    },
  };
}

/** The StatefulSet CFK keeps for a cluster CR: `OnDelete`, because CFK rolls the pods itself. */
export function desiredStatefulSet(
  cr: Readonly<KubeObject>,
  kind: CfkClusterKind,
): KubeObject {
  const name = String(cr.metadata.name);
  const namespace = String(cr.metadata.namespace);
  const spec = obj(cr.spec);
  const labels = cfkLabels(name, namespace, kind.type);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace, labels, ownerReferences: [ownerRef(cr)] },
    spec: {
      replicas: Number(spec.replicas ?? 1),
      serviceName: name,
      selector: { matchLabels: labels },
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'OnDelete' },
      template: podTemplate(cr, kind),
      ...(spec.dataVolumeCapacity !== undefined
        ? {
            volumeClaimTemplates: [
              {
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: { name: 'data0' },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  resources: {
                    requests: { storage: String(spec.dataVolumeCapacity) },
                  },
                  ...(isObject(spec.storageClass)
                    ? { storageClassName: spec.storageClass.name }
                    : {}),
                  volumeMode: 'Filesystem',
                },
              },
            ],
          }
        : {}),
    },
  };
}

/** The headless Service `<name>` CFK creates, selecting the CR's pods (CFK's docs). */
export function desiredService(
  cr: Readonly<KubeObject>,
  kind: CfkClusterKind,
): KubeObject {
  const name = String(cr.metadata.name);
  const namespace = String(cr.metadata.namespace);
  const labels = cfkLabels(name, namespace, kind.type);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace,
      labels,
      annotations: {
        'platform.confluent.io/cr-name': name,
        'platform.confluent.io/namespace': namespace,
        'platform.confluent.io/type': kind.type,
      },
      ownerReferences: [ownerRef(cr)],
    },
    spec: {
      clusterIP: 'None',
      ports: kind.ports.map(p => ({
        name: p.name,
        port: p.port,
        protocol: 'TCP',
        targetPort: p.port,
      })),
      publishNotReadyAddresses: true,
      selector: labels,
      type: 'ClusterIP',
    },
  };
}
