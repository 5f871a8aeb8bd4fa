import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** The Kafka tab of an entity. */
export function KafkaClustersContent() {
  const { entity } = useEntity();
  return (
    <Card data-testid="kafka-clusters-content">
      <CardHeader>
        <Text variant="title-small">Kafka clusters</Text>
      </CardHeader>
      <CardBody>
        <Text>
          The health of the Kafka clusters behind {stringifyEntityRef(entity)} is
          not available yet.
        </Text>
      </CardBody>
    </Card>
  );
}
