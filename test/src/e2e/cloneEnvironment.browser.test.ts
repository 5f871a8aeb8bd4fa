import { PortalInBrowser, startPortalInBrowser } from '../lib/browser';
import { backendApi, taskIdOfPage, waitForTaskLog } from '../lib/tasks';

/**
 * Cloning on the embedded default: a developer on call opens the degraded orders service's
 * Kafka tab, chooses "Clone" on orders-kafka, picks where the clone goes and the topics to
 * mirror, submits with apply to dev, follows the task to "healthy", and finds the clone on the
 * orders tab beside production: healthy, with its expiry and its MirrorMaker 2 reading orders'
 * topics. No cluster or namespace name is typed but the clone's own namespace.
 */

describe('cloning a Kafka environment from the Kafka tab, in a browser', () => {
  let portal: PortalInBrowser;

  beforeAll(async () => {
    portal = await startPortalInBrowser({
      name: 'clone',
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

  it('clones orders-kafka from its tab to dev and finds the clone healthy there, expiring, with its mirror', async () => {
    const { page, frontend, screenshot, waitForText, choose } = portal;
    await page.goto(
      `${frontend.baseUrl}/catalog/default/component/orders/kafka`,
    );
    // The degraded cluster's panel is open; its Clone action names the cluster.
    const clone = page.getByRole('link', {
      name: 'Clone orders-kafka (prod-us/orders)',
    });
    await clone.waitFor({ timeout: 120_000 });
    await screenshot('clone-orders-tab');
    await clone.click();

    // The template, with the service and its cluster already chosen.
    await page.waitForURL(
      /\/create\/templates\/default\/kafka-environment-clone/,
      {
        timeout: 60_000,
      },
    );
    const picked = page.getByRole('radio', {
      name: /orders-kafka prod-us \/ orders/,
    });
    await picked.waitFor({ timeout: 60_000 });
    expect(await picked.isChecked()).toBe(true);
    await screenshot('clone-picker');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Kubernetes namespace').first().fill('team-a');
    await page.getByRole('button', { name: 'Next' }).click();

    // Mirroring is on by default, with one topic to name (the list needs at least one).
    await page.getByLabel('Topic or pattern').first().fill('orders-*');
    await screenshot('clone-data');
    await page.getByRole('button', { name: 'Next' }).click();

    await choose('Delivery', 'Apply directly to a development cluster');
    await page.getByLabel('Development cluster').first().waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    await page.waitForURL(/\/create\/tasks\//, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Show Logs' }).click();
    // Lines that scroll past are read from the task's record; the last ones from the page.
    const api = backendApi(portal.backend, await portal.backend.guestToken());
    const taskId = taskIdOfPage(page.url());
    await waitForTaskLog(
      api,
      taskId,
      /The 2 Secrets the clone needs exist in team-a/,
      120_000,
    );
    const healthy =
      /Kafka dev\/team-a\/orders-kafka: healthy: 1\/1 brokers ready/;
    await waitForTaskLog(api, taskId, healthy, 400_000);
    await waitForText(page.locator('body'), healthy, 30_000);
    await screenshot('clone-task-healthy');

    // Back on the orders tab: production and its clone.
    await page.goto(
      `${frontend.baseUrl}/catalog/default/component/orders/kafka`,
    );
    const line = page
      .getByRole('button', { name: /orders-kafka.*dev \/ team-a/ })
      .first();
    const text = await waitForText(line, /Healthy/, 180_000);
    expect(text).toMatch(/dev \/ team-a/);
    await line.click();
    await waitForText(page.locator('body'), /Clone of/, 30_000);
    expect(await page.locator('body').innerText()).toMatch(
      /Clone of\s*prod-us\/orders\/orders-kafka \(generation \d+\)/,
    );
    expect(await page.locator('body').innerText()).toMatch(
      /Expires\s*in 2 d \(/,
    );
    await page
      .getByRole('tab', { name: /Replication \(1\)/ })
      .last()
      .click();
    const mirror = page.getByRole('region', { name: /MirrorMaker 2/ }).last();
    const mirrorText = await waitForText(mirror, /Healthy/, 60_000);
    expect(mirrorText).toContain(
      'Topics matching orders-audit|orders-cancelled|orders-created|orders-fulfilled.',
    );
    expect(mirrorText).toMatch(
      /the source is \S+\.lb\.prod-us\.example\.com:9094/,
    );
    await screenshot('clone-orders-tab-with-clone');
  }, 900_000);
});
