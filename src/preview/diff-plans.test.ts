import assert from 'node:assert/strict';
import { binding, deploymentWork, plan } from '../../test/preview/builders.ts';
import { diffPlans, summaryLine } from './diff-plans.ts';
import { formatMarkdown, previewMarker } from './markdown.ts';
import { formatTable } from './table.ts';

const base = plan(
  'a'.repeat(40),
  [binding('web', { eu: 3, us: 3 }, { replicas: 6 }), binding('api', { eu: 2 }, { replicas: 2 })],
  [
    deploymentWork('eu', 'web', 3, 'nginx:1'),
    deploymentWork('us', 'web', 3, 'nginx:1'),
    deploymentWork('eu', 'api', 2, 'api:1'),
  ],
);
const head = plan(
  'b'.repeat(40),
  [binding('web', { eu: 1, us: 3, ap: 2 }, { replicas: 6 }), binding('db', { us: 1 }, { replicas: 1 })],
  [
    deploymentWork('eu', 'web', 1, 'nginx:1'),
    deploymentWork('us', 'web', 3, 'nginx:1'),
    deploymentWork('ap', 'web', 2, 'nginx:1'),
    deploymentWork('us', 'db', 1, 'db:1'),
  ],
);

describe('preview: diff of two plans', () => {
  it('summarises re-placed resources, moved replicas and touched clusters', () => {
    const d = diffPlans({ ref: 'main', plan: base }, { ref: 'topic', plan: head });
    assert.equal(d.changed, true);
    assert.deepEqual(
      d.resources.map((r) => [r.change, r.resource.name]),
      [
        ['removed', 'api'],
        ['added', 'db'],
        ['changed', 'web'],
      ],
    );
    assert.deepEqual(d.moves, [
      { from: null, to: 'us', replicas: 1 },
      { from: 'eu', to: null, replicas: 2 },
      { from: 'eu', to: 'ap', replicas: 2 },
    ]);
    assert.equal(summaryLine(d.summary), '3 resources re-placed, 2 replicas moved, 3 clusters touched');
    assert.deepEqual(
      d.clusters.map((c) => [c.cluster, c.added, c.removed, c.changed]),
      [
        ['ap', 1, 0, 0],
        ['eu', 0, 1, 1],
        ['us', 1, 0, 0],
      ],
    );
  });
  it('the same plan under another revision is no difference', () => {
    const d = diffPlans(
      { ref: 'main', plan: base },
      { ref: 'topic', plan: { ...base, revision: 'c'.repeat(40), works: base.works.map((w) => ({ ...w })) } },
    );
    assert.equal(d.changed, false);
    assert.equal(summaryLine(d.summary), '0 resources re-placed, 0 replicas moved, 0 clusters touched');
    assert.match(formatMarkdown(d), /No differences/);
    assert.match(formatTable(d), /no differences/);
  });
  it('an invalid head shows its errors and no placement changes', () => {
    const bad = plan(
      'b'.repeat(40),
      [],
      [],
      [
        {
          code: 'SchemaViolation',
          severity: 'error',
          message: 'spec.placement: bad',
          file: 'policies/p.yaml',
          line: 7,
          column: 3,
        },
      ],
    );
    const d = diffPlans({ ref: 'main', plan: base }, { ref: 'topic', plan: bad });
    assert.equal(d.changed, true);
    assert.deepEqual([d.resources, d.clusters, d.summary.headErrors], [[], [], 1]);
    assert.deepEqual(d.head.errors, [
      { file: 'policies/p.yaml', line: 7, column: 3, code: 'SchemaViolation', message: 'spec.placement: bad' },
    ]);
    assert.match(formatMarkdown(d), /\| `policies\/p\.yaml` \| 7 \| SchemaViolation: spec\.placement: bad \|/);
    assert.match(formatTable(d), /policies\/p\.yaml:7:3: error SchemaViolation/);
  });
});

describe('preview: markdown', () => {
  const d = diffPlans({ ref: 'main', plan: base }, { ref: 'topic', plan: head });
  it('starts with the marker, the heading and the summary; tables before folded details', () => {
    const md = formatMarkdown(d);
    const lines = md.split('\n');
    assert.equal(lines[0], previewMarker);
    assert.equal(lines[1], '### flotilla preview: `main` (aaaaaaa) → `topic` (bbbbbbb)');
    assert.match(md, /\*\*3 resources re-placed, 2 replicas moved, 3 clusters touched\*\* · 1 added · 1 removed/);
    assert.match(md, /\| Deployment shop\/web \| changed \| ap: new 2, eu: 3 → 1 \| PropagationPolicy shop\/spread \|/);
    assert.ok(md.indexOf('| Cluster |') < md.indexOf('<details>'));
    assert.match(md, /```mermaid\nflowchart LR\n {2}added\(\("new"\)\) -->\|1\| c2\["us"\]/);
    assert.match(
      md,
      /<details><summary><code>eu<\/code>: 1 removed, 1 changed<\/summary>\n\n```diff\n--- a\/eu\/shop\/Deployment-api\.yaml/,
    );
  });
  const cases = [
    { name: 'a small cap', limit: 2500 },
    { name: 'a cap below the tables', limit: 900 },
    { name: 'a generous cap', limit: 60_000 },
  ];
  for (const c of cases) {
    it(`stays within ${c.name} and says when it cut`, () => {
      const big = diffPlans(
        { ref: 'main', plan: base },
        {
          ref: 'topic',
          plan: {
            ...head,
            works: [
              ...head.works,
              ...Array.from({ length: 40 }, (_, i) => deploymentWork('eu', `w${i}`, 1, `img:${i}`)),
            ],
          },
        },
      );
      const md = formatMarkdown(big, c.limit);
      assert.ok(md.length <= c.limit, `${md.length} > ${c.limit}`);
      assert.equal(/Truncated/.test(md), c.limit < 60_000);
      assert.equal(md.split('<details>').length, md.split('</details>').length, 'every folded section is closed');
    });
  }
});
