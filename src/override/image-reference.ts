/**
 * Container image references as Karmada's pkg/util/imageparser reads them: distribution/reference's
 * grammar (`[host[:port]/]path[:tag][@digest]`), then the host split again by Karmada's
 * SplitHostname, so only a first segment containing '.' or ':' or equal to 'localhost' is a
 * registry. Nothing is normalised: `nginx` stays `nginx` (no `docker.io/library/`).
 */

/** The parts of an image. A reference carrying both a tag and a digest keeps only the tag (Karmada's Parse checks Tagged first). */
export interface ImageComponents {
  readonly hostname: string;
  readonly repository: string;
  readonly tag: string;
  readonly digest: string;
}

/** Parsed components, or why the text is not an image reference. */
export type ImageParse =
  | { readonly kind: 'Parsed'; readonly image: ImageComponents }
  | { readonly kind: 'Invalid'; readonly reason: string };

// distribution/reference regexp.go, restated.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const referenceRegexp = new RegExp(
  `^((?:${domainAndPort}/)?${remoteName})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`,
);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredTag = new RegExp(`^${tagPattern}$`);
const anchoredDigest = new RegExp(`^${digestPattern}$`);
/** opencontainers/go-digest algorithms Karmada links in (imageparser imports sha256 and sha512): hex length. */
const digestHexLength: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const repositoryNameTotalLengthMax = 255;

/** Parses an image reference as Karmada's imageparser.Parse does. */
export function parseImage(image: string): ImageParse {
  if (image === '') return invalid('repository name must have at least one component');
  const m = referenceRegexp.exec(image);
  if (!m) {
    const lower = image.toLowerCase();
    if (lower !== image && referenceRegexp.test(lower)) return invalid('repository name must be lowercase');
    return invalid('invalid reference format');
  }
  const name = m[1] ?? '';
  const nm = anchoredNameRegexp.exec(name);
  const path = nm ? (nm[2] ?? '') : name;
  if (path.length > repositoryNameTotalLengthMax)
    return invalid(`repository name must not be more than ${repositoryNameTotalLengthMax} characters`);
  const digest = m[3] ?? '';
  if (digest !== '') {
    const problem = digestProblem(digest);
    if (problem) return invalid(problem);
  }
  const { hostname, repository } = splitHostname(name);
  const tag = m[2] ?? '';
  return { kind: 'Parsed', image: { hostname, repository, tag, digest: tag !== '' ? '' : digest } };
}

/** go-digest Parse: a known algorithm and a lowercase hex string of its length. */
function digestProblem(digest: string): string | undefined {
  const i = digest.indexOf(':');
  const algorithm = digest.slice(0, i);
  const encoded = digest.slice(i + 1);
  const size = digestHexLength[algorithm];
  if (size === undefined) return `unsupported digest algorithm ${algorithm}`;
  if (encoded.length !== size || !/^[a-f0-9]+$/.test(encoded)) return 'invalid checksum digest format';
  return undefined;
}

/** Karmada imageparser.SplitHostname: the first segment is a registry only if it has '.' or ':' or is 'localhost'. */
export function splitHostname(name: string): { hostname: string; repository: string } {
  const i = name.indexOf('/');
  if (i < 0) return { hostname: '', repository: name };
  const first = name.slice(0, i);
  if (!/[.:]/.test(first) && first !== 'localhost') return { hostname: '', repository: name };
  return { hostname: first, repository: name.slice(i + 1) };
}

/** Formats components as Karmada's Components.String: `[host/]repo[:tag | @digest]`. */
export function formatImage(c: ImageComponents): string {
  const full = c.hostname === '' ? c.repository : `${c.hostname}/${c.repository}`;
  if (c.tag !== '') return `${full}:${c.tag}`;
  if (c.digest !== '') return `${full}@${c.digest}`;
  return full;
}

/** Karmada SetTagOrDigest: a valid tag replaces tag and digest, a valid digest likewise; anything else changes nothing. */
export function withTagOrDigest(c: ImageComponents, input: string): ImageComponents {
  if (anchoredTag.test(input)) return { ...c, tag: input, digest: '' };
  if (anchoredDigest.test(input)) return { ...c, tag: '', digest: input };
  return c;
}

/** Karmada TagOrDigest: the tag when set, else the digest. */
export function tagOrDigest(c: ImageComponents): string {
  return c.tag !== '' ? c.tag : c.digest;
}

/** Karmada RemoveTagOrDigest: drops the tag when set, else the digest. */
export function withoutTagOrDigest(c: ImageComponents): ImageComponents {
  return c.tag !== '' ? { ...c, tag: '' } : { ...c, digest: '' };
}

function invalid(reason: string): ImageParse {
  return { kind: 'Invalid', reason };
}
