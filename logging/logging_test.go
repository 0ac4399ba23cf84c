package logging

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRequestIDOnEveryLine(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "info", "json")
	log.InfoContext(WithRequestID(context.Background(), "r-42"), "hello")
	log.With("k", "v").InfoContext(WithRequestID(context.Background(), "r-43"), "again")
	out := buf.String()
	if !strings.Contains(out, `"request_id":"r-42"`) || !strings.Contains(out, `"request_id":"r-43"`) {
		t.Fatalf("request ids missing: %s", out)
	}
	buf.Reset()
	New(&buf, "warn", "text").Info("hidden")
	if buf.Len() != 0 {
		t.Fatalf("info logged at warn level: %s", buf.String())
	}
}
