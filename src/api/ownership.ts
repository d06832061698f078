/** Ownership marks on every object flotilla applies (DESIGN "Contracts"); nothing else spells them (R4). */
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const managedByValue = 'flotilla';
export const bindingAnnotation = 'flotilla.io/binding';
/**
 * The source revision: on the member's inventory ConfigMap only (src/cluster/inventory.ts). Applied
 * objects, Works and the rendered tree never carry it, so a commit rewrites only what it changes.
 */
export const revisionAnnotation = 'flotilla.io/revision';
/**
 * A hash of the manifest as rendered, stamped by flotilla's own apply (src/cluster, never in Works
 * or the rendered tree): an object whose live hash matches is not rewritten, and a difference
 * from it is drift rather than a new desired state.
 */
export const manifestHashAnnotation = 'flotilla.io/manifest-hash';
export const pruneAnnotation = 'flotilla.io/prune';
export const fieldManager = 'flotilla';
/** The namespace of the Works of a cluster, as Karmada's execution namespaces. */
export const executionNamespacePrefix = 'karmada-es-';
/**
 * Karmada's annotation naming how a Work resolves a conflict with a member object it did not
 * create (work/v1alpha2 well_known_constants.go ResourceConflictResolutionAnnotation): on a
 * template it overrides the policy's `conflictResolution`; flotilla writes it on each Work.
 */
export const conflictResolutionAnnotation = 'work.karmada.io/conflict-resolution';
