/**
 * Issue 20 item 4, through the real binary (Q6): git revisions as users type them, --strict (validate, plan, diff),
 * -n/-A/-l, -o wide|name, --no-headers (and --no-header), colour only on a terminal and never
 * with NO_COLOR, `flotilla completion`, levelled logs, and every new flag in --help.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitCliSync } from '../git/helpers/workspace.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const bin = path.join(root, 'bin', 'flotilla.js');

describe('kubectl habits in every command (child process)', function () {
  this.timeout(120000);
  let dir = '';
  let repo = '';
  const flotilla = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(node, [bin, ...args], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 90000,
      env: { ...process.env, NO_COLOR: '', ...env },
    });
  const git = (...args: string[]) => gitCliSync(repo, ...args);
  const revisionOf = (args: string[]) => {
    const r = flotilla(['validate', ...args, '-o', 'json']);
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { revision: string }).revision;
  };

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-kubectl-habits-'));
    repo = path.join(dir, 'fleet');
    cpSync(path.join(root, 'examples', 'fleet-repo'), repo, { recursive: true });
    git('init', '--quiet', '--initial-branch', 'main');
    git('add', '-A');
    git('commit', '--quiet', '-m', 'fleet');
    // The head names a cluster the inventory lacks: a warning (UnknownCluster), not an error.
    const policy = path.join(repo, 'policies', 'active-active.yaml');
    writeFileSync(
      policy,
      readFileSync(policy, 'utf8').replace(
        '    clusterAffinity:\n',
        '    clusterAffinity:\n      exclude: [aws-eu-typo]\n',
      ),
    );
    git('commit', '--quiet', '-am', 'exclude a cluster that does not exist');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the revisions users type: HEAD~1, main^, a short SHA', () => {
    const parent = git('rev-parse', 'HEAD~1');
    assert.equal(revisionOf(['--ref', 'HEAD~1']), parent);
    assert.equal(revisionOf(['--ref', 'main^']), parent);
    assert.equal(revisionOf(['--ref', parent.slice(0, 7)]), parent);
    const bad = flotilla(['validate', '--ref', 'HEAD~5']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /HEAD~5.*no parent/);
  });

  it('diff takes HEAD~1 as --base', () => {
    const r = flotilla(['diff', '--base', 'HEAD~1', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { base: { revision: string } }).base.revision, git('rev-parse', 'HEAD~1'));
    // No difference, but the head has a warning: --strict fails it.
    assert.equal(flotilla(['diff', '--base', 'HEAD', '--format', 'json']).status, 0);
    const strict = flotilla(['diff', '--base', 'HEAD', '--strict', '--format', 'json']);
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /--strict: the head has 1 warning/);
  });

  it('--strict makes warnings fail validate and plan (exit 1); without it they pass', () => {
    assert.equal(flotilla(['validate']).status, 0);
    const v = flotilla(['validate', '--strict']);
    assert.equal(v.status, 1, v.stdout + v.stderr);
    assert.match(v.stdout, /warning UnknownCluster/);
    const p = flotilla(['plan', '--strict', '-o', 'name']);
    assert.equal(p.status, 1);
    assert.match(p.stderr, /--strict: 1 warning/);
    assert.equal(flotilla(['plan', '--strict', '--ref', 'HEAD~1', '-o', 'name']).status, 0);
  });

  it('plan -n, -l and -o name choose and name the bindings; -n with -A is a usage error', () => {
    const names = (args: string[]) =>
      flotilla(['plan', ...args, '-o', 'name'])
        .stdout.trim()
        .split('\n');
    assert.deepEqual(names(['-n', 'payments']), ['deployment.apps/payments-api']);
    assert.deepEqual(names(['-l', 'app in (catalog)']), ['deployment.apps/catalog']);
    assert.deepEqual(names(['-n', 'shop', '-l', '!app']), ['configmap/catalog-config']);
    assert.equal(names(['-A']).length, 5);
    const both = flotilla(['plan', '-n', 'shop', '-A']);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /-n\/--namespace and -A\/--all-namespaces cannot be combined/);
    const bad = flotilla(['plan', '-l', 'app in catalog']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /-l\/--selector: cannot read "app in catalog"/);
  });

  it('plan -o json keeps only the selected bindings and their Works', () => {
    const r = flotilla(['plan', '-n', 'payments', '-o', 'json']);
    const plan = JSON.parse(r.stdout) as {
      bindings: { metadata: { name: string } }[];
      works: { metadata: { annotations: Record<string, string> } }[];
    };
    assert.deepEqual(
      plan.bindings.map((b) => b.metadata.name),
      ['payments-api-deployment'],
    );
    assert.ok(
      plan.works.length > 0 &&
        plan.works.every((w) => w.metadata.annotations['flotilla.io/binding'] === 'payments/payments-api-deployment'),
    );
  });

  it('-o wide adds columns; --no-headers and its alias --no-header drop the header', () => {
    assert.match(
      flotilla(['plan', '-o', 'wide']).stdout,
      /^NAMESPACE\s+RESOURCE\s+POLICY\s+BINDING\s+REPLICAS\s+CLUSTERS\s+STATUS\n/,
    );
    for (const f of ['--no-headers', '--no-header'])
      assert.match(flotilla(['plan', f]).stdout, /^payments\s+Deployment\/payments-api/);
  });

  it('status -n, -o name and -o wide; clusters -o name; --context is the hub context (members unreachable here)', () => {
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    const status = (...args: string[]) => flotilla(['status', '--kubeconfig', kubeconfig, '--observe=false', ...args]);
    assert.equal(status('-n', 'payments', '-o', 'name').stdout, 'deployment.apps/payments-api\n');
    assert.match(
      status('-n', 'payments', '-o', 'wide').stdout,
      /^NAMESPACE\s+RESOURCE\s+BINDING\s+CLUSTERS\s+READY\s+APPLIED\s+HEALTH\s+MESSAGE\npayments\s+Deployment\/payments-api\s+payments\/payments-api-deployment\s/,
    );
    const clusters = flotilla(['clusters', '--repo', '.', '--kubeconfig', kubeconfig, '--timeout', '5s', '-o', 'name']);
    assert.equal(
      clusters.stdout,
      ['aws-euw', 'aws-use', 'azure-apse', 'azure-euw', 'gcp-apse', 'gcp-use'].map((c) => `cluster/${c}\n`).join(''),
    );
    const context = status('--context', 'hub');
    assert.equal(context.status, 2);
    assert.match(context.stderr, /the kubeconfig has no context "hub"/);
  });

  it('colours a terminal only, and never with NO_COLOR', () => {
    const esc = '\u001b[';
    assert.ok(!flotilla(['plan']).stdout.includes(esc), 'a pipe gets no colour');
    // script(1) gives the command a terminal.
    const tty = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `'${node}' '${bin}' plan`, '/dev/null'], {
        cwd: repo,
        encoding: 'utf8',
        timeout: 90000,
        env: { ...process.env, TERM: 'xterm', ...env },
      }).stdout;
    assert.ok(tty({ NO_COLOR: '' }).includes(`${esc}32mScheduled`), 'a terminal gets colour');
    assert.ok(!tty({ NO_COLOR: '1' }).includes(esc), 'NO_COLOR turns it off');
  });

  it('completion bash completes commands, flags and enum values from the flag tables', () => {
    const script = path.join(dir, 'completion.bash');
    writeFileSync(script, flotilla(['completion', 'bash']).stdout);
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source '${script}'; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _flotilla; echo "\${COMPREPLY[*]}"`,
          'bash',
          'flotilla',
          ...words,
        ],
        { encoding: 'utf8' },
      ).trim();
    assert.equal(complete('compl'), 'completion');
    assert.equal(complete('plan', '-o', ''), 'json yaml table wide name');
    assert.equal(complete('controller', '--log-format', ''), 'json text');
    assert.equal(complete('status', '--no-h'), '--no-headers --no-header');
    for (const shell of ['zsh', 'fish']) assert.match(flotilla(['completion', shell]).stdout, /log-level/);
    const bad = flotilla(['completion', 'tcsh']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /one of: bash, zsh, fish/);
  });

  it('reconcile logs levelled lines: text by default, pino JSON with --log-format json, nothing below --log-level', () => {
    const text = flotilla(['reconcile', '--once']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stderr, /level="info" msg="revision planned"/);
    git('commit', '--quiet', '--allow-empty', '-m', 'again');
    const json = flotilla(['reconcile', '--once', '--log-format', 'json']);
    const lines = json.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    assert.ok(
      lines.some((l) => l.level === 30 && l.msg === 'revision planned'),
      json.stderr,
    );
    git('commit', '--quiet', '--allow-empty', '-m', 'once more');
    assert.equal(flotilla(['reconcile', '--once', '--log-level', 'error']).stderr, '');
    assert.match(
      flotilla(['reconcile', '--once', '--log-level', 'loud']).stderr,
      /--log-level must be one of: debug, info, warn, error/,
    );
  });

  const helps: readonly { command: string; flags: RegExp[] }[] = [
    {
      command: 'plan',
      flags: [
        /-n, --namespace NS/,
        /-A, --all-namespaces/,
        /-l, --selector SELECTOR/,
        /--strict/,
        /--no-headers .*alias: --no-header/,
        /json, yaml, table, wide, name/,
        /HEAD~1/,
      ],
    },
    {
      command: 'status',
      flags: [/-n, --namespace NS/, /-l, --selector/, /wide, name/, /--hub-context NAME .*\n.*\n?.*alias: --context/],
    },
    { command: 'validate', flags: [/--strict/, /--ref HEAD~1 --strict/] },
    { command: 'diff', flags: [/--strict/, /--base HEAD~1 --strict/, /alias: --no-header/] },
    { command: 'clusters', flags: [/-o wide/, /-o name/, /alias: --context/] },
    {
      command: 'controller',
      flags: [
        /--log-level debug\|info\|warn\|error/,
        /--log-format json\|text/,
        /--prune=true\|false/,
        /--cluster-failure-threshold D[\s\S]*\(default: 30s\)/,
      ],
    },
    { command: 'reconcile', flags: [/--log-level/, /--log-format json\|text/] },
    { command: 'completion', flags: [/source <\(flotilla completion bash\)/] },
  ];
  for (const h of helps) {
    it(`${h.command} --help lists its flags`, () => {
      const r = flotilla([h.command, '--help']);
      for (const f of h.flags) assert.match(r.stdout, f);
    });
  }
});
