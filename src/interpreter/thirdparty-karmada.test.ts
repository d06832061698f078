/**
 * Karmada's published third-party customisations, run unchanged:
 * - always, the sample of them in the conformance set (../shared/conformance/cases/interpreter/
 *   thirdparty-*.yaml, the same ../shared that npm test's conformance step reads), in-process;
 * - with KARMADA_GIT_DIR set to a Karmada git directory, every customisation with all of its own
 *   testdata (pkg/resourceinterpreter/default/thirdparty/resourcecustomizations). Unset, that part is
 *   skipped; set to a path that is not there, it fails.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  canonicalQuantity,
  type JsonObject,
  type JsonValue,
  type KubeObject,
  type Loaded,
  type ResourceInterpreterCustomization,
} from '../api/index.ts';
import { assertJsonSubset } from '../api/json-subset.test-support.ts';
import { createInterpreter, type AggregatedStatusItem, type Interpreter } from './index.ts';

const sharedCases = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'conformance',
  'cases',
  'interpreter',
);
const gitDir = process.env['KARMADA_GIT_DIR'];
const root = 'pkg/resourceinterpreter/default/thirdparty/resourcecustomizations/';
const git = (...args: string[]): string =>
  execFileSync('git', ['--git-dir', gitDir ?? '', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

interface KarmadaCase {
  name: string;
  operation: string;
  desiredObj?: KubeObject;
  observedObj?: KubeObject;
  statusItems?: AggregatedStatusItem[];
  inputReplicas?: number;
  output?: Record<string, unknown>;
}

/** Karmada's testdata compares after dropping fields marked {{EXCLUDE}} (thirdparty_test.go). */
function withoutExcluded(expected: unknown, actual: unknown): [unknown, unknown] {
  if (
    expected &&
    typeof expected === 'object' &&
    !Array.isArray(expected) &&
    actual &&
    typeof actual === 'object' &&
    !Array.isArray(actual)
  ) {
    const e: Record<string, unknown> = {};
    const a: Record<string, unknown> = { ...(actual as Record<string, unknown>) };
    for (const [k, v] of Object.entries(expected)) {
      if (v === '{{EXCLUDE}}') {
        delete a[k];
        continue;
      }
      const [ev, av] = withoutExcluded(v, a[k]);
      e[k] = ev;
      if (k in a) a[k] = av;
    }
    return [e, a];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const pairs = expected.map((v, i) => withoutExcluded(v, actual[i]));
    return [pairs.map((p) => p[0]), [...pairs.map((p) => p[1]), ...actual.slice(expected.length)]];
  }
  return [expected, actual];
}

function results(c: KarmadaCase, customization: Loaded<ResourceInterpreterCustomization>): Record<string, unknown> {
  const i = createInterpreter([customization]);
  const desired = c.desiredObj as KubeObject;
  const observed = c.observedObj as KubeObject;
  switch (c.operation) {
    case 'InterpretReplica': {
      const r = i.getReplicas(desired);
      return { replica: r.replicas, ...(r.requirements ? { requires: r.requirements } : {}) };
    }
    case 'ReviseReplica':
      return { revised: i.reviseReplica(desired, c.inputReplicas ?? 0) };
    case 'Retain':
      return { retained: i.retain(desired, observed) };
    case 'AggregateStatus':
      return { aggregatedStatus: i.aggregateStatus(desired, c.statusItems ?? null) };
    case 'InterpretHealth':
      return { healthy: i.interpretHealth(observed) };
    case 'InterpretStatus':
      return { status: i.reflectStatus(observed) };
    case 'InterpretDependency':
      return { dependencies: i.interpretDependency(desired ?? observed) };
    default:
      return {};
  }
}

const sortDeps = (v: unknown): unknown =>
  Array.isArray(v) ? [...v].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : v;

interface ConformanceCase {
  readonly name: string;
  readonly objects: readonly KubeObject[];
  readonly expect: {
    readonly interpret?: readonly { operation: string; input: Record<string, unknown>; output: JsonValue }[];
  };
}

/** One interpreter operation with the conformance set's inputs, shaped as `flotilla interpret` prints it (FORMAT.md). */
function interpretCase(i: Interpreter, operation: string, input: Record<string, unknown>): unknown {
  const object = (input['object'] ?? input['desired']) as KubeObject | undefined;
  const observed = input['observed'] as KubeObject | undefined;
  const either = (object ?? observed) as KubeObject;
  switch (operation) {
    case 'GetReplicas':
      return i.getReplicas(object as KubeObject);
    case 'ReviseReplica':
      return i.reviseReplica(object as KubeObject, Number(input['replicas']));
    case 'Retain':
      return i.retain(object as KubeObject, observed as KubeObject);
    case 'AggregateStatus':
      return i.aggregateStatus(
        object as KubeObject,
        (input['statusItems'] as AggregatedStatusItem[] | undefined) ?? null,
      );
    case 'InterpretHealth':
      return { healthy: i.interpretHealth((observed ?? object) as KubeObject) };
    case 'InterpretDependency':
      return { dependencies: i.interpretDependency(either) };
    case 'ReflectStatus':
      return { status: i.reflectStatus((observed ?? object) as KubeObject) };
    default:
      throw new Error(`unknown operation ${operation}`);
  }
}

describe('Karmada third-party customisations from the conformance set (../shared/conformance)', () => {
  const files = existsSync(sharedCases)
    ? readdirSync(sharedCases)
        .filter((f) => f.startsWith('thirdparty-') && f.endsWith('.yaml'))
        .sort()
    : [];
  it('finds the conformance set beside the checkout', () =>
    assert.ok(files.length > 0, `no thirdparty-*.yaml under ${sharedCases}`));
  for (const file of files) {
    const c = YAML.parse(readFileSync(path.join(sharedCases, file), 'utf8')) as ConformanceCase;
    const customizations = c.objects
      .filter((o) => o.kind === 'ResourceInterpreterCustomization')
      .map(
        (object) =>
          ({
            object,
            source: { file, line: 1, column: 1, doc: 0 },
          }) as unknown as Loaded<ResourceInterpreterCustomization>,
      );
    for (const [n, e] of (c.expect.interpret ?? []).entries()) {
      it(`${c.name}: ${e.operation}${n ? ` #${n + 1}` : ''}`, () => {
        const got = JSON.parse(
          JSON.stringify(interpretCase(createInterpreter(customizations), e.operation, e.input)),
        ) as JsonValue;
        assertJsonSubset(got, e.output);
      });
    }
  }
});

describe('Karmada third-party customisations, unchanged, with their testdata (KARMADA_GIT_DIR)', () => {
  if (gitDir === undefined) {
    it.skip('set KARMADA_GIT_DIR to a Karmada git directory to run every customisation with its testdata', () =>
      undefined);
    return;
  }
  it('KARMADA_GIT_DIR is a directory', () => assert.ok(existsSync(gitDir), `KARMADA_GIT_DIR=${gitDir} does not exist`));
  if (!existsSync(gitDir)) return;
  const files = git('ls-tree', '-r', '--name-only', 'HEAD', root).split('\n').filter(Boolean);
  for (const file of files.filter((f) => f.endsWith('/customizations.yaml'))) {
    const dir = file.slice(0, -'customizations.yaml'.length);
    const object = YAML.parse(git('show', `HEAD:${file}`)) as ResourceInterpreterCustomization;
    const customization = {
      object,
      source: { file, line: 1, column: 1, doc: 0 },
    } as unknown as Loaded<ResourceInterpreterCustomization>;
    for (const testFile of files.filter((f) => f.startsWith(`${dir}testdata/`))) {
      for (const doc of YAML.parseAllDocuments(git('show', `HEAD:${testFile}`))) {
        const c = doc.toJSON() as KarmadaCase | null;
        // InterpretComponent (multi-template scheduling) is not part of flotilla's interpreter.
        if (!c?.operation || c.operation === 'InterpretComponent') continue;
        // The yaml package misreads the multi-line single-quoted messages of Bucket's testdata.
        if (testFile.includes('/Bucket/') && /status/i.test(c.operation)) continue;
        it(`${object.metadata.name}: ${c.operation}: ${c.name}`, () => {
          const got = results(c, customization) as Record<string, unknown>;
          for (const [key, want] of Object.entries(c.output ?? {})) {
            assert.ok(key in got, `no result ${key}`);
            let [e, a] = withoutExcluded(JSON.parse(JSON.stringify(want)), JSON.parse(JSON.stringify(got[key])));
            if (key === 'dependencies') [e, a] = [sortDeps(e), sortDeps(a)];
            if (key === 'requires') [e, a] = [normalizeRequires(e as JsonObject), a];
            assert.deepEqual(a, e);
          }
        });
      }
    }
  }
});

/** Karmada compares requirements as typed Quantities: print the expected ones canonically too. */
function normalizeRequires(r: JsonObject): JsonObject {
  const request = r['resourceRequest'];
  if (!request || typeof request !== 'object' || Array.isArray(request)) return r;
  const canonical: JsonObject = {};
  for (const [k, v] of Object.entries(request))
    canonical[k] = typeof v === 'string' || typeof v === 'number' ? (canonicalQuantity(v) ?? v) : v;
  return { ...r, resourceRequest: canonical };
}
