import express from 'express';
import request from 'supertest';
import { createResponseCache } from './responseCache';

describe('createResponseCache', () => {
  function app(deps: () => unknown[], maxBytes?: number) {
    const cache = createResponseCache(maxBytes);
    let renders = 0;
    const render = jest.fn((key: string): string => {
      renders += 1;
      return JSON.stringify({ key, at: renders });
    });
    const server = express().get('/:key', (req, res) =>
      cache.send(req, res, req.params.key, deps(), () =>
        render(req.params.key),
      ),
    );
    return { server, render };
  }

  it('renders once while the dependencies are the same objects, and again when one changes', async () => {
    let status = { name: 'a' };
    const { server, render } = app(() => [1, status]);
    const first = await request(server).get('/x');
    const second = await request(server).get('/x');
    expect(second.body).toEqual(first.body);
    expect(render).toHaveBeenCalledTimes(1);

    status = { name: 'a' };
    await request(server).get('/x');
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('sends gzip to clients that take it, and plain JSON to the others', async () => {
    const { server } = app(() => []);
    const gzipped = await request(server)
      .get('/x')
      .set('Accept-Encoding', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/application\/json/);
    expect(gzipped.body).toEqual({ key: 'x', at: 1 });

    const plain = await request(server)
      .get('/x')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.text)).toEqual({ key: 'x', at: 1 });
  });

  it('forgets the oldest answers past its size', async () => {
    const { server, render } = app(() => [], 40);
    await request(server).get('/a');
    await request(server).get('/b');
    await request(server).get('/a');
    expect(render.mock.calls.map(([key]) => key)).toEqual(['a', 'b', 'a']);
  });
});
