import { Text } from '@backstage/ui';
import { ReactNode } from 'react';

/** Label/value pairs as a description list, for facts read at a glance. */
export function FactList(props: {
  label: string;
  facts: { term: string; value: ReactNode }[];
}) {
  return (
    <dl
      aria-label={props.label}
      style={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 'var(--bui-space-4)',
        rowGap: 'var(--bui-space-2)',
        margin: 0,
      }}
    >
      {props.facts.map(fact => (
        <FactRow key={fact.term} term={fact.term} value={fact.value} />
      ))}
    </dl>
  );
}

function FactRow(props: { term: string; value: ReactNode }) {
  return (
    <>
      <dt>
        <Text as="span" color="secondary">
          {props.term}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text as="div">{props.value}</Text>
      </dd>
    </>
  );
}
