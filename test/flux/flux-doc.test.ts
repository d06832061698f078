/**
 * docs/argocd-flux.md's YAML blocks parse and say what the rendered branch needs (the Flux blocks
 * are also applied as they are by the Flux end-to-end tests): the rendered branch followed, prune
 * on, and for Argo CD automated sync that may prune a cluster's Application down to nothing.
 */
import assert from 'node:assert/strict';
import { clusterBranchSection, clusterBranchSourceFor, docObjects, fluxObjectsFor } from './flux-doc.ts';

describe('docs/argocd-flux.md YAML blocks', () => {
  it('Flux: one GitRepository on the rendered branch, one pruning Kustomization of a cluster folder', () => {
    const { gitRepository, kustomization } = fluxObjectsFor('https://git.example.com/x.git', 'member1');
    assert.equal(gitRepository['apiVersion'], 'source.toolkit.fluxcd.io/v1');
    assert.equal(gitRepository['spec']['ref']['branch'], 'flotilla-rendered');
    assert.equal(kustomization['apiVersion'], 'kustomize.toolkit.fluxcd.io/v1');
    assert.deepEqual(kustomization['spec']['sourceRef'], {
      kind: 'GitRepository',
      name: gitRepository['metadata']['name'],
    });
    assert.equal(kustomization['metadata']['namespace'], gitRepository['metadata']['namespace']);
    assert.equal(kustomization['spec']['prune'], true);
    assert.equal(kustomization['spec']['path'], './clusters/member1');
    assert.deepEqual(
      gitRepository['spec']['sparseCheckout'],
      ['clusters/member1'],
      "the source checks out only the cluster's folder",
    );
  });

  it('Argo CD: an ApplicationSet over clusters/* of the rendered branch, pruning, allowed to empty an Application', () => {
    const [appSet, ...rest] = docObjects('Argo CD');
    assert.equal(rest.length, 0);
    assert.equal(appSet?.['kind'], 'ApplicationSet');
    const git = appSet?.['spec']['generators'][0]['git'];
    assert.equal(git['revision'], 'flotilla-rendered');
    assert.deepEqual(git['directories'], [{ path: 'clusters/*' }]);
    const automated = appSet?.['spec']['template']['spec']['syncPolicy']['automated'];
    assert.deepEqual([automated['prune'], automated['allowEmpty']], [true, true]);
  });

  it("A branch per cluster: Flux follows the cluster's branch whole; Argo CD's Application the same branch", () => {
    const source = clusterBranchSourceFor('https://git.example.com/x.git', 'member1');
    assert.equal(source['spec']['ref']['branch'], 'flotilla-rendered-member1');
    assert.equal(source['spec']['sparseCheckout'], undefined, 'the branch holds one folder');
    assert.equal(source['metadata']['name'], fluxObjectsFor('', '').gitRepository['metadata']['name']);
    const argo = docObjects(clusterBranchSection).find((o) => o['kind'] === undefined);
    assert.equal(argo?.['spec']['source']['targetRevision'], 'flotilla-rendered-{{.path.basename}}');
  });
});
