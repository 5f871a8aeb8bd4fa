import fs from 'node:fs';
import path from 'node:path';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { KafkaEnvironmentDeliveriesResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { JsonValue } from '@backstage/types';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import YAML from 'yaml';
import { BACKEND } from '../../__testUtils__/server';
import { testAppOptions } from '../../__testUtils__/testApp';
import {
  kafkaApplyClusterPicker,
  kafkaClusterPicker,
  kafkaDeliveryPicker,
  legacyOptions,
} from '../definitions';

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../../templates/kafka-environment-create/template.yaml',
);

/** The create template's Delivery page, as the portal serves it. */
export function deliveryPage() {
  const template = YAML.parse(fs.readFileSync(TEMPLATE, 'utf8'));
  const page = template.spec.parameters.find(
    (p: { title: string }) => p.title === 'Delivery',
  );
  if (!page) throw new Error(`${TEMPLATE} has no Delivery page`);
  return page;
}

/** Serves `GET /environments/deliveries`, as the backend route does. */
export function deliveriesHandler(
  body: () => KafkaEnvironmentDeliveriesResponse | Response,
  options: { delayMs?: number } = {},
) {
  return http.get(
    `${BACKEND}/kafka-clusters/environments/deliveries`,
    async () => {
      if (options.delayMs) await delay(options.delayMs);
      const answer = body();
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    },
  );
}

/**
 * Stands in for the scaffolder's RepoUrlPicker, which is not under test here (and asks APIs of
 * its own): a labelled text box.
 */
const repoUrlStandIn: FieldExtensionOptions<string> = {
  name: 'RepoUrlPicker',
  component: ({ schema, formData, onChange, idSchema }) => (
    <label htmlFor={idSchema.$id}>
      {schema.title}
      <input
        id={idSchema.$id}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value)}
      />
    </label>
  ),
};

/**
 * The template's Delivery page (or another `page`) in the scaffolder's own form (the
 * `Stepper` the template page renders), with this package's fields and the real client; earlier
 * pages' answers as `initialState`. Answers what the form submitted, once it has.
 */
export async function renderDeliveryPage(
  initialState: Record<string, JsonValue> = {},
  page: { title: string } & Record<string, JsonValue> = deliveryPage(),
) {
  const submitted: Record<string, JsonValue>[] = [];
  // The stepper scrolls to the top of each step; jsdom has no layout to scroll.
  jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  await renderInTestApp(
    <Stepper
      manifest={{
        title: 'Create a Kafka environment',
        steps: [{ title: page.title, schema: page }],
      }}
      extensions={[
        legacyOptions(kafkaDeliveryPicker),
        legacyOptions(kafkaApplyClusterPicker),
        legacyOptions(kafkaClusterPicker),
        repoUrlStandIn,
      ]}
      initialState={initialState}
      onCreate={async values => {
        submitted.push(values);
      }}
    />,
    testAppOptions(),
  );
  return { submitted };
}

/**
 * The options of the form's select labelled `label`, opened as a person would; without the
 * empty one the form's selects start with when they have no default.
 */
export async function optionsOf(label: string | RegExp): Promise<string[]> {
  await userEvent.click(await screen.findByRole('button', { name: label }));
  const listbox = await screen.findByRole('listbox');
  const options = within(listbox)
    .getAllByRole('option')
    .map(o => o.textContent ?? '')
    .filter(text => text !== '');
  await userEvent.keyboard('{Escape}');
  return options;
}

/** Picks an option of the select labelled `label`. */
export async function choose(label: string | RegExp, option: string) {
  await userEvent.click(await screen.findByRole('button', { name: label }));
  await userEvent.click(
    within(await screen.findByRole('listbox')).getByRole('option', {
      name: option,
    }),
  );
}

export const NO_GITHUB_DEV_OPEN: KafkaEnvironmentDeliveriesResponse = {
  pullRequest: { available: false, hosts: [] },
  apply: {
    available: true,
    clusters: [
      {
        name: 'dev',
        title: 'Development',
        namespaces: ['team-*'],
        createNamespaces: true,
      },
    ],
  },
};

export const GITHUB_AND_TWO_CLUSTERS: KafkaEnvironmentDeliveriesResponse = {
  pullRequest: { available: true, hosts: ['github.com'] },
  apply: {
    available: true,
    clusters: [
      {
        name: 'dev',
        title: 'Development',
        namespaces: ['team-*'],
        createNamespaces: true,
      },
      {
        name: 'sandbox',
        namespaces: ['sandbox-a', 'sandbox-b'],
        createNamespaces: false,
      },
    ],
  },
};

export const NOTHING: KafkaEnvironmentDeliveriesResponse = {
  pullRequest: { available: false, hosts: [] },
  apply: { available: false, clusters: [] },
};
