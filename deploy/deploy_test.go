package deploy

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestManifestsParse(t *testing.T) {
	files, _ := filepath.Glob("kubernetes/*.yaml")
	files = append(files, "compose.yaml")
	if len(files) < 7 {
		t.Fatalf("expected the kubernetes manifests and compose.yaml, found %v", files)
	}
	kinds := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for {
			var doc map[string]any
			err := dec.Decode(&doc)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if strings.HasPrefix(f, "kubernetes/") {
				k, _ := doc["kind"].(string)
				if k == "" || doc["apiVersion"] == nil || doc["metadata"] == nil {
					t.Errorf("%s: not a Kubernetes object", f)
				}
				kinds[k] = true
			} else if doc["services"] == nil {
				t.Errorf("%s: no services", f)
			}
		}
	}
	for _, k := range []string{"Deployment", "Service", "Secret", "ConfigMap", "CronJob", "PodDisruptionBudget"} {
		if !kinds[k] {
			t.Errorf("no %s manifest", k)
		}
	}
	unit, err := os.ReadFile("systemd/provisiond.service")
	if err != nil || !bytes.Contains(unit, []byte("ExecStart=/usr/local/bin/provisiond serve")) {
		t.Errorf("systemd unit: %v", err)
	}
}
