import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/*
 * Ports for servers whose address must be known before they start (the backend's and the
 * frontend dev server's URLs and CORS origin are written into their config). A port that was free
 * a moment ago is only safe if nothing else can take it in between: servers that bind port 0
 * (the sandbox's clusters, every outgoing connection's local port) get theirs from the kernel's
 * ephemeral range, so ports are reserved outside it. One reservation file per port, shared by
 * every suite and process on the machine, keeps two suites (or a suite and the benchmark) from
 * picking the same one.
 */

const LOCKS = path.join(os.tmpdir(), 'k8s-kafka-ports');
/** Below the lowest ephemeral port on Linux (32768 by default); above the well-known ones. */
const FLOOR = 20000;

/** The kernel's ephemeral port range, `[low, high]`. */
export function ephemeralRange(
  file = '/proc/sys/net/ipv4/ip_local_port_range',
): [number, number] {
  try {
    const [low, high] = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && Number.isInteger(high) && low <= high) {
      return [low, high];
    }
  } catch {
    // Not Linux: the IANA range, which macOS and Windows use.
  }
  return [49152, 65535];
}

/** The ports to reserve from: below the ephemeral range, or above it when that starts low. */
export function reservableRange([low, high]: [number, number]): [
  number,
  number,
] {
  if (low - FLOOR >= 1000) return [FLOOR, low - 1];
  if (65535 - high >= 1000) return [high + 1, 65535];
  throw new Error(
    `The ephemeral port range ${low}-${high} leaves no room for reserved ports: narrow it (/proc/sys/net/ipv4/ip_local_port_range)`,
  );
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the reservation file of a port, or an abandoned one (its process is gone). */
function claim(port: number): boolean {
  const file = path.join(LOCKS, String(port));
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(fs.readFileSync(file, 'utf8'));
  if (owner && alive(owner)) return false;
  // Abandoned: remove it and race for it like anyone else.
  fs.rmSync(file, { force: true });
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      // A machine without IPv6 cannot have the port taken there.
      resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'),
    );
    server.listen({ port, host, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

const mine = new Set<number>();
process.once('exit', () => {
  for (const port of mine) {
    fs.rmSync(path.join(LOCKS, String(port)), { force: true });
  }
});

/**
 * A port outside the kernel's ephemeral range that no other suite holds and nothing listens on
 * (loopback and every interface, IPv4 and IPv6: dev servers bind `localhost` either way). Held
 * until this process exits, or {@link releasePort}. `range` is for tests.
 */
export async function reservePort(
  range: [number, number] = reservableRange(ephemeralRange()),
): Promise<number> {
  const [from, to] = range;
  fs.mkdirSync(LOCKS, { recursive: true });
  const size = to - from + 1;
  // A random start spreads concurrent runs; then every port once, in order.
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = from + ((start + i) % size);
    if (mine.has(port) || !claim(port)) continue;
    const free =
      (await bindable(port, '127.0.0.1')) &&
      (await bindable(port, '0.0.0.0')) &&
      (await bindable(port, '::1')) &&
      (await bindable(port, '::'));
    if (free) {
      mine.add(port);
      return port;
    }
    fs.rmSync(path.join(LOCKS, String(port)), { force: true });
  }
  throw new Error(`No free port between ${from} and ${to}`);
}

/** Gives a reserved port back. */
export function releasePort(port: number) {
  if (mine.delete(port)) {
    fs.rmSync(path.join(LOCKS, String(port)), { force: true });
  }
}
