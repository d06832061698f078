/**
 * The CI templates users copy (docs/github-workflow.yml, docs/gitlab-ci.yml) run as written
 * (issue 21): their own shell steps, in a clone of a fleet repo with a two-commit pull request,
 * installing flotilla the way they tell users to — the packed package from a URL, here served
 * from 127.0.0.1 — and posting the preview to a local forge. A broken template fails here.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gitCli } from '../git/helpers/workspace.ts';
import { forgeToken, startForge, type Forge } from '../preview/forge.ts';
import { packedTarball, root, systemPath, workDir } from './artifacts.ts';
import { runGithubJob, runGitlabJob, type JobEnv } from './ci-runner.ts';
import { exampleFleetRepo } from './example-fleet.ts';

const marker = '<!-- flotilla-preview -->';
const githubWorkflow = path.join(root, 'docs', 'github-workflow.yml');
const gitlabCi = path.join(root, 'docs', 'gitlab-ci.yml');

/** Serves one file over HTTP, as a release asset would be: its URL and a close function. */
async function serveFile(file: string): Promise<{ url: string; close: () => Promise<void> }> {
  const body = readFileSync(file);
  const server: Server = createServer((req, res) => {
    if (req.url !== `/${path.basename(file)}`) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${path.basename(file)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('ship: the CI templates run as written', function () {
  this.timeout(300_000);
  let packageUrl = '';
  let closeServer = async () => {
    // replaced once the server listens
  };
  let origin = '';
  let head = '';

  before(async () => {
    const served = await serveFile(await packedTarball());
    ({ url: packageUrl, close: closeServer } = served);
    // The fleet repo's remote: main at the first commit, the pull request's branch at the second.
    const fleet = await exampleFleetRepo('ci-fleet');
    head = fleet.head;
    origin = path.join(workDir, 'ci-origin.git');
    await gitCli(workDir, 'clone', '--quiet', '--bare', fleet.dir, origin);
    await gitCli(origin, 'update-ref', 'refs/heads/main', fleet.base);
    await gitCli(origin, 'update-ref', 'refs/heads/scale-frontend', fleet.head);
  });
  after(async () => {
    await closeServer();
  });

  /** A fresh clone of the pull request's head, as the CI checkout leaves it, and the runner's scratch dirs. */
  async function checkout(name: string): Promise<JobEnv> {
    const temp = mkdtempSync(path.join(workDir, `${name}-`));
    await gitCli(temp, 'clone', '--quiet', origin, 'workspace');
    const workspace = path.join(temp, 'workspace');
    await gitCli(workspace, 'checkout', '--quiet', '--detach', head);
    const home = path.join(temp, 'home');
    mkdirSync(home);
    return { workspace, temp, env: { HOME: home, PATH: systemPath, CI: 'true' } };
  }

  describe('docs/github-workflow.yml', () => {
    let forge: Forge;
    beforeEach(async () => {
      forge = await startForge('github');
    });
    afterEach(async () => {
      await forge.close();
    });

    async function runWorkflow(vars: Record<string, string>) {
      const job = await checkout('github');
      const event = path.join(job.temp, 'event.json');
      writeFileSync(
        event,
        JSON.stringify({
          action: 'synchronize',
          pull_request: { number: 7, base: { ref: 'main' }, head: { sha: head } },
        }),
      );
      const summary = path.join(job.temp, 'step-summary.md');
      writeFileSync(summary, '');
      const env = {
        ...job.env,
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: job.workspace,
        RUNNER_TEMP: job.temp,
        GITHUB_REPOSITORY: 'acme/fleet',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_API_URL: forge.url,
        GITHUB_STEP_SUMMARY: summary,
      };
      const context = {
        github: { event: JSON.parse(readFileSync(event, 'utf8')) as unknown },
        secrets: { GITHUB_TOKEN: forgeToken },
        vars,
      };
      const steps = await runGithubJob(githubWorkflow, 'preview', { ...job, env }, context);
      return { steps, summary: readFileSync(summary, 'utf8'), workspace: job.workspace };
    }

    it('installs the package from its URL, posts one sticky comment, writes the summary and the JSON preview', async () => {
      const { steps, summary, workspace } = await runWorkflow({ FLOTILLA_PACKAGE: packageUrl });
      for (const s of steps) assert.equal(s.code, 0, `${s.name}:\n${s.stdout}\n${s.stderr}`);
      assert.doesNotMatch(steps.map((s) => s.stderr).join('\n'), /EBADENGINE/);
      assert.equal(forge.comments.length, 1);
      assert.ok(forge.comments[0]?.body.startsWith(marker));
      assert.match(forge.comments[0]?.body ?? '', /frontend/);
      assert.match(summary, /frontend/);
      assert.equal(
        (JSON.parse(readFileSync(path.join(workspace, 'preview.json'), 'utf8')) as { schema: string }).schema,
        'flotilla.io/preview/v1',
      );
    });

    it('without FLOTILLA_PACKAGE, the install step fails saying what to set', async () => {
      const { steps } = await runWorkflow({});
      const last = steps.at(-1);
      assert.equal(last?.name, 'Install flotilla');
      assert.equal(last?.code, 1);
      assert.match(last?.stdout ?? '', /::error::Set the repository variable FLOTILLA_PACKAGE/);
      assert.equal(forge.seen.length, 0);
    });
  });

  describe('docs/gitlab-ci.yml', () => {
    let forge: Forge;
    beforeEach(async () => {
      forge = await startForge('gitlab');
    });
    afterEach(async () => {
      await forge.close();
    });

    async function runJob(projectVariables: Record<string, string>) {
      const job = await checkout('gitlab');
      const env = {
        ...job.env,
        GITLAB_CI: 'true',
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_COMMIT_SHA: head,
        CI_PROJECT_ID: '42',
        CI_MERGE_REQUEST_IID: '7',
        CI_API_V4_URL: forge.url,
      };
      return {
        result: await runGitlabJob(
          gitlabCi,
          'flotilla-preview',
          { ...job, env },
          { GITLAB_TOKEN: forgeToken, ...projectVariables },
        ),
        workspace: job.workspace,
      };
    }

    it('installs the package from its URL, posts one sticky note, leaves both artifacts', async () => {
      const { result, workspace } = await runJob({ FLOTILLA_PACKAGE: packageUrl });
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /EBADENGINE/);
      assert.equal(forge.comments.length, 1);
      assert.ok(forge.comments[0]?.body.startsWith(marker));
      assert.deepEqual(result.artifacts, ['preview.md', 'preview.json']);
      assert.match(readFileSync(path.join(workspace, 'preview.md'), 'utf8'), /frontend/);
      assert.equal(
        (JSON.parse(readFileSync(path.join(workspace, 'preview.json'), 'utf8')) as { schema: string }).schema,
        'flotilla.io/preview/v1',
      );
    });

    it('without FLOTILLA_PACKAGE, the job fails saying what to set', async () => {
      const { result } = await runJob({});
      assert.equal(result.code, 1);
      assert.match(result.stderr, /Set the CI\/CD variable FLOTILLA_PACKAGE/);
      assert.equal(forge.seen.length, 0);
    });
  });
});
