/**
 * Just enough of a GitHub Actions runner and a GitLab runner to run docs/github-workflow.yml and
 * docs/gitlab-ci.yml as written: their own `run:` / `script:` lines in bash, with the variables
 * those runners set. The actions the workflow uses (checkout, setup-node, upload-artifact) are
 * stood in for: the workspace is already a clone, setup-node puts the pinned Node and npm's
 * global bin on PATH, upload-artifact checks that its file exists.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { pinnedNodeDir, run, type Ran } from './artifacts.ts';

/** Where a job runs: the checked-out fleet repo, a scratch dir, and the base environment. */
export interface JobEnv {
  readonly workspace: string;
  readonly temp: string;
  readonly env: Readonly<Record<string, string>>;
}

/** One shell step's outcome, named for the failure message. */
export interface StepResult extends Ran {
  readonly name: string;
}

/** The major version of the pinned Node: the test's stand-in for setup-node and the node image. */
const pinnedMajor = (): string | undefined =>
  (
    JSON.parse(readFileSync(path.join(pinnedNodeDir, '..', 'package.json'), 'utf8')) as { version: string }
  ).version.split('.')[0];

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

/** Evaluates `${{ … }}`: dotted context paths, 'string' literals and `||`, as the templates use them. */
export function expand(text: string, context: Readonly<Record<string, unknown>>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    for (const operand of expr.split('||').map((o) => o.trim())) {
      const literal = /^'(.*)'$/.exec(operand);
      const value = literal ? literal[1] : lookup(context, operand);
      if (value) return String(value);
    }
    return '';
  });
}

function lookup(context: Readonly<Record<string, unknown>>, dotted: string): unknown {
  const [head = '', ...rest] = dotted.split('.');
  if (!(head in context)) throw new Error(`the workflow reads \${{ ${dotted} }}, a context the test does not provide`);
  let v: unknown = context[head];
  for (const key of rest) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** Runs the steps of `job` in docs/github-workflow.yml; stops at the first failing step. */
export async function runGithubJob(
  file: string,
  job: string,
  where: JobEnv,
  context: Readonly<Record<string, unknown>>,
): Promise<StepResult[]> {
  const steps =
    (YAML.parse(readFileSync(file, 'utf8')) as { jobs: Record<string, { steps: WorkflowStep[] }> }).jobs[job]?.steps ??
    [];
  let env: Record<string, string> = { ...where.env };
  const results: StepResult[] = [];
  for (const [i, step] of steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${i + 1}`;
    if (step.uses) {
      env = standIn(step, env, where);
      continue;
    }
    const stepDir = path.join(where.temp, `step-${i}`);
    mkdirSync(stepDir);
    const script = path.join(stepDir, 'script.sh');
    writeFileSync(script, expand(step.run ?? '', context));
    const files = { GITHUB_PATH: path.join(stepDir, 'path'), GITHUB_ENV: path.join(stepDir, 'env') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), context)]));
    // GitHub's default shell for run steps on Linux.
    const r = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: where.workspace,
      env: { ...env, ...files, ...stepEnv },
    });
    results.push({ name, ...r });
    if (r.code !== 0) break;
    const added = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse();
    if (added.length) env = { ...env, PATH: [...added, env['PATH'] ?? ''].join(path.delimiter) };
    for (const line of readFileSync(files.GITHUB_ENV, 'utf8').split('\n').filter(Boolean))
      env = { ...env, [line.slice(0, line.indexOf('='))]: line.slice(line.indexOf('=') + 1) };
  }
  return results;
}

function standIn(step: WorkflowStep, env: Record<string, string>, where: JobEnv): Record<string, string> {
  const action = step.uses?.replace(/@.*$/, '');
  switch (action) {
    case 'actions/checkout':
      if (Number(step.with?.['fetch-depth']) !== 0)
        throw new Error('the workflow must check out with fetch-depth: 0 (both refs and the status branch)');
      return env;
    case 'actions/setup-node': {
      const want = String(step.with?.['node-version']);
      if (want !== pinnedMajor())
        throw new Error(
          `setup-node asks for Node ${want}; the test stands in with the pinned Node ${pinnedMajor() ?? '?'}`,
        );
      const prefix = path.join(where.temp, 'npm-global');
      return {
        ...env,
        NPM_CONFIG_PREFIX: prefix,
        PATH: [path.join(prefix, 'bin'), pinnedNodeDir, env['PATH'] ?? ''].join(path.delimiter),
      };
    }
    case 'actions/upload-artifact': {
      const file = path.join(where.workspace, String(step.with?.['path']));
      if (!existsSync(file)) throw new Error(`upload-artifact: ${file} does not exist`);
      return env;
    }
    default:
      throw new Error(`the workflow uses ${step.uses ?? ''}, which the test does not stand in for`);
  }
}

interface GitlabJob {
  image?: string;
  variables?: Record<string, string>;
  before_script?: string[];
  script?: string[];
  artifacts?: { paths?: string[] };
}

/** Runs `job` of docs/gitlab-ci.yml: before_script and script in one bash, as the runner does; `projectVariables` override the job's. */
export async function runGitlabJob(
  file: string,
  job: string,
  where: JobEnv,
  projectVariables: Readonly<Record<string, string>>,
): Promise<StepResult & { artifacts: readonly string[] }> {
  const spec = (YAML.parse(readFileSync(file, 'utf8')) as Record<string, GitlabJob>)[job];
  if (!spec) throw new Error(`no job ${job} in ${file}`);
  const image = /^node:(\d+)/.exec(spec.image ?? '')?.[1];
  if (image !== pinnedMajor())
    throw new Error(
      `the job runs in ${spec.image ?? '(no image)'}; the test stands in with the pinned Node ${pinnedMajor() ?? '?'}`,
    );
  const prefix = path.join(where.temp, 'npm-global');
  // The node image: Node on PATH, and npm's global prefix (/usr/local there) writable and on PATH.
  const env = {
    ...where.env,
    ...spec.variables,
    ...projectVariables,
    NPM_CONFIG_PREFIX: prefix,
    PATH: [path.join(prefix, 'bin'), pinnedNodeDir, where.env['PATH'] ?? ''].join(path.delimiter),
  };
  const script = path.join(where.temp, 'job.sh');
  writeFileSync(script, ['set -eo pipefail', ...(spec.before_script ?? []), ...(spec.script ?? [])].join('\n'));
  const r = await run('bash', ['--noprofile', '--norc', script], { cwd: where.workspace, env });
  return { name: job, ...r, artifacts: spec.artifacts?.paths ?? [] };
}
