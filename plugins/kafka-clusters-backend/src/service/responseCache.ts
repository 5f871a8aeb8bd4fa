import { gzipSync } from 'node:zlib';
import express from 'express';

interface Entry {
  deps: readonly unknown[];
  json: Buffer;
  gzip?: Buffer;
}

/**
 * Keeps the encoded answer of recent requests, reused while what it was made of is the same
 * (same status objects, same second). Serialising and compressing a fleet-sized answer cost
 * more than everything else a request does; a tab refreshed by many users asks the same.
 * Bounded in bytes, oldest first out.
 */
export function createResponseCache(maxBytes = 32 * 1024 * 1024) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const size = (e: Entry) => e.json.length + (e.gzip?.length ?? 0);

  function remember(key: string, entry: Entry) {
    const old = entries.get(key);
    if (old) {
      bytes -= size(old);
      entries.delete(key);
    }
    entries.set(key, entry);
    bytes += size(entry);
    for (const [k, e] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= size(e);
    }
  }

  return {
    /**
     * Sends the JSON `render()` makes for `key`, or the copy made for the same `deps`
     * (compared by identity), gzipped when the client takes it.
     */
    send(
      req: express.Request,
      res: express.Response,
      key: string,
      deps: readonly unknown[],
      render: () => string,
    ) {
      let entry = entries.get(key);
      const same =
        entry !== undefined &&
        entry.deps.length === deps.length &&
        entry.deps.every((d, i) => d === deps[i]);
      if (!same) {
        entry = { deps, json: Buffer.from(render(), 'utf8') };
        remember(key, entry);
      }
      res.status(200).type('application/json').vary('Accept-Encoding');
      if (req.acceptsEncodings('gzip') === 'gzip') {
        if (!entry!.gzip) {
          entry!.gzip = gzipSync(entry!.json);
          bytes += entry!.gzip.length;
        }
        // Already encoded: Backstage's compression middleware leaves it as it is.
        res.setHeader('Content-Encoding', 'gzip');
        res.end(entry!.gzip);
      } else {
        res.end(entry!.json);
      }
    },
  };
}
