import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import {
  repoRoot,
  RunningBackend,
  RunningFrontend,
  RunningSandbox,
  startBackend,
  startFrontend,
  startSandboxProcess,
  writeSuiteConfig,
} from './portal';

/*
 * The embedded default in a browser, as the browser suites drive it: the demo fleet's sandbox,
 * the backend and the frontend on a suite's config, Debian's Chromium, signed in as the guest.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the suites save their screenshots (the README's come from here). */
export const SCREENSHOTS = path.join(repoRoot, 'test/artifacts/screenshots');

/** A running portal with a signed-in page, and what the suites do with it. */
export interface PortalInBrowser {
  sandbox: RunningSandbox;
  backend: RunningBackend;
  frontend: RunningFrontend;
  browser: Browser;
  page: Page;
  /** A full-page screenshot, `<name>.png` in {@link SCREENSHOTS}. */
  screenshot(name: string): Promise<void>;
  /**
   * The locator's text once it matches, polled; on timeout a screenshot and an Error with the
   * text last seen.
   */
  waitForText(
    locator: Locator,
    pattern: RegExp,
    timeout?: number,
  ): Promise<string>;
  /** Picks an option of one of the form's select fields, by its label. */
  choose(label: string, option: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the portal on the suite's config overrides and signs the guest in; `name` prefixes
 * the screenshots of a failure.
 */
export async function startPortalInBrowser(options: {
  name: string;
  config?: Parameters<typeof writeSuiteConfig>[1];
}): Promise<PortalInBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH`,
    );
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const sandbox = await startSandboxProcess();
  const config = await writeSuiteConfig(sandbox, options.config ?? {});
  const [backend, frontend] = await Promise.all([
    startBackend(sandbox, config),
    startFrontend(config),
  ]);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
  });
  const screenshot = async (name: string) => {
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${name}.png`),
      fullPage: true,
    });
  };
  const stop = async () => {
    await browser.close();
    await frontend.stop();
    await backend.stop();
    await sandbox.stop();
    config.remove();
  };
  await page.goto(frontend.baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  try {
    // Signed in: the sidebar with the Kafka page is there.
    await page
      .getByRole('link', { name: 'Kafka' })
      .first()
      .waitFor({ timeout: 120_000 });
  } catch (error) {
    await screenshot(`${options.name}-sign-in-failed`).catch(() => {});
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    await stop();
    throw new Error(`${error}\n--- page ---\n${text}`);
  }
  return {
    sandbox,
    backend,
    frontend,
    browser,
    page,
    screenshot,
    async waitForText(locator, pattern, timeout = 60_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const last = (await locator.innerText().catch(() => '')) ?? '';
        if (pattern.test(last)) return last;
        if (Date.now() > deadline) {
          await screenshot(`${options.name}-failed-${Date.now()}`);
          throw new Error(
            `Expected ${pattern} within ${timeout} ms; last saw: ${last.slice(
              -1500,
            )}`,
          );
        }
        await page.waitForTimeout(250);
      }
    },
    async choose(label, option) {
      await page.getByLabel(label, { exact: false }).first().click();
      await page.getByRole('option', { name: option }).first().click();
    },
    stop,
  };
}
