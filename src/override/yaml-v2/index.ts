/**
 * go-yaml v2 as Karmada's fieldOverrider sees it (sigs.k8s.io/yaml v1.6.0 over go.yaml.in/yaml/v2 v2.4.4):
 * read an embedded YAML value as YAMLToJSON does, write one back byte for byte as JSONToYAML does.
 * The round-trip expectations in round-trips.json come from that library: expectations/main.go makes
 * (and checks) them.
 */
export { decodeYamlV2 } from './decode.ts';
export { encodeYamlV2, formatGoFloat } from './encode.ts';
export { compareYamlV2Keys } from './key-order.ts';
