// Credentials shared by every control plane of one harness run: a CA, one
// serving certificate for 127.0.0.1 (all apiservers listen there), the
// service-account signing key and a static admin token in system:masters.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureAggregationPki, type AggregationPki } from './aggregation-pki.ts';
import { run } from './processes.ts';

/** Paths of the generated credentials, and the admin bearer token. */
export interface Pki extends AggregationPki {
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly saKey: string;
  readonly saPub: string;
  readonly tokenFile: string;
  readonly adminToken: string;
}

/** Names the files of the PKI directory `dir` (reading the token when it exists). */
export function pkiPaths(dir: string): Omit<Pki, 'adminToken' | keyof AggregationPki> {
  return {
    caCert: path.join(dir, 'ca.crt'),
    caKey: path.join(dir, 'ca.key'),
    serverCert: path.join(dir, 'apiserver.crt'),
    serverKey: path.join(dir, 'apiserver.key'),
    saKey: path.join(dir, 'sa.key'),
    saPub: path.join(dir, 'sa.pub'),
    tokenFile: path.join(dir, 'tokens.csv'),
  };
}

/** Creates the credentials in `dir` unless they exist; returns them. */
export function ensurePki(dir: string): Pki {
  const p = pkiPaths(dir);
  const tokenPath = path.join(dir, 'admin.token');
  const aggregation = (): AggregationPki => ensureAggregationPki(dir, { cert: p.caCert, key: p.caKey });
  if (fs.existsSync(tokenPath))
    return { ...p, ...aggregation(), adminToken: fs.readFileSync(tokenPath, 'utf8').trim() };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const days = '3650';
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p.caKey,
    '-out',
    p.caCert,
    '-days',
    days,
    '-subj',
    '/CN=flotilla-e2e-ca',
  ]);
  const csr = path.join(dir, 'apiserver.csr');
  run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p.serverKey,
    '-out',
    csr,
    '-subj',
    '/CN=kube-apiserver',
  ]);
  const ext = path.join(dir, 'apiserver.ext');
  fs.writeFileSync(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      // In-cluster names too, so a client that resolves them could still verify.
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
      '',
    ].join('\n'),
  );
  run('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    p.caCert,
    '-CAkey',
    p.caKey,
    '-CAcreateserial',
    '-out',
    p.serverCert,
    '-days',
    days,
    '-extfile',
    ext,
  ]);
  run('openssl', ['genrsa', '-out', p.saKey, '2048']);
  run('openssl', ['rsa', '-in', p.saKey, '-pubout', '-out', p.saPub]);
  const token = randomBytes(24).toString('hex');
  // token,user,uid,"groups": the static token file format of kube-apiserver.
  fs.writeFileSync(p.tokenFile, `${token},flotilla-e2e-admin,flotilla-e2e-admin,"system:masters"\n`, { mode: 0o600 });
  fs.writeFileSync(tokenPath, token + '\n', { mode: 0o600 });
  return { ...p, ...aggregation(), adminToken: token };
}
