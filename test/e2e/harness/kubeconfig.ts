// Kubeconfig files: the public one with a context per cluster, and one per
// cluster for its own controller-manager, scheduler and kwok.
import fs from 'node:fs';
import { stringify } from 'yaml';
import type { Pki } from './pki.ts';

/** A cluster as a kubeconfig names it. */
export interface KubeconfigEntry {
  readonly name: string;
  readonly server: string;
}

const userName = 'flotilla-e2e-admin';

/**
 * Writes a kubeconfig with one cluster, user and context per entry (context
 * name = cluster name), current context the first entry. The CA is embedded
 * so the file works wherever it is copied.
 */
export function writeKubeconfig(file: string, entries: ReadonlyArray<KubeconfigEntry>, pki: Pki): void {
  const caData = fs.readFileSync(pki.caCert).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': entries[0]?.name ?? '',
    clusters: entries.map((e) => ({
      name: e.name,
      cluster: { server: e.server, 'certificate-authority-data': caData },
    })),
    users: [{ name: userName, user: { token: pki.adminToken } }],
    contexts: entries.map((e) => ({ name: e.name, context: { cluster: e.name, user: userName } })),
  };
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, stringify(config), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
