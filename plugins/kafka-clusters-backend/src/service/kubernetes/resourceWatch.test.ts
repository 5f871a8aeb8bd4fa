import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '../../__testUtils__/entities';
import { manualClock } from '../../__testUtils__/manualClock';
import { ResourceWatch, startResourceWatch } from './resourceWatch';

jest.setTimeout(30_000);

/** A request the test answers when it chooses, so it knows what is in flight. */
interface HeldRequest {
  watch: boolean;
  res: http.ServerResponse;
}

describe('startResourceWatch', () => {
  let server: http.Server;
  let kc: KubeConfig;
  const held: HeldRequest[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://localhost');
      held.push({ watch: url.searchParams.get('watch') === 'true', res });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'held',
          server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          // client-node takes plain HTTP only so
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'anyone' }],
      contexts: [{ name: 'held', cluster: 'held', user: 'anyone' }],
      currentContext: 'held',
    });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  let watch: ResourceWatch | undefined;
  afterEach(() => {
    watch?.stop();
    held.length = 0;
  });

  function start(clock: ReturnType<typeof manualClock>) {
    const calls: string[] = [];
    watch = startResourceWatch({
      kc,
      path: '/api/v1/namespaces/kafka/pods',
      project: object => object,
      minBackoffMs: 1_000,
      maxBackoffMs: 30_000,
      schedule: clock.schedule,
      listener: {
        reset: items => calls.push(`reset ${items.size}`),
        upsert: () => calls.push('upsert'),
        remove: () => calls.push('remove'),
        healthy: () => calls.push('healthy'),
        failed: error => calls.push(`failed ${error.kind}`),
      },
    });
    return { watch, calls };
  }

  const requestArrives = (n: number) =>
    eventually(async () => {
      if (held.length < n) throw new Error(`${held.length} requests, not ${n}`);
      return held[n - 1];
    });
  const oneWait = async (clock: ReturnType<typeof manualClock>) =>
    eventually(async () => {
      expect(clock.pending()).toHaveLength(1);
      return clock.pending()[0];
    });
  const unavailable = (request: HeldRequest) =>
    request.res
      .writeHead(503, { 'Content-Type': 'application/json' })
      .end('{"kind":"Status","code":503,"message":"unavailable"}');
  const listed = (request: HeldRequest) =>
    request.res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(
        '{"kind":"PodList","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"uid":"u1","resourceVersion":"7"}}]}',
      );
  const watching = (request: HeldRequest) => {
    request.res.writeHead(200, { 'Content-Type': 'application/json' });
    request.res.flushHeaders();
  };

  it('retries at once when told to, with its backoff started afresh, and never beside a request in flight', async () => {
    const clock = manualClock();
    const { watch: w, calls } = start(clock);

    // Three failures in a row: the next try waits 4–8 s (1 s doubled per failure, jitter halves).
    for (let n = 1; n <= 3; n++) {
      unavailable(await requestArrives(n));
      const wait = await oneWait(clock);
      if (n < 3) wait.fire();
    }
    expect(clock.pending()[0].ms).toBeGreaterThanOrEqual(4_000);

    w.retryNow();
    expect(clock.pending()).toEqual([]);
    const fourth = await requestArrives(4);
    w.retryNow(); // in flight: nothing more to do
    unavailable(fourth);
    // Started afresh: the first backoff again, 1–2 s.
    expect((await oneWait(clock)).ms).toBeLessThanOrEqual(2_000);

    w.retryNow();
    listed(await requestArrives(5));
    watching(await requestArrives(6));
    await eventually(async () =>
      expect(calls.filter(c => c === 'healthy')).toHaveLength(2),
    );
    w.retryNow(); // watching: nothing waits
    w.stop();
    w.retryNow();

    expect(clock.pending()).toEqual([]);
    expect(held.map(r => (r.watch ? 'watch' : 'list'))).toEqual([
      'list',
      'list',
      'list',
      'list',
      'list',
      'watch',
    ]);
    expect(calls).toEqual([
      'failed other',
      'failed other',
      'failed other',
      'failed other',
      'reset 1',
      'healthy',
      // the watch taken: the API server answers, though nothing changed
      'healthy',
    ]);
  });

  it('reports the collection current once a failed watch is taken again, without waiting for an event', async () => {
    const clock = manualClock();
    const { calls } = start(clock);
    listed(await requestArrives(1));
    unavailable(await requestArrives(2));
    (await oneWait(clock)).fire();
    const again = await requestArrives(3);
    expect(again.watch).toBe(true);
    watching(again);
    await eventually(async () =>
      expect(calls).toEqual(['reset 1', 'healthy', 'failed other', 'healthy']),
    );
  });
});
