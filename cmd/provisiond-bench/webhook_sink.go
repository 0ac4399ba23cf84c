package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// webhookSink is the application of the invite-all measure with a webhook:
// an HTTP server on 127.0.0.1 that answers 204 to every delivery and counts
// the events by Provisiond-Event-Id (duplicates: an id seen twice). It
// checks no signature: the measure is the server's cost, not the receiver's.
type webhookSink struct {
	srv      *http.Server
	addr     string
	arrivals // by Provisiond-Event-Id
}

// newWebhookSink listens on a free port of 127.0.0.1 until close.
func newWebhookSink(want int) (*webhookSink, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &webhookSink{addr: l.Addr().String(), arrivals: newArrivals(want)}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: time.Minute}
	go s.srv.Serve(l)
	return s, nil
}

func (s *webhookSink) url() string { return "http://" + s.addr + "/hooks" }
func (s *webhookSink) close()      { s.srv.Close() }

// ServeHTTP counts one delivery.
func (s *webhookSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
	s.add(r.Header.Get("Provisiond-Event-Id"))
	w.WriteHeader(http.StatusNoContent)
}

// registerWebhook registers url for events through the admin API, as an
// admin would (POST /api/v1/webhooks).
func registerWebhook(baseURL, token, url string, events ...string) error {
	body, err := json.Marshal(map[string]any{"url": url, "events": events, "description": "provisiond-bench sink"})
	if err != nil {
		return err
	}
	req, err := http.NewRequest("POST", baseURL+"/api/v1/webhooks", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		return fmt.Errorf("register webhook: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("register webhook: status %d: %s", resp.StatusCode, strings.TrimSpace(string(b)))
	}
	return nil
}
