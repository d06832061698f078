/** Ownership marks on every object flotilla applies (DESIGN "Contracts"); nothing else spells them (R4). */
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const managedByValue = 'flotilla';
export const bindingAnnotation = 'flotilla.io/binding';
export const revisionAnnotation = 'flotilla.io/revision';
export const pruneAnnotation = 'flotilla.io/prune';
export const fieldManager = 'flotilla';
/** The namespace of the Works of a cluster, as Karmada's execution namespaces. */
export const executionNamespacePrefix = 'karmada-es-';
