import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import kafkaClustersPlugin from './index';
import { kafkaEntityContent } from './plugin';

const annotated: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    annotations: { 'backstage.io/kubernetes-id': 'orders' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-orders' },
};

const unrelated: Entity = {
  ...annotated,
  metadata: { name: 'website' },
};

describe('kafka-clusters frontend plugin', () => {
  it('is the default export and provides the Kafka entity content', () => {
    expect(kafkaClustersPlugin.pluginId).toBe('kafka-clusters');
    expect(
      kafkaClustersPlugin.getExtension('entity-content:kafka-clusters/kafka'),
    ).toBeDefined();
  });

  it('mounts its Kafka tab on an entity page', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: annotated }), kafkaEntityContent],
    });
    expect(await screen.findByTestId('kafka-clusters-content')).toBeInTheDocument();
  });

  it('offers the tab only for entities whose Kafka clusters can be found', () => {
    const tester = createExtensionTester(kafkaEntityContent);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(annotated)).toBe(true);
    expect(filter!(unrelated)).toBe(false);
  });
});
