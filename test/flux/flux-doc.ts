/**
 * The Flux objects of docs/argocd-flux.md, taken from the page itself so that the end-to-end tests
 * apply what users copy: the YAML code blocks of its "## Flux" section, with only the repository
 * URL and the cluster path (the Kustomization's path, the GitRepository's sparse checkout) replaced.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const docFile = path.resolve(import.meta.dirname, '..', '..', 'docs', 'argocd-flux.md');

/** The YAML documents of the code blocks in the `## heading` section of the page. */
export function docObjects(heading: string): Record<string, any>[] {
  const md = readFileSync(docFile, 'utf8');
  const start = md.search(new RegExp(`^## ${heading}\\b`, 'm'));
  if (start < 0) throw new Error(`${docFile} has no "## ${heading}" section`);
  const rest = md.slice(start + 3);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const blocks = [...section.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
  return blocks.flatMap((b) =>
    YAML.parseAllDocuments(b).map((d) => {
      if (d.errors.length > 0)
        throw new Error(`invalid YAML in the "${heading}" section of ${docFile}: ${d.errors[0]?.message}`);
      return d.toJS() as Record<string, any>;
    }),
  );
}

/** The doc's GitRepository and Kustomization for `cluster`, reading `url`, as one YAML stream. */
export function fluxObjectsFor(
  url: string,
  cluster: string,
): { gitRepository: Record<string, any>; kustomization: Record<string, any>; yaml: string } {
  const objects = docObjects('Flux');
  const pick = (kind: string) => {
    const found = objects.filter((o) => o['kind'] === kind);
    if (found.length !== 1)
      throw new Error(`the Flux section of docs/argocd-flux.md has ${found.length} ${kind} objects, expected 1`);
    return structuredClone(found[0] as Record<string, any>);
  };
  const gitRepository = pick('GitRepository');
  const kustomization = pick('Kustomization');
  gitRepository['spec']['url'] = url;
  kustomization['spec']['path'] = `./clusters/${cluster}`;
  if (gitRepository['spec']['sparseCheckout'] !== undefined)
    gitRepository['spec']['sparseCheckout'] = [`clusters/${cluster}`];
  // A member's apiserver restarted under the test can leave an apply hanging until the
  // Kustomization's timeout (the doc's 5m): give up after a minute and retry soon instead.
  kustomization['spec']['timeout'] = '60s';
  kustomization['spec']['retryInterval'] = '5s';
  return {
    gitRepository,
    kustomization,
    yaml: [gitRepository, kustomization].map((o) => YAML.stringify(o)).join('---\n'),
  };
}

/** The heading of the page's section on per-cluster branches. */
export const clusterBranchSection = 'A branch per cluster';

/** The doc's GitRepository following `cluster`'s own branch, reading `url`. */
export function clusterBranchSourceFor(url: string, cluster: string): Record<string, any> {
  const found = docObjects(clusterBranchSection).filter((o) => o['kind'] === 'GitRepository');
  if (found.length !== 1)
    throw new Error(
      `the "${clusterBranchSection}" section of docs/argocd-flux.md has ${found.length} GitRepository objects, expected 1`,
    );
  const source = structuredClone(found[0] as Record<string, any>);
  source['spec']['url'] = url;
  source['spec']['ref']['branch'] = `flotilla-rendered-${cluster}`;
  return source;
}
