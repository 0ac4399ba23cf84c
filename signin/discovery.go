package signin

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
)

// deviceAuthorizationPath is the OpenID provider library's device flow
// endpoint (RFC 8628), which it advertises and routes whether or not the
// storage implements that flow. Ours does not: the endpoint answers 404
// and discovery does not name it, so that no client tries it.
const deviceAuthorizationPath = "/device_authorization"

const (
	deviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"
	implicitGrant   = "implicit"
	jwtBearerGrant  = "urn:ietf:params:oauth:grant-type:jwt-bearer" // storage.go refuses the JWT profile
)

// hideUnserved removes what the provider cannot serve from discovery and
// from the routes, and what it does not offer: pkg/op's discovery always
// lists the implicit grant and the id_token response types, which the
// OAuth 2.0 Security BCP (RFC 9700) retires and no client of ours accepts
// (client.ResponseTypes): only the code flow is advertised.
func hideUnserved(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case deviceAuthorizationPath:
			http.NotFound(w, r)
		case "/.well-known/openid-configuration":
			serveEditedDiscovery(w, r, next, func(doc map[string]any) {
				delete(doc, "device_authorization_endpoint")
				if gts, ok := doc["grant_types_supported"].([]any); ok {
					doc["grant_types_supported"] = slices.DeleteFunc(gts, func(v any) bool {
						return v == deviceCodeGrant || v == implicitGrant || v == jwtBearerGrant
					})
				}
				doc["response_types_supported"] = []string{"code"}
				// Back-Channel Logout 1.0: backchannel/ sends logout tokens,
				// with the sid of ID tokens (backchannel.go).
				doc["backchannel_logout_supported"] = true
				doc["backchannel_logout_session_supported"] = true
			})
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// serveEditedDiscovery serves next's discovery document with edit applied
// to it; a document that is not a 200 JSON object goes out as next wrote it.
func serveEditedDiscovery(w http.ResponseWriter, r *http.Request, next http.Handler, edit func(doc map[string]any)) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(rec, r)
	body := rec.body.Bytes()
	var doc map[string]any
	if rec.status == http.StatusOK && json.Unmarshal(body, &doc) == nil {
		edit(doc)
		if b, err := json.Marshal(doc); err == nil {
			body = b
		}
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.status)
	w.Write(body)
}

// recorder buffers a small response (the discovery document).
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
