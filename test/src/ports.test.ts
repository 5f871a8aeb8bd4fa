import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  ephemeralRange,
  releasePort,
  reservableRange,
  reservePort,
} from './lib/ports';

const LOCKS = path.join(os.tmpdir(), 'k8s-kafka-ports');

/** Reserves three neighbouring ports and returns the first. */
async function threeInARow(): Promise<number> {
  for (;;) {
    const base = await reservePort();
    const next = await Promise.all(
      [base + 1, base + 2].map(port =>
        reservePort([port, port]).catch(() => undefined),
      ),
    );
    if (next.every(Boolean)) return base;
    [base, ...next].forEach(port => port && releasePort(port));
  }
}

describe('reserved ports', () => {
  it('reads the kernel’s ephemeral range, with the IANA range where there is none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-ports-test-'));
    try {
      const file = path.join(dir, 'ip_local_port_range');
      fs.writeFileSync(file, '32768\t60999\n');
      expect(ephemeralRange(file)).toEqual([32768, 60999]);
      expect(ephemeralRange(path.join(dir, 'missing'))).toEqual([49152, 65535]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reserves below the ephemeral range, or above it when it starts low', () => {
    expect(reservableRange([32768, 60999])).toEqual([20000, 32767]);
    expect(reservableRange([10000, 60999])).toEqual([61000, 65535]);
    expect(() => reservableRange([1024, 65000])).toThrow(
      /1024-65000 leaves no room/,
    );
  });

  it('hands out distinct ports outside the ephemeral range, each held in a file until released', async () => {
    const [low, high] = ephemeralRange();
    const ports = [];
    for (let i = 0; i < 20; i++) ports.push(await reservePort());
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port < low || port > high).toBe(true);
      expect(fs.readFileSync(path.join(LOCKS, String(port)), 'utf8')).toBe(
        String(process.pid),
      );
    }
    for (const port of ports) releasePort(port);
    for (const port of ports) {
      expect(fs.existsSync(path.join(LOCKS, String(port)))).toBe(false);
    }
  });

  it('skips a port something listens on and one another live process holds, and takes over an abandoned one', async () => {
    // Three neighbouring ports of our own: the first with a listener, the second reserved by our
    // parent (alive), the third by a process that has exited.
    const base = await threeInARow();
    const second = base + 1;
    const third = base + 2;
    [base, second, third].forEach(releasePort);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(base, '127.0.0.1', resolve);
    });
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(path.join(LOCKS, String(second)), String(process.ppid));
    fs.writeFileSync(path.join(LOCKS, String(third)), String(exited));
    try {
      expect(await reservePort([base, third])).toBe(third);
      expect(fs.readFileSync(path.join(LOCKS, String(third)), 'utf8')).toBe(
        String(process.pid),
      );
      await expect(reservePort([base, second])).rejects.toThrow(
        `No free port between ${base} and ${second}`,
      );
    } finally {
      server.close();
      releasePort(third);
      fs.rmSync(path.join(LOCKS, String(second)), { force: true });
    }
  });
});
