/**
 * Karmada's admission rules for override policies (pkg/util/validation/validation.go
 * ValidateOverrideSpec, emptyOverrides, ValidateOverrideRules, validateJSONPatchSubPaths,
 * validateYAMLPatchSubPaths, validateOverrideOperator; the webhooks of OverridePolicy and
 * ClusterOverridePolicy run the same function). The schema already refuses an unsupported field
 * selector key or operator, targetCluster beside overrideRules, and json beside yaml. As in
 * Karmada, the label, annotation, pointer and operator rules apply to `overrideRules` only, not to
 * the deprecated `spec.overriders`.
 */
import {
  isPlainObject,
  labelValueProblem,
  qualifiedNameProblem,
  type JSONPatchOperation,
  type OverrideSpec,
  type Overriders,
} from '../api/index.ts';
import type { PlacementProblem } from './placement-admission.ts';

type Path = readonly (string | number)[];

/** kube-apiserver's limit on the total size of annotations (apimachinery TotalAnnotationSizeLimitB). */
const totalAnnotationSizeLimit = 256 * 1024;
const utf8 = new TextEncoder();

/** The admission problems of an override spec. */
export function overrideSpecProblems(spec: OverrideSpec): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  if (spec.overrideRules !== undefined && spec.overriders !== undefined && !emptyOverriders(spec.overriders))
    out.push({
      path: ['spec', 'overriders'],
      message: "overrideRules and overriders can't co-exist; move the overriders into a rule",
    });
  for (const [i, rule] of (spec.overrideRules ?? []).entries())
    out.push(...ruleProblems(rule.overriders, ['spec', 'overrideRules', i, 'overriders']));
  return out;
}

/** Karmada emptyOverrides: fieldOverrider does not count. */
function emptyOverriders(o: Overriders): boolean {
  return (
    !o.plaintext?.length &&
    !o.imageOverrider?.length &&
    !o.commandOverrider?.length &&
    !o.argsOverrider?.length &&
    !o.labelsOverrider?.length &&
    !o.annotationsOverrider?.length
  );
}

function ruleProblems(o: Overriders | undefined, at: Path): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  (o?.annotationsOverrider ?? []).forEach((a, j) => {
    const value = a.value ?? {};
    let size = 0;
    for (const [k, v] of Object.entries(value)) {
      size += utf8.encode(k).length + utf8.encode(String(v)).length;
      const problem = qualifiedNameProblem(k.toLowerCase());
      if (problem)
        out.push({
          path: [...at, 'annotationsOverrider', j, 'value', k],
          message: `annotation key ${JSON.stringify(k)} ${problem}`,
        });
    }
    if (size > totalAnnotationSizeLimit)
      out.push({
        path: [...at, 'annotationsOverrider', j, 'value'],
        message: `annotations may not have more than ${totalAnnotationSizeLimit} bytes`,
      });
  });
  (o?.labelsOverrider ?? []).forEach((l, j) => {
    for (const [k, v] of Object.entries(l.value ?? {})) {
      const keyProblem = qualifiedNameProblem(k);
      if (keyProblem)
        out.push({
          path: [...at, 'labelsOverrider', j, 'value', k],
          message: `label key ${JSON.stringify(k)} ${keyProblem}`,
        });
      const valueProblem = labelValueProblem(v);
      if (valueProblem)
        out.push({
          path: [...at, 'labelsOverrider', j, 'value', k],
          message: `label value of ${JSON.stringify(k)} ${valueProblem}`,
        });
    }
  });
  (o?.imageOverrider ?? []).forEach((image, j) => {
    const path = image.predicate?.path;
    if (path !== undefined && !isPointer(path))
      out.push({
        path: [...at, 'imageOverrider', j, 'predicate', 'path'],
        message: pointerMessage('predicate path', path),
      });
  });
  (o?.fieldOverrider ?? []).forEach((f, j) => {
    const fAt = [...at, 'fieldOverrider', j];
    if (!f.json?.length && !f.yaml?.length)
      out.push({ path: fAt, message: 'FieldOverrider must have either JSON or YAML set' });
    if (!isPointer(f.fieldPath))
      out.push({ path: [...fAt, 'fieldPath'], message: pointerMessage('fieldPath', f.fieldPath) });
    out.push(...patchProblems(f.json, [...fAt, 'json']), ...patchProblems(f.yaml, [...fAt, 'yaml']));
  });
  return out;
}

/** validateJSONPatchSubPaths / validateYAMLPatchSubPaths and validateOverrideOperator. */
function patchProblems(ops: readonly JSONPatchOperation[] | undefined, at: Path): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  (ops ?? []).forEach((op, k) => {
    if (!isPointer(op.subPath))
      out.push({ path: [...at, k, 'subPath'], message: pointerMessage('subPath', op.subPath) });
    const hasValue = isPlainObject(op) && Object.hasOwn(op, 'value') && op.value !== undefined;
    if ((op.operator === 'add' || op.operator === 'replace') && !hasValue)
      out.push({ path: [...at, k], message: `value is required for ${op.operator} operation` });
    if (op.operator === 'remove' && hasValue)
      out.push({ path: [...at, k, 'value'], message: 'value is not allowed for remove operation' });
  });
  return out;
}

/** go-openapi jsonpointer.New: empty, or starting with "/". */
function isPointer(p: string): boolean {
  return p === '' || p.startsWith('/');
}

function pointerMessage(what: string, p: string): string {
  return `${what} ${JSON.stringify(p)} is not a JSON pointer: it must be empty or start with "/"`;
}
