import assert from 'node:assert/strict';
import YAML from 'yaml';
import type { JsonObject } from '../api/index.ts';
import { buildWork } from '../render/work.ts';
import { renderedFiles } from './rendered-tree.ts';

function work(cluster: string, manifest: JsonObject) {
  const meta = manifest['metadata'] as { name: string; namespace?: string };
  return buildWork(
    cluster,
    {
      apiVersion: String(manifest['apiVersion']),
      kind: String(manifest['kind']),
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
    },
    'b',
    manifest,
  );
}
const deploy = (name: string, namespace?: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('renderedFiles', () => {
  it('lays out clusters/<cluster>/<ns|_cluster>/<kind>-<name>.yaml with a kustomization per cluster, sorted', () => {
    const files = renderedFiles(
      [
        work('m2', deploy('web', 'shop')),
        work('m1', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }),
        work('m1', deploy('web', 'shop')),
      ],
      ['m1', 'm2'],
    );
    assert.deepEqual(
      [...files.keys()],
      [
        'clusters/m1/_cluster/namespace-shop.yaml',
        'clusters/m1/kustomization.yaml',
        'clusters/m1/shop/deployment-web.yaml',
        'clusters/m2/kustomization.yaml',
        'clusters/m2/shop/deployment-web.yaml',
      ],
    );
    assert.match(
      files.get('clusters/m1/kustomization.yaml') ?? '',
      /resources:\n {2}- _cluster\/namespace-shop.yaml\n {2}- shop\/deployment-web.yaml\n/,
    );
  });
  const hostile = [
    { name: 'object name with ../', manifest: deploy('../../etc/passwd', 'shop') },
    { name: 'namespace ..', manifest: deploy('web', '..') },
    { name: 'NUL in name', manifest: deploy('a\u0000b', 'shop') },
    { name: 'leading dot', manifest: deploy('.git', 'shop') },
  ];
  for (const c of hostile) {
    it(`keeps ${c.name} inside its cluster folder`, () => {
      for (const p of renderedFiles([work('m1', c.manifest)], ['m1']).keys()) {
        const parts = p.split('/');
        assert.ok(parts.length <= 4, p);
        for (const s of parts) assert.ok(s !== '..' && s !== '.' && !s.startsWith('.') && !s.includes('\u0000'), p);
      }
    });
  }
  it('two kinds of the same name in different groups both get files', () => {
    const files = renderedFiles(
      [
        work('m1', deploy('web', 'shop')),
        work('m1', { apiVersion: 'example.io/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } }),
      ],
      ['m1'],
    );
    assert.equal([...files.keys()].filter((p) => p.includes('deployment-web')).length, 2);
  });
  it('gives every inventory cluster a kustomization, resources: [] where nothing is placed', () => {
    const files = renderedFiles([work('m1', deploy('web', 'shop'))], ['m1', 'm2']);
    assert.deepEqual(
      [...files.keys()],
      ['clusters/m1/kustomization.yaml', 'clusters/m1/shop/deployment-web.yaml', 'clusters/m2/kustomization.yaml'],
    );
    assert.deepEqual(YAML.parse(files.get('clusters/m2/kustomization.yaml') ?? ''), {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [],
    });
  });
  it('keeps the kustomization of a cluster whose last object left, with resources: []', () => {
    const before = renderedFiles([work('m1', deploy('web', 'shop')), work('m2', deploy('web', 'shop'))], ['m1', 'm2']);
    const after = renderedFiles([work('m1', deploy('web', 'shop'))], ['m1', 'm2']);
    assert.ok(before.has('clusters/m2/shop/deployment-web.yaml'));
    assert.ok(!after.has('clusters/m2/shop/deployment-web.yaml'));
    assert.equal(
      after.get('clusters/m2/kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
    );
  });
  describe('Namespaces carry the marks that stop Flux and Argo CD pruning them', () => {
    const cases: { name: string; annotations?: Record<string, string>; want: Record<string, string> }[] = [
      {
        name: 'a bare Namespace',
        want: {
          'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
          'kustomize.toolkit.fluxcd.io/prune': 'disabled',
        },
      },
      {
        name: 'a template with its own annotations and sync options',
        annotations: {
          team: 'shop',
          'argocd.argoproj.io/sync-options': 'ServerSideApply=true, Prune=confirm',
          'kustomize.toolkit.fluxcd.io/prune': 'enabled',
        },
        want: {
          team: 'shop',
          'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false,Delete=false',
          'kustomize.toolkit.fluxcd.io/prune': 'disabled',
        },
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const ns = {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', ...(c.annotations ? { annotations: c.annotations } : {}) },
        };
        const files = renderedFiles([work('m1', ns), work('m1', deploy('web', 'shop'))], ['m1']);
        assert.deepEqual(
          YAML.parse(files.get('clusters/m1/_cluster/namespace-shop.yaml') ?? '').metadata.annotations,
          c.want,
        );
        assert.equal(
          YAML.parse(files.get('clusters/m1/shop/deployment-web.yaml') ?? '').metadata.annotations,
          undefined,
          'only Namespaces are marked',
        );
      });
    }
  });
});
