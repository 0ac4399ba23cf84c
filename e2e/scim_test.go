package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// scimClient posts to the replicas the way an IdP behind a load balancer
// does: a request that fails (no answer, 5xx) is retried, each time on the
// next replica.
type scimClient struct {
	token string
	urls  []string
	http  *http.Client
}

func newSCIMClient(token string, rs []*replica) *scimClient {
	c := &scimClient{token: token, http: &http.Client{Timeout: 20 * time.Second}}
	for _, r := range rs {
		c.urls = append(c.urls, r.url)
	}
	return c
}

// userBody is a SCIM User whose userName and email are n-based.
func userBody(n int) []byte {
	b, _ := json.Marshal(map[string]any{
		"schemas":    []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
		"userName":   fmt.Sprintf("user%05d@example.com", n),
		"externalId": fmt.Sprintf("ext-%05d", n),
		"name":       map[string]string{"givenName": "User", "familyName": fmt.Sprint(n)},
		"emails":     []map[string]any{{"value": fmt.Sprintf("user%05d@example.com", n), "type": "work", "primary": true}},
		"active":     true,
	})
	return b
}

// post sends one request to replica i and returns the status (0: no answer).
func (c *scimClient) post(i int, path string, body []byte) (int, []byte) {
	req, _ := http.NewRequest(http.MethodPost, c.urls[i%len(c.urls)]+"/scim/v2"+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/scim+json")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// createUser posts user n starting on replica start, retrying on the next
// replica while the answer is missing or 5xx. A 409 after a retry means an
// earlier attempt did create the user: the IdP then looks it up, so it
// counts as created. It returns the final status and the statuses seen.
func (c *scimClient) createUser(n, start int) (int, []int) {
	var seen []int
	for attempt := range 6 {
		st, _ := c.post(start+attempt, "/Users", userBody(n))
		seen = append(seen, st)
		if st != 0 && st < 500 {
			return st, seen
		}
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond) // client backoff
	}
	return seen[len(seen)-1], seen
}

// createUsers creates users 0..n-1, parallel at a time, spread over the
// replicas; every one must end 201.
func (c *scimClient) createUsers(t interface {
	Helper()
	Fatalf(string, ...any)
}, n, parallel int) {
	t.Helper()
	errs := make(chan string, n)
	sem := make(chan struct{}, parallel)
	for i := range n {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			if st, seen := c.createUser(i, i); st != http.StatusCreated {
				errs <- fmt.Sprintf("user %d: %v", i, seen)
			}
		}()
	}
	for range parallel {
		sem <- struct{}{}
	}
	close(errs)
	for e := range errs {
		t.Fatalf("create users: %s", e)
	}
}
