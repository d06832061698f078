import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { httpsPool, type HttpsPool } from './https-pool.ts';

/** A TLS server on 127.0.0.1 (a throwaway self-signed certificate) that records each request and answers 200 with it. */
describe('httpsPool', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-https-pool-'));
  const seen: { method: string; url: string; auth: string; body: string }[] = [];
  let server: https.Server;
  let pool: HttpsPool | undefined;
  let cert = '';

  before(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    server = https.createServer({ cert, key: readFileSync(path.join(dir, 'key.pem')) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url?.includes('/slow')) return; // never answered: the client's timer or deadline ends it
        const r = {
          method: req.method ?? '',
          url: req.url ?? '',
          auth: req.headers.authorization ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        };
        seen.push(r);
        res.writeHead(r.url.startsWith('/missing') ? 404 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'm',
          server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
          caData: Buffer.from(cert).toString('base64'),
        },
      ],
      users: [{ name: 'u', token: 'tok' }],
      contexts: [{ name: 'm', cluster: 'm', user: 'u' }],
      currentContext: 'm',
    });
    pool = await httpsPool(kc);
  });
  after(async () => {
    pool?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the kubeconfig token, and frames a DELETE body so the next request on the connection is intact', async () => {
    assert.ok(pool, 'an https cluster without a proxy gets a pool');
    const send = (method: string, p: string, body?: string) =>
      pool!.request({
        path: p,
        method,
        headers: { Accept: 'application/json' },
        timeoutMs: 10_000,
        ...(body !== undefined ? { body } : {}),
      });
    const cases: [string, string, string | undefined, number][] = [
      ['DELETE', '/api/v1/namespaces/a/configmaps/x', '{"propagationPolicy":"Background"}', 200],
      ['GET', '/api/v1/namespaces/a/configmaps/x', undefined, 200],
      ['PATCH', '/api/v1/namespaces/a/configmaps/y?fieldManager=flotilla', '{"data":{}}', 200],
      ['GET', '/missing', undefined, 404],
    ];
    for (const [method, p, body, status] of cases) {
      const rsp = await send(method, p, body);
      assert.equal(rsp.status, status, `${method} ${p}`);
      assert.deepEqual(JSON.parse(rsp.text), { method, url: p, auth: 'Bearer tok', body: body ?? '' });
    }
    assert.equal(seen.length, cases.length);
  });

  it("puts paths under the server URL's own path, and ends a request on its timeout or on the deadline", async () => {
    const port = (server.address() as AddressInfo).port;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'm',
          server: `https://127.0.0.1:${port}/k8s/clusters/c-1/`,
          caData: Buffer.from(cert).toString('base64'),
        },
      ],
      users: [{ name: 'u', token: 'tok' }],
      contexts: [{ name: 'm', cluster: 'm', user: 'u' }],
      currentContext: 'm',
    });
    const prefixed = await httpsPool(kc);
    assert.ok(prefixed);
    try {
      const rsp = await prefixed.request({
        path: '/api/v1/namespaces?limit=1',
        method: 'GET',
        headers: {},
        timeoutMs: 10_000,
      });
      assert.equal(JSON.parse(rsp.text).url, '/k8s/clusters/c-1/api/v1/namespaces?limit=1');
      await assert.rejects(prefixed.request({ path: '/slow', method: 'GET', headers: {}, timeoutMs: 200 }), {
        name: 'TimeoutError',
      });
      const deadline = new AbortController();
      const pending = prefixed.request({
        path: '/slow',
        method: 'GET',
        headers: {},
        timeoutMs: 60_000,
        deadline: deadline.signal,
      });
      setImmediate(() => deadline.abort());
      await assert.rejects(pending, { name: 'AbortError' });
      await assert.rejects(
        prefixed.request({ path: '/api', method: 'GET', headers: {}, timeoutMs: 60_000, deadline: deadline.signal }),
        { name: 'AbortError' },
        'a request after the deadline does not start',
      );
    } finally {
      prefixed.close();
    }
  });

  it('uses no pool for a cluster behind a proxy or on plain http (the library transport handles those)', async () => {
    for (const cluster of [
      { name: 'p', server: 'https://10.0.0.1', proxyUrl: 'http://proxy:3128' },
      { name: 'h', server: 'http://10.0.0.1', skipTLSVerify: true },
    ]) {
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [cluster],
        users: [{ name: 'u', token: 't' }],
        contexts: [{ name: 'c', cluster: cluster.name, user: 'u' }],
        currentContext: 'c',
      });
      assert.equal(await httpsPool(kc), undefined, cluster.server);
    }
  });
});
