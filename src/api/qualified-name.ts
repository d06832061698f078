/**
 * apimachinery's checks of label keys and values (k8s.io/apimachinery/pkg/util/validation
 * IsQualifiedName, IsValidLabelValue): one place for the loader, which reports why, and for label
 * selectors, which match nothing with a key or value Kubernetes would refuse.
 */

const dns1123SubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedNamePartRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** IsDNS1123Subdomain, as a yes or no. */
export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && dns1123SubdomainRe.test(s);
}

/** IsQualifiedName: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'may contain at most one "/"';
  const name = parts.at(-1) ?? '';
  const prefix = parts.length === 2 ? (parts[0] ?? '') : undefined;
  if (prefix !== undefined && (prefix === '' || !isDns1123Subdomain(prefix)))
    return 'has a prefix that is not a lowercase RFC 1123 subdomain';
  if (name === '' || name.length > 63) return 'must have a name part of 1 to 63 characters';
  return qualifiedNamePartRe.test(name)
    ? undefined
    : 'must consist of letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
}

/** IsValidLabelValue: empty, or at most 63 characters of the qualified-name alphabet. */
export function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value === '') return undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  return qualifiedNamePartRe.test(value)
    ? undefined
    : 'must consist of letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
}
