package web

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// docs/openapi.yaml describes exactly the live /api/v1 routes: every
// documented path and method is registered, and every registered one is documented.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	b, err := os.ReadFile("../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                          `yaml:"openapi"`
		Paths   map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("docs/openapi.yaml: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete":
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	_, s := newTestServer(t, nil)
	live := s.APIRoutes()
	if len(live) < 20 {
		t.Fatalf("only %d live routes: %v", len(live), live)
	}
	for _, r := range live {
		if !slices.Contains(documented, r) {
			t.Errorf("route %q is not in docs/openapi.yaml", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(live, d) {
			t.Errorf("docs/openapi.yaml documents %q, which is not a route", d)
		}
	}
}
