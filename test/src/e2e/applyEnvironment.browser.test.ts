import { PortalInBrowser, startPortalInBrowser } from '../lib/browser';
import { backendApi, taskIdOfPage, waitForTaskLog } from '../lib/tasks';

/**
 * The create template on the embedded default, delivered by apply: a person fills in the form,
 * chooses the dev cluster, follows the task log to "healthy", and opens the service's Kafka tab,
 * where the new cluster is healthy. Once for Strimzi, once for CFK.
 */

describe('creating a Kafka environment by apply, in a browser', () => {
  let portal: PortalInBrowser;

  beforeAll(async () => {
    portal = await startPortalInBrowser({
      name: 'apply',
      config: {
        app: {
          extensions: [
            {
              'entity-content:kafka-clusters/kafka': {
                config: { refreshIntervalSeconds: 3 },
              },
            },
          ],
        },
      },
    });
  }, 420_000);

  afterAll(async () => {
    await portal?.stop();
  });

  async function createByApply(options: {
    service: string;
    name: string;
    namespace: string;
    operator: string;
    /** For screenshot names. */
    slug: string;
  }) {
    // The service, its owner and a topic come pre-filled, as a link to the template can.
    const formData = encodeURIComponent(
      JSON.stringify({
        service: `component:default/${options.service}`,
        owner: 'group:default/platform',
        // The service's own topic: the service's Kafka tab (narrowed to its namespace,
        // backstage.io/kubernetes-namespace) shows a cluster elsewhere that holds its topics.
        topics: [`${options.service}.dev-events`],
      }),
    );
    const { page, frontend, screenshot, waitForText, choose } = portal;
    await page.goto(
      `${frontend.baseUrl}/create/templates/default/kafka-environment?formData=${formData}`,
    );
    await page.getByLabel('Kafka cluster name').first().waitFor({
      timeout: 60_000,
    });
    await page.getByLabel('Kafka cluster name').first().fill(options.name);
    await page
      .getByLabel('Kubernetes namespace')
      .first()
      .fill(options.namespace);
    await choose('Kubernetes cluster', 'dev (CFK 3.3 and Strimzi 0.51)');
    await choose('Operator', options.operator);
    await choose('Profile', 'Development: 1 node, replication 1');
    await page.getByRole('button', { name: 'Next' }).click(); // topics and components
    await page.getByRole('button', { name: 'Next' }).click(); // advanced
    await page.getByRole('button', { name: 'Next' }).click(); // delivery
    await choose('Delivery', 'Apply directly to a development cluster');
    await page.getByLabel('Development cluster').first().waitFor();
    await screenshot(`apply-${options.slug}-delivery`);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    await page.waitForURL(/\/create\/tasks\//, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Show Logs' }).click();
    const ref = `dev/${options.namespace}/${options.name}`;
    // Progress from the kafka-clusters verdict, then healthy. Lines that scroll past are read
    // from the task's record; the last ones from the page.
    const api = backendApi(portal.backend, await portal.backend.guestToken());
    const taskId = taskIdOfPage(page.url());
    await waitForTaskLog(
      api,
      taskId,
      new RegExp(`Kafka ${ref}: (progressing|unknown|not seen)`),
      120_000,
    );
    const healthy = new RegExp(`Kafka ${ref}: healthy: 1/1 brokers ready`);
    await waitForTaskLog(api, taskId, healthy, 300_000);
    const log = await waitForText(page.locator('body'), healthy, 30_000);
    expect(log).toMatch(/brokers ready/);
    await screenshot(`apply-${options.slug}-task-healthy`);

    await page.goto(
      `${frontend.baseUrl}/catalog/default/component/${options.service}/kafka`,
    );
    const line = page
      .getByRole('button', { name: new RegExp(`\\b${options.name}\\b`) })
      .first();
    const text = await waitForText(line, /Healthy/, 180_000);
    expect(text).toMatch(new RegExp(`dev / ${options.namespace}`));
    await screenshot(`apply-${options.slug}-kafka-tab`);
    return text;
  }

  it('creates a Strimzi environment on dev and watches it turn healthy', async () => {
    const line = await createByApply({
      service: 'orders',
      name: 'orders-dev-kafka',
      namespace: 'team-a',
      operator: 'Strimzi',
      slug: 'strimzi',
    });
    expect(line).toMatch(/Healthy/);
  }, 600_000);

  it('creates a CFK environment on dev and watches it turn healthy', async () => {
    const line = await createByApply({
      service: 'payments',
      name: 'payments-dev-kafka',
      namespace: 'team-b',
      operator: 'Confluent for Kubernetes',
      slug: 'cfk',
    });
    expect(line).toMatch(/Healthy/);
  }, 600_000);
});
