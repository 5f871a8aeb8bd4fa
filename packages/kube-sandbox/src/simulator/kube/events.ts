import { Clock } from '../../clock';
import { ObjectApi } from '../../cluster/objectApi';
import { timestamp } from '../../resources/metadata';
import { KubeObject } from '../../types';

/** Who records an event: the `source` of a core/v1 Event. */
export interface EventSource {
  component: string;
  host?: string;
}

/** Records core/v1 Events the way client-go's recorder does: repeats raise `count` and `lastTimestamp`. */
export interface EventRecorder {
  warning(
    involved: Readonly<KubeObject>,
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void;
}

/** Creates the recorder of one simulated cluster. */
export function createEventRecorder(
  api: ObjectApi,
  clock: Clock,
): EventRecorder {
  // Aggregation key → event name, as client-go's correlator keeps them.
  const names = new Map<string, string>();
  return {
    warning(involved, reason, message, source, fieldPath) {
      const namespace = String(involved.metadata.namespace ?? 'default');
      const key = [
        namespace,
        involved.metadata.uid,
        reason,
        message,
        source.component,
      ].join('\u0000');
      const now = timestamp(new Date(clock.now()));
      const name = names.get(key);
      const existing = name && api.get('v1', 'Event', name, namespace);
      if (existing) {
        api.update(
          {
            ...structuredClone(existing),
            count: Number(existing.count ?? 1) + 1,
            lastTimestamp: now,
          } as KubeObject,
          { manager: source.component, fieldValidation: 'Strict' },
        );
        return;
      }
      // client-go names events `<object>.<UnixNano in hex>`; bump it past a name already taken.
      let nanos = BigInt(clock.now()) * 1_000_000n;
      const nameAt = (n: bigint) =>
        `${involved.metadata.name}.${n.toString(16)}`;
      while (api.get('v1', 'Event', nameAt(nanos), namespace)) nanos++;
      const fresh = nameAt(nanos);
      names.set(key, fresh);
      api.create(
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: fresh, namespace },
          involvedObject: {
            apiVersion: involved.apiVersion,
            kind: involved.kind,
            name: involved.metadata.name,
            namespace,
            uid: involved.metadata.uid,
            resourceVersion: involved.metadata.resourceVersion,
            ...(fieldPath ? { fieldPath } : {}),
          },
          reason,
          message,
          source: {
            component: source.component,
            ...(source.host ? { host: source.host } : {}),
          },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          type: 'Warning',
          reportingComponent: source.component,
          reportingInstance: source.host ?? '',
        },
        { manager: source.component, fieldValidation: 'Strict' },
      );
    },
  };
}
