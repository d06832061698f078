/**
 * The bad-input corpus: every malformed repo gives exit 1 and one clear error with file and line,
 * never a crash or a hang. Committed cases live in test/fixtures/bad-inputs/<case>/; the ones that
 * cannot be committed sensibly (binary, huge, deep, symlinks) are generated here.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';

interface Expect {
  readonly code: string;
  readonly file: string;
  readonly line?: number;
}
const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'bad-inputs');

const committed: readonly [string, Expect][] = [
  ['truncated-yaml', { code: 'YamlSyntax', file: 'apps/web.yaml' }],
  ['tabs', { code: 'YamlSyntax', file: 'apps/cm.yaml', line: 4 }],
  ['wrong-types', { code: 'SchemaViolation', file: 'policies/pp.yaml', line: 7 }],
  ['unknown-field', { code: 'UnknownField', file: 'policies/pp.yaml', line: 11 }],
  ['wrong-enum', { code: 'SchemaViolation', file: 'policies/pp.yaml', line: 11 }],
  ['missing-name', { code: 'MissingIdentity', file: 'apps/web.yaml', line: 1 }],
  ['duplicate-object', { code: 'DuplicateObject', file: 'apps/b.yaml', line: 2 }],
  ['duplicate-key', { code: 'YamlSyntax', file: 'apps/cm.yaml', line: 5 }],
  ['yaml-bomb', { code: 'YamlSyntax', file: 'apps/bomb.yaml', line: 1 }],
  ['scalar-document', { code: 'MissingIdentity', file: 'apps/note.yaml', line: 1 }],
  ['policy-other-namespace', { code: 'PolicyNamespaceMismatch', file: 'policies/pp.yaml', line: 10 }],
  ['dependent-override-missing', { code: 'DependentOverrideMissing', file: 'policies/pp.yaml', line: 7 }],
  ['bad-settings', { code: 'InvalidSettings', file: 'flotilla.yaml', line: 1 }],
  ['json-syntax', { code: 'YamlSyntax', file: 'apps/cm.json', line: 1 }],
];

const generated: readonly [string, (dir: string) => void, Expect][] = [
  [
    'binary file',
    (d) => write(d, 'apps/logo.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    { code: 'UnreadableFile', file: 'apps/logo.yaml', line: 1 },
  ],
  [
    'invalid UTF-8',
    (d) =>
      write(
        d,
        'apps/latin1.yaml',
        Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\xe9}\n', 'latin1'),
      ),
    { code: 'UnreadableFile', file: 'apps/latin1.yaml', line: 1 },
  ],
  [
    '10 MB string',
    (d) =>
      write(
        d,
        'apps/big.yaml',
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(10 * 1024 * 1024)}"\n`,
      ),
    { code: 'SchemaViolation', file: 'apps/big.yaml', line: 1 },
  ],
  [
    'deep nesting',
    (d) =>
      write(
        d,
        'apps/deep.yaml',
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
      ),
    { code: 'YamlSyntax', file: 'apps/deep.yaml', line: 1 },
  ],
  [
    'path-traversal object name',
    (d) => write(d, 'apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ../../x\n'),
    { code: 'InvalidObjectMeta', file: 'apps/cm.yaml', line: 4 },
  ],
  [
    'unknown Karmada kind',
    (d) =>
      write(
        d,
        'policies/pp.yaml',
        'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicyy\nmetadata: {name: p}\n',
      ),
    { code: 'UnknownKarmadaKind', file: 'policies/pp.yaml', line: 2 },
  ],
  [
    'symlink leaving the repo',
    (d) => {
      mkdirSync(path.join(d, 'apps'), { recursive: true });
      symlinkSync('/etc/hostname', path.join(d, 'apps', 'host.yaml'));
    },
    { code: 'UnreadableFile', file: 'apps/host.yaml', line: 1 },
  ],
];

describe('bad-input corpus (flotilla validate)', function () {
  this.timeout(20000);
  for (const [name, want] of committed) {
    it(`${name}: one ${want.code} error at ${want.file}`, async () => check(path.join(fixtures, name), want));
  }
  for (const [name, make, want] of generated) {
    it(`${name}: one ${want.code} error at ${want.file}`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bad-'));
      try {
        make(dir);
        await check(dir, want);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

async function check(dir: string, want: Expect): Promise<void> {
  const r = await runCli(['validate', '--repo', dir, '-o', 'json']);
  assert.equal(r.code, 1, r.stderr || r.stdout);
  const out = JSON.parse(r.stdout) as { errors: { code: string; file: string; line: number }[] };
  assert.equal(out.errors.length, 1, JSON.stringify(out.errors, null, 2));
  const [e] = out.errors;
  assert.equal(e?.code, want.code, JSON.stringify(e));
  assert.equal(e?.file, want.file);
  if (want.line !== undefined) assert.equal(e?.line, want.line, JSON.stringify(e));
}

function write(dir: string, rel: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), content);
}
