/**
 * YAML text of the rendered tree that reads back identically under YAML 1.2 (the `yaml` library,
 * go-yaml v3 / kyaml in kustomize) and YAML 1.1 (go-yaml v2 behind sigs.k8s.io/yaml, which kubectl
 * and Flux use to turn YAML into JSON). A string that either schema would resolve to something
 * else (`yes`, `on`, `y`, `~`, `2026-08-01`, `1_000`, `0b101`, `0o17`, `012`, `1:20`, `0X1F`, `<<`)
 * is written quoted, as a value and as a map key.
 *
 * The quoting decisions are the libraries' own: the `yaml` library's 1.2 core schema, plus its
 * YAML 1.1 schema as `compat` (tag tests from yaml.org/type/{bool,int,float,null,timestamp,merge}),
 * plus the go-yaml v2 resolver already emulated for Karmada overrides (`resolvePlain`), which also
 * reads Go integer syntax (`0X1F`, `0B1`, `0o17`) that the 1.1 tag tests do not.
 */
import YAML, { Scalar } from 'yaml';
import { resolvePlain } from '../override/index.ts';
import { blockYaml } from './block-yaml.ts';

/**
 * YAML 1.1 treats NEL, LS and PS as line breaks (a quoted scalar folds them into spaces) and
 * go-yaml's reader refuses C1 controls and DEL; YAML 1.2 does neither. They are written escaped
 * inside double quotes, which both versions read as the character itself.
 */
const breaksOrControls = /[\u007f-\u009f\u2028\u2029]/;

/** One YAML document for a JSON value, portable across YAML 1.1 and 1.2 readers. */
export function portableYaml(value: unknown): string {
  return blockYaml(value, 'portable') ?? portableYamlByLibrary(value);
}

/** portableYaml as the `yaml` library writes it (block-yaml.ts writes the same bytes faster where it can). */
export function portableYamlByLibrary(value: unknown): string {
  const doc = new YAML.Document(value, { version: '1.2', compat: 'yaml-1.1', aliasDuplicateObjects: false });
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (resolvePlain(node.value).tag !== 'str' || breaksOrControls.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // Every string holding such a character is double-quoted above, so each one found here sits
  // inside a double-quoted scalar, where `\uXXXX` is an escape in both versions.
  return doc
    .toString({ lineWidth: 0 })
    .replace(new RegExp(breaksOrControls.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
