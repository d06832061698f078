import assert from 'node:assert/strict';
import type { ObjectResult } from '../cluster/outcome.ts';
import { applyTable } from './apply-table.ts';

const web = (action: 'configured' | 'unchanged' | 'created'): ObjectResult => ({
  id: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
  binding: 'shop/web-deployment',
  outcome: action === 'configured' ? { action, paths: ['/spec/template/spec/containers/0/image'] } : { action },
});
const cluster = (name: string, objects: ObjectResult[]) => ({
  cluster: name,
  ok: true,
  reason: 'Applied' as const,
  message: '',
  objects,
  pruned: [],
});

describe('applyTable: one row per change, with the clusters it happened on', () => {
  const names = Array.from({ length: 1000 }, (_, i) => `m${String(i).padStart(4, '0')}`);
  const result = {
    revision: 'abc',
    dryRun: false,
    clusters: names.map((n, i) => cluster(n, [web(i === 999 ? 'created' : 'configured')])),
  };
  const changes = (t: string) => t.split('\n\n')[1]?.trim().split('\n') ?? [];

  it('groups the same change on 999 clusters into one row, the clusters abbreviated', () => {
    const rows = changes(applyTable(result, false, false));
    assert.equal(rows.length, 3);
    assert.match(rows[0] ?? '', /^CLUSTERS\s+OBJECT\s+ACTION\s+DETAIL$/);
    assert.match(
      rows[1] ?? '',
      /^m0000,m0001,m0002,… \+996 more \(999\)\s+Deployment shop\/web\s+configured\s+\/spec\/template\/spec\/containers\/0\/image$/,
    );
    assert.match(rows[2] ?? '', /^m0999\s+Deployment shop\/web\s+created/);
  });
  it('-o wide lists every cluster', () =>
    assert.ok((changes(applyTable(result, true, true))[0] ?? '').startsWith(`${names.slice(0, 999).join(',')} `)));
  it('unchanged objects make no change row', () =>
    assert.equal(
      changes(applyTable({ ...result, clusters: [cluster('a', [web('unchanged')])] }, false, false)).length,
      0,
    ));
});
