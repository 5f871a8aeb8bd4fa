import { Link } from '@backstage/ui';

/** A place to look further at a Kafka cluster. */
export interface ClusterLink {
  title: string;
  href: string;
}

/** The links of a Kafka cluster, or a word that there are none. */
export function ClusterLinks(props: { links: ClusterLink[] }) {
  if (props.links.length === 0) return <>None known</>;
  return (
    <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {props.links.map(link => (
        <li key={`${link.title}-${link.href}`}>
          <Link href={link.href}>{link.title}</Link>
        </li>
      ))}
    </ul>
  );
}
