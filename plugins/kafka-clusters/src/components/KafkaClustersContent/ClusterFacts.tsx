import { Entity } from '@backstage/catalog-model';
import {
  KafkaClusterStatus,
  KafkaMetadataMode,
  KafkaReconcileState,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { Fragment, ReactNode } from 'react';
import { FactList } from '../common/FactList';
import { OPERATOR_LABEL } from '../common/health';
import { RelativeTime } from '../common/RelativeTime';
import { formatDuration } from '../common/time';
import { ClusterLink, ClusterLinks } from './ClusterLinks';
import { OwnerLink } from './OwnerLink';

const METADATA_MODE_LABEL: Record<KafkaMetadataMode, string> = {
  kraft: 'KRaft',
  zookeeper: 'ZooKeeper',
  migrating: 'Migrating from ZooKeeper to KRaft',
  unknown: 'Unknown',
};

/**
 * What runs the cluster and how far the operator got: operator and versions, metadata
 * mode, reconciliation, owner and links.
 */
export function ClusterFacts(props: {
  status: KafkaClusterStatus;
  /** The catalog's `kafka-cluster` Resource for this cluster, when there is one. */
  resourceEntity?: Entity;
  links: ClusterLink[];
}) {
  const { status, resourceEntity, links } = props;
  return (
    <FactList
      label={`Facts about ${status.ref.name}`}
      facts={[
        {
          term: 'Operator',
          value: `${OPERATOR_LABEL[status.operator]} (${status.apiVersion})`,
        },
        { term: 'Versions', value: describeVersions(status) },
        {
          term: 'Metadata',
          value:
            METADATA_MODE_LABEL[status.metadataMode] +
            (status.metadataState && status.metadataMode !== 'kraft'
              ? ` (${status.metadataState})`
              : ''),
        },
        {
          term: 'Reconciliation',
          value: <ReconcileState reconcile={status.reconcile} />,
        },
        {
          term: 'Owner',
          value: resourceEntity ? (
            <OwnerLink entity={resourceEntity} />
          ) : (
            'Not in the catalog: no kafka-cluster Resource names this cluster'
          ),
        },
        ...environmentFacts(status),
        { term: 'Links', value: <ClusterLinks links={links} /> },
      ]}
    />
  );
}

/** A clone's source and expiry, from the Kafka CR's k8s-kafka.io annotations. */
function environmentFacts(status: KafkaClusterStatus) {
  const { environment } = status;
  const facts: { term: string; value: ReactNode }[] = [];
  if (environment?.clonedFrom) {
    // `<cluster>/<namespace>/<Kind>/<name>@<generation>`, as kafka:environment:clone writes it.
    const match = /^(.*)\/([^/]+)\/([^/@]+)(?:@(\d+))?$/.exec(
      environment.clonedFrom,
    );
    facts.push({
      term: 'Clone of',
      value: match
        ? `${match[1]}/${match[3]}${
            match[4] ? ` (generation ${match[4]})` : ''
          }`
        : environment.clonedFrom,
    });
  }
  if (environment?.expiresAt) {
    facts.push({
      term: 'Expires',
      value: <ExpiryTime iso={environment.expiresAt} />,
    });
  }
  return facts;
}

function ExpiryTime(props: { iso: string }) {
  const at = Date.parse(props.iso);
  if (Number.isNaN(at)) return <>{props.iso}</>;
  const seconds = Math.round((at - Date.now()) / 1000);
  return (
    <time dateTime={props.iso} title={new Date(at).toLocaleString()}>
      {seconds > 0
        ? `in ${formatDuration(seconds)} (${new Date(at).toLocaleString()})`
        : `expired ${formatDuration(-seconds)} ago`}
    </time>
  );
}

function describeVersions(status: KafkaClusterStatus): string {
  const { versions } = status;
  const parts = [
    versions.kafka && `Kafka ${versions.kafka}`,
    versions.platform && `Confluent Platform ${versions.platform}`,
    versions.metadataVersion && `metadata version ${versions.metadataVersion}`,
    versions.operator &&
      `${status.operator === 'cfk' ? 'CFK' : 'Strimzi'} ${versions.operator}`,
    versions.clusterId && `cluster id ${versions.clusterId}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'Not reported by the operator';
}

function ReconcileState(props: { reconcile: KafkaReconcileState }) {
  const { reconcile } = props;
  const lines: ReactNode[] = [];
  if (reconcile.caughtUp) {
    lines.push(
      `Operator caught up${
        reconcile.observedGeneration !== undefined
          ? ` (generation ${reconcile.observedGeneration} observed)`
          : ''
      }`,
    );
  } else {
    lines.push(
      `Operator not caught up: generation ${
        reconcile.generation ?? '?'
      }, observed ${reconcile.observedGeneration ?? 'none'}`,
    );
  }
  if (reconcile.phase) lines.push(`Phase ${reconcile.phase}`);
  lines.push(
    reconcile.rolling ? (
      <>
        Rolling restart in progress
        {reconcile.rollingSince && (
          <>
            {' '}
            (<RelativeTime iso={reconcile.rollingSince} prefix="started " />)
          </>
        )}
      </>
    ) : (
      'No roll in progress'
    ),
  );
  lines.push(
    reconcile.paused ? (
      <>
        Reconciliation paused: {reconcile.paused.reason} ({reconcile.paused.key}
        {reconcile.paused.since && (
          <>
            , <RelativeTime iso={reconcile.paused.since} prefix="since " />
          </>
        )}
        )
      </>
    ) : (
      'Reconciliation not paused'
    ),
  );
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </>
  );
}
