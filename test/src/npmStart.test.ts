import { NpmStart, startWithNpmStart, waitFor } from './lib/portal';

/**
 * The README's first command, run as a newcomer runs it: one `npm start` brings up the
 * Kubernetes sandbox, the backend and the frontend, and stopping it stops all three.
 */
describe('npm start', () => {
  let portal: NpmStart;

  beforeAll(async () => {
    portal = await startWithNpmStart();
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const within = <T>(what: string, probe: () => Promise<T | undefined>) =>
    waitFor(what, probe, 300_000, portal.alive).catch(error => {
      throw new Error(
        `${(error as Error).message}\n--- npm start output ---\n${portal
          .output()
          .slice(-5000)}`,
      );
    });

  it('serves the sandbox, the backend and the app side by side', async () => {
    await within('the sandbox', async () =>
      (await fetch(`${portal.sandboxAdminUrl}/healthz`)).ok ? true : undefined,
    );
    const health = await within('the kafka-clusters backend', async () => {
      const res = await fetch(`${portal.backendUrl}/api/kafka-clusters/health`);
      return res.ok ? res.json() : undefined;
    });
    expect(health).toEqual({ status: 'ok' });
    const html = await within('the app', async () => {
      const res = await fetch(portal.appUrl);
      return res.ok ? res.text() : undefined;
    });
    expect(html).toContain('<div id="root">');
    // Each process under its name, as dev.mjs prefixes them.
    expect(portal.output()).toMatch(/\[sandbox\]/);
    expect(portal.output()).toMatch(/\[portal\]/);
  }, 420_000);

  it('stops every process it started when it is told to stop, as a supervisor tells it', async () => {
    const answers = async (url: string) => (await fetch(url)).ok;
    const urls = [
      `${portal.sandboxAdminUrl}/healthz`,
      `${portal.backendUrl}/api/kafka-clusters/health`,
      portal.appUrl,
    ];
    for (const url of urls) expect(await answers(url)).toBe(true);

    // SIGTERM to npm alone: no Ctrl-C reaching the whole process group.
    await portal.terminate();
    const refused = async (url: string) => {
      try {
        await fetch(url);
        return undefined;
      } catch {
        return true;
      }
    };
    for (const url of urls) {
      await waitFor(`${url} to close`, () => refused(url), 30_000);
    }
  }, 120_000);
});
