// Certificates for API aggregation (metrics.k8s.io served by metrics-server): the client
// certificate the apiserver presents when it proxies to an aggregated API server (its
// --proxy-client-cert-file, trusted through --requestheader-client-ca-file), and the serving
// certificate of metrics-server for the name the aggregator verifies (<service>.<namespace>.svc).
// Both are signed by the harness CA and made once per state directory, when first missing.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './processes.ts';

/** The CN the apiservers accept as the front proxy (--requestheader-allowed-names). */
export const frontProxyName = 'front-proxy-client';

/** The Service the metrics.k8s.io APIService names, so the name metrics-server's certificate carries. */
export const metricsServiceName = 'metrics-server';
export const metricsServiceNamespace = 'kube-system';

/** Paths of the aggregation certificates. */
export interface AggregationPki {
  readonly frontProxyCert: string;
  readonly frontProxyKey: string;
  readonly metricsServerCert: string;
  readonly metricsServerKey: string;
}

function issue(dir: string, name: string, ca: { cert: string; key: string }, subject: string, ext: string[]): void {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  if (fs.existsSync(cert)) return;
  const csr = path.join(dir, `${name}.csr`);
  const extFile = path.join(dir, `${name}.ext`);
  run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject]);
  fs.writeFileSync(extFile, [...ext, ''].join('\n'));
  const tmp = `${cert}.tmp-${process.pid}`;
  run('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    tmp,
    '-days',
    '3650',
    '-extfile',
    extFile,
  ]);
  fs.renameSync(tmp, cert); // the certificate last: its presence means both files are there
}

/** Creates the aggregation certificates in `dir` unless they exist; returns their paths. */
export function ensureAggregationPki(dir: string, ca: { cert: string; key: string }): AggregationPki {
  issue(dir, frontProxyName, ca, `/CN=${frontProxyName}`, [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
  ]);
  const svc = `${metricsServiceName}.${metricsServiceNamespace}.svc`;
  issue(dir, 'metrics-server', ca, `/CN=${svc}`, [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=DNS:${svc},DNS:localhost,IP:127.0.0.1`,
  ]);
  return {
    frontProxyCert: path.join(dir, `${frontProxyName}.crt`),
    frontProxyKey: path.join(dir, `${frontProxyName}.key`),
    metricsServerCert: path.join(dir, 'metrics-server.crt'),
    metricsServerKey: path.join(dir, 'metrics-server.key'),
  };
}
