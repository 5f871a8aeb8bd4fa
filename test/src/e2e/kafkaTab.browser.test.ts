import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { PortalInBrowser, startPortalInBrowser } from '../lib/browser';

/**
 * The real portal (sandbox, backend, frontend, each in its own process, on free ports) in
 * Debian's Chromium, checked the way a person would check it.
 */

// Faults show within one refresh of the tab; the suite refreshes every 3 s.
const REFRESH_SECONDS = 3;

describe('the Kafka tab and fleet page in a browser', () => {
  let portal: PortalInBrowser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortalInBrowser({
      name: 'tab',
      config: {
        app: {
          extensions: [
            {
              'entity-content:kafka-clusters/kafka': {
                config: { refreshIntervalSeconds: REFRESH_SECONDS },
              },
            },
            {
              'page:kafka-clusters': {
                config: { refreshIntervalSeconds: REFRESH_SECONDS },
              },
            },
          ],
        },
      },
    });
    page = portal.page;
  }, 420_000);

  afterAll(async () => {
    await portal?.stop();
  });

  const screenshot = (name: string) => portal.screenshot(name);

  async function admin(method: string, route: string, body?: unknown) {
    const res = await fetch(`${portal.sandbox.adminUrl}${route}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok)
      throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  }

  /** kubectl against one of the sandbox's clusters, as a platform engineer would use it. */
  function kubectl(cluster: string, ...args: string[]): string {
    return execFileSync(
      process.env.KUBECTL ?? 'kubectl',
      [
        '--kubeconfig',
        path.join(
          portal.sandbox.env.KUBE_SANDBOX_STATE_DIR,
          cluster,
          'kubeconfig',
        ),
        ...args,
      ],
      { encoding: 'utf8' },
    );
  }

  /** The line of one Kafka cluster on the tab: its verdict word, name, cluster and brokers. */
  const clusterLine = (name: string): Locator =>
    page.getByRole('button', { name: new RegExp(`\\b${name}\\b`) }).first();

  const waitForText = (locator: Locator, pattern: RegExp, timeout?: number) =>
    portal.waitForText(locator, pattern, timeout);

  async function openKafkaTab(service: string) {
    await page.goto(
      `${portal.frontend.baseUrl}/catalog/default/component/${service}/kafka`,
    );
    await page
      .getByRole('heading', { name: 'Kafka clusters' })
      .waitFor({ timeout: 60_000 });
  }

  it('says the healthy service is healthy', async () => {
    await openKafkaTab('payments');
    const line = clusterLine('payments-kafka');
    await waitForText(line, /Healthy/);
    expect(await line.innerText()).toMatch(/prod-eu \/ payments/);
    expect(await line.innerText()).toMatch(/Brokers 3\/3 ready/);
    await screenshot('payments-healthy');
  }, 120_000);

  it('names the crash-looping broker of the degraded service, the reason and the fix', async () => {
    await openKafkaTab('orders');
    const line = clusterLine('orders-kafka');
    await waitForText(line, /Degraded/);
    const main = page.getByRole('main');
    await waitForText(main, /orders-kafka-broker-2/);
    const text = await main.innerText();
    expect(text).toMatch(/CrashLoopBackOff|crash-?loop/i);
    expect(text).toMatch(/OOMKilled/);
    expect(text).toMatch(/memory/i);
    await screenshot('orders-degraded');
  }, 120_000);

  it('turns degraded when a PVC of a healthy cluster is stuck Pending, and recovers when cleared, without reloading', async () => {
    await openKafkaTab('payments');
    const line = clusterLine('payments-kafka');
    await waitForText(line, /Healthy/);

    await admin('POST', '/clusters/prod-eu/simulator/faults', {
      type: 'pvcPending',
      namespace: 'payments',
      pod: 'payments-kafka-1',
    });
    await waitForText(line, /Degraded/, 90_000);
    // The reason names the claim and the pod, and the fix points at the storage class.
    const reason = await waitForText(
      page.getByRole('main'),
      /PVC data0-payments-kafka-1 of pod payments-kafka-1 is Pending/,
    );
    expect(reason).toMatch(/storageclass/i);
    await screenshot('payments-pvc-pending');

    await admin('DELETE', '/clusters/prod-eu/simulator/faults');
    expect(await waitForText(line, /Healthy/, 180_000)).toMatch(
      /payments-kafka/,
    );
    await screenshot('payments-recovered');
  }, 300_000);

  it('shows an unreachable Kubernetes cluster’s error while the clusters of the others still render', async () => {
    await openKafkaTab('orders');
    await admin('PATCH', '/clusters/prod-us/faults', {
      refuseConnections: true,
    });
    try {
      const main = page.getByRole('main');
      expect(
        await waitForText(
          main,
          /Kubernetes cluster prod-us: unreachable/,
          90_000,
        ),
      ).toMatch(/cannot be reached/);
      // The shared platform cluster on prod-eu, which orders uses, is still there.
      expect(
        await waitForText(clusterLine('shared'), /prod-eu \/ kafka-platform/),
      ).toMatch(/Healthy|Degraded|Progressing/);
      await screenshot('orders-prod-us-unreachable');
    } finally {
      await admin('DELETE', '/clusters/prod-us/faults');
    }
  }, 180_000);

  it('reads a roll paused midway as paused, with the roll’s pod counts and never “stuck”', async () => {
    await openKafkaTab('shipping');
    const line = clusterLine('shipping-kafka');
    const main = page.getByRole('main');
    await admin('POST', '/clusters/staging/simulator/roll', {
      namespace: 'shipping',
      name: 'shipping-kafka',
    });
    await waitForText(main, /Strimzi is rolling Kafka shipping-kafka/, 90_000);
    kubectl(
      'staging',
      'annotate',
      'kafka',
      'shipping-kafka',
      '-n',
      'shipping',
      'strimzi.io/pause-reconciliation=true',
      '--overwrite',
    );
    try {
      const text = await waitForText(main, /Reconciliation is paused/, 90_000);
      expect(text).toMatch(
        /Strimzi is rolling Kafka shipping-kafka: \d\/6 pods on the current revision/,
      );
      expect(text).not.toMatch(/stuck/i);
      expect(await line.innerText()).toMatch(/Brokers \d\/3 ready/);
      expect(await line.innerText()).not.toMatch(/Degraded/);
      await screenshot('shipping-paused-mid-roll');
    } finally {
      kubectl(
        'staging',
        'annotate',
        'kafka',
        'shipping-kafka',
        '-n',
        'shipping',
        'strimzi.io/pause-reconciliation-',
      );
    }
    // Lifted: the roll goes on to the end.
    await waitForText(line, /Healthy/, 300_000);
  }, 480_000);

  it('reads a broker pool scaled from 3 to 5 as progressing, “scaling brokers”, until the new brokers are ready', async () => {
    await openKafkaTab('shipping');
    const line = clusterLine('shipping-kafka');
    const main = page.getByRole('main');
    await waitForText(line, /Healthy/, 300_000);
    kubectl(
      'staging',
      'patch',
      'kafkanodepool',
      'broker',
      '-n',
      'shipping',
      '--type',
      'merge',
      '-p',
      '{"spec":{"replicas":5}}',
    );
    try {
      await waitForText(line, /Progressing/, 90_000);
      expect(
        await waitForText(
          main,
          /Strimzi is scaling brokers of KafkaNodePool broker: 3 → 5 ready/,
          90_000,
        ),
      ).not.toMatch(/stuck|missing/i);
      await screenshot('shipping-scaling-brokers');
      // Strimzi writes the pool's status when the reconcile ends, just after the pods are ready.
      await waitForText(line, /^Healthy[\s\S]*Brokers 5\/5 ready/, 300_000);
      await screenshot('shipping-scaled');
    } finally {
      kubectl(
        'staging',
        'patch',
        'kafkanodepool',
        'broker',
        '-n',
        'shipping',
        '--type',
        'merge',
        '-p',
        '{"spec":{"replicas":3}}',
      );
    }
  }, 720_000);

  it('lists every demo cluster on the fleet page', async () => {
    await page.goto(`${portal.frontend.baseUrl}/kafka`);
    const main = page.locator('body');
    for (const name of [
      'shared',
      'payments-kafka',
      'orders-kafka',
      'shipping-kafka',
    ]) {
      await waitForText(main, new RegExp(`\\b${name}\\b`));
    }
    const text = await main.innerText();
    for (const cluster of ['prod-eu', 'prod-us', 'staging'])
      expect(text).toContain(cluster);
    await screenshot('fleet');
  }, 120_000);
});
