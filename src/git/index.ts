/** The public surface of src/git: reading trees, committing and pushing with isomorphic-git. */
export { GitRefUnreadable, readRef, resolveCommit } from './read-ref.ts';
