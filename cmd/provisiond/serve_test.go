package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serve starts with no configuration (embedded default), answers, and stops
// promptly when its context is canceled (what SIGTERM does).
func TestServeEmbeddedDefaultAndGracefulStop(t *testing.T) {
	dir := inTempDir(t)
	addr := freeAddr(t)
	t.Setenv("PROVISIOND_LISTEN", addr)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() { done <- run(ctx, []string{"serve"}, &bytes.Buffer{}, &stderr) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s")
	}
	_ = dir
	if strings.Contains(stderr.String(), "secret") && strings.Contains(stderr.String(), "key=") {
		t.Fatalf("logs mention the key: %s", stderr.String())
	}
}
