// Command expectations makes the `want` of every case in ../round-trips.json with the library the
// go-yaml v2 emulation copies: sigs.k8s.io/yaml v1.6.0 (over go.yaml.in/yaml/v2 v2.4.4), the YAML
// package behind Karmada's fieldOverrider. Each case's `yaml` goes through YAMLToJSON, then
// JSONToYAML, exactly as the overrider reads and writes an embedded YAML value.
//
//	go run .          # rewrites ../round-trips.json with the library's output
//	go run . -check   # exits 1, naming each case, when a `want` differs from the library's output
//
// To add a case, append {"name", "yaml", "want": ""} to round-trips.json and run `go run .`.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

type roundTrip struct {
	Name string `json:"name"`
	YAML string `json:"yaml"`
	Want string `json:"want"`
}

const file = "../round-trips.json"

func main() {
	check := flag.Bool("check", false, "compare instead of rewriting")
	flag.Parse()
	data, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	var cases []roundTrip
	if err := json.Unmarshal(data, &cases); err != nil {
		fail(err)
	}
	differ := 0
	for i, c := range cases {
		j, err := yaml.YAMLToJSON([]byte(c.YAML))
		if err != nil {
			fail(fmt.Errorf("%s: YAMLToJSON: %w", c.Name, err))
		}
		y, err := yaml.JSONToYAML(j)
		if err != nil {
			fail(fmt.Errorf("%s: JSONToYAML: %w", c.Name, err))
		}
		if string(y) != c.Want {
			differ++
			fmt.Fprintf(os.Stderr, "%s: want %q, the library writes %q\n", c.Name, c.Want, string(y))
		}
		cases[i].Want = string(y)
	}
	if *check {
		if differ > 0 {
			os.Exit(1)
		}
		fmt.Printf("%d cases agree with sigs.k8s.io/yaml\n", len(cases))
		return
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cases); err != nil {
		fail(err)
	}
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("wrote %d cases (%d changed)\n", len(cases), differ)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}
