/** The public surface of src/load/schema: JSON Schema validation of Karmada objects and flotilla.yaml. */
export { validateAgainstSchema, compareIssues } from './validate.ts';
export { displayPath, suggestionFor, type SchemaIssue } from './issue.ts';
export { schemaKinds, type SchemaKind } from './schemas.ts';
