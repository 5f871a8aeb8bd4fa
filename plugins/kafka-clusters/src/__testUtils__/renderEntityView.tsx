import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ReactElement } from 'react';
import { testAppOptions } from './testApp';

/** Renders an entity view (tab or card) for `entity`, as on its entity page. */
export function renderEntityView(
  view: ReactElement,
  entity: Entity,
  catalogEntities: Entity[] = [],
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{view}</EntityProvider>,
    testAppOptions(catalogEntities),
  );
}
