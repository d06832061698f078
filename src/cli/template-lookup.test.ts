import assert from 'node:assert/strict';
import type { Loaded } from '../api/index.ts';
import { lookupTemplate, namesKind } from './template-lookup.ts';

const source = { file: 'apps/x.yaml', line: 1, column: 1, doc: 0 };
const t = (apiVersion: string, kind: string, name: string, namespace?: string): Loaded => ({
  source,
  object: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } },
});
const templates = [
  t('apps/v1', 'Deployment', 'web', 'shop'),
  t('v1', 'Service', 'web', 'shop'),
  t('apps/v1', 'Deployment', 'api', 'default'),
  t('networking.k8s.io/v1', 'Ingress', 'web', 'shop'),
  t('v1', 'Namespace', 'shop'),
];

describe('namesKind: kubectl spellings of a kind', () => {
  const cases: [string, string, string, boolean][] = [
    ['deploy', 'apps/v1', 'Deployment', true],
    ['deployments', 'apps/v1', 'Deployment', true],
    ['Deployment', 'apps/v1', 'Deployment', true],
    ['deployment.apps', 'apps/v1', 'Deployment', true],
    ['deployments.v1.apps', 'apps/v1', 'Deployment', true],
    ['deployment.extensions', 'apps/v1', 'Deployment', false],
    ['svc', 'v1', 'Service', true],
    ['ingresses', 'networking.k8s.io/v1', 'Ingress', true],
    ['ing.networking.k8s.io', 'networking.k8s.io/v1', 'Ingress', true],
    ['policies', 'x/v1', 'Policy', true],
    ['service', 'apps/v1', 'Deployment', false],
  ];
  for (const [typed, apiVersion, kind, want] of cases)
    it(`${typed} ${want ? 'names' : 'does not name'} ${apiVersion} ${kind}`, () =>
      assert.equal(namesKind(typed, apiVersion, kind), want));
});

describe('lookupTemplate: found, or the nearest names', () => {
  const cases: { name: string; args: [string, string, string | undefined]; want: string | string[] }[] = [
    { name: 'found in its namespace', args: ['deploy', 'web', 'shop'], want: 'apps/v1 Deployment web' },
    { name: 'namespaced defaults to default', args: ['deploy', 'api', undefined], want: 'apps/v1 Deployment api' },
    { name: 'cluster-scoped without -n', args: ['ns', 'shop', undefined], want: 'v1 Namespace shop' },
    { name: 'a typo suggests the near name', args: ['deploy', 'wbe', 'shop'], want: ['Deployment shop/web'] },
    {
      name: 'the wrong namespace suggests -n',
      args: ['deploy', 'web', undefined],
      want: ['Deployment shop/web (pass -n shop)'],
    },
    {
      name: 'the wrong kind suggests the kinds of that name',
      args: ['cm', 'web', 'shop'],
      want: ['Deployment shop/web', 'Ingress shop/web', 'Service shop/web'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = lookupTemplate(templates, ...c.args);
      if (typeof c.want === 'string')
        assert.equal(
          r.kind === 'found'
            ? `${r.template.object.apiVersion} ${r.template.object.kind} ${r.template.object.metadata.name}`
            : r.suggestions.join('; '),
          c.want,
        );
      else assert.deepEqual(r.kind === 'not-found' ? r.suggestions : 'found', c.want);
    });
  }
});
