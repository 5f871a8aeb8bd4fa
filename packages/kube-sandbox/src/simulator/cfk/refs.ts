import { asObject, KubeObject } from '../../types';
import { SimContext } from '../context';
import { CFK_API } from './kinds';

/*
 * How CFK's application CRs find the cluster CRs they act on (CFK's docs): by a
 * `*ClusterRef`, through a KafkaRestClass, by a REST or bootstrap endpoint naming the cluster's
 * Service, or by a Kafka cluster ID.
 */

const obj = asObject;

/** A cluster CR by `{name, namespace}`, the namespace defaulting to the referrer's. */
export function byRef(
  ctx: SimContext,
  kind: string,
  ref: unknown,
  namespace: string,
): Readonly<KubeObject> | undefined {
  const r = obj(ref);
  if (typeof r.name !== 'string') return undefined;
  return ctx.api.get(CFK_API, kind, r.name, String(r.namespace ?? namespace));
}

/** The CR behind an endpoint (`https://kafka.ns.svc.cluster.local:8090`, `kafka.ns.svc:9071`, `kafka:9071`). */
export function byEndpoint(
  ctx: SimContext,
  kind: string,
  endpoint: unknown,
  namespace: string,
): Readonly<KubeObject> | undefined {
  if (typeof endpoint !== 'string') return undefined;
  const host = endpoint.replace(/^[a-z]+:\/\//, '').split(/[:/]/)[0];
  const [service, ns] = host.split('.');
  if (!service) return undefined;
  return ctx.api.get(
    CFK_API,
    kind,
    service.replace(/-bootstrap$/, ''),
    ns ?? namespace,
  );
}

/** The Kafka with this cluster ID, anywhere in the cluster. */
export function kafkaById(
  ctx: SimContext,
  id: unknown,
): Readonly<KubeObject> | undefined {
  if (typeof id !== 'string' || !id) return undefined;
  return ctx.api
    .list(CFK_API, 'Kafka')
    .find(k => obj(k.status).clusterID === id);
}

/** The Kafka a KafkaRestClass points at. */
export function kafkaOfRestClass(
  ctx: SimContext,
  restClass: Readonly<KubeObject> | undefined,
): Readonly<KubeObject> | undefined {
  if (!restClass) return undefined;
  const spec = obj(restClass.spec);
  const namespace = String(restClass.metadata.namespace);
  return (
    byRef(ctx, 'Kafka', spec.kafkaClusterRef, namespace) ??
    byEndpoint(ctx, 'Kafka', obj(spec.kafkaRest).endpoint, namespace) ??
    kafkaById(ctx, obj(spec.kafkaRest).kafkaClusterID)
  );
}

/** The Kafka behind a `kafkaRestClassRef`. */
export function kafkaViaRestClass(
  ctx: SimContext,
  ref: unknown,
  namespace: string,
): Readonly<KubeObject> | undefined {
  return kafkaOfRestClass(ctx, byRef(ctx, 'KafkaRestClass', ref, namespace));
}

/** A cluster CR that is RUNNING with a ready replica: one its applications can talk to. */
export function serving(
  cr: Readonly<KubeObject> | undefined,
): cr is Readonly<KubeObject> {
  const status = obj(cr?.status);
  return status.phase === 'RUNNING' && Number(status.readyReplicas ?? 0) > 0;
}

/** The Kafka's REST endpoint and cluster ID, as its status reports them. */
export function kafkaFacts(kafka: Readonly<KubeObject>) {
  const status = obj(kafka.status);
  return {
    kafkaCluster: `${kafka.metadata.namespace}/${kafka.metadata.name}`,
    kafkaClusterID: status.clusterID as string | undefined,
    kafkaRestEndpoint: obj(obj(status.services)['kafka-rest'])
      .internalEndpoint as string | undefined,
  };
}
