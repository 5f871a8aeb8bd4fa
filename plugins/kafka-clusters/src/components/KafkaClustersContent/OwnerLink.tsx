import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/ui';

/** The owner of a catalog entity, linked to its page. */
export function OwnerLink(props: { entity: Entity }) {
  const entityLink = useEntityRefLink();
  const owner = props.entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '')
    return <>No owner in the catalog</>;
  const ref = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: props.entity.metadata.namespace ?? 'default',
  });
  const label =
    ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
  return <Link href={entityLink(ref)}>{label}</Link>;
}
