package scim

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/logging"
)

const contentType = "application/scim+json"

// writeJSON sends v as application/scim+json.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeError(w, http.StatusInternalServerError, "", detailInternal)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// readBody reads the whole (size-limited) body. A body over the limit is a
// *http.MaxBytesError, which fail maps to 413.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, badRequest(typeInvalidSyntax, "request body is empty")
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		return nil, badRequest(typeInvalidSyntax, "request body could not be read")
	}
	return b, nil
}

// decodeJSON reads the body into v (a map or struct); malformed JSON is 400 invalidSyntax.
func decodeJSON(r *http.Request, v any) error {
	b, err := readBody(r)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return badRequest(typeInvalidSyntax, detailBadJSON)
	}
	if dec.More() {
		return badRequest(typeInvalidSyntax, detailBadJSON)
	}
	return nil
}

// etag is the weak ETag of a resource version (meta.version carries the same).
func etag(version int64) string { return `W/"` + strconv.FormatInt(version, 10) + `"` }

// ifMatchVersion parses If-Match: 0 when absent or "*"; a 412 error when the
// tag is not one of ours (it can then match no version).
func ifMatchVersion(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	for _, tag := range strings.Split(h, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if v, err := strconv.ParseInt(strings.Trim(tag, `"`), 10, 64); err == nil && v > 0 {
			return v, nil
		}
	}
	return -1, &scimError{status: http.StatusPreconditionFailed, detail: detailPrecond}
}

// ifMatch is ifMatchVersion for a write to a user, answering 412 itself
// when the header names no usable version.
func (s *Server) ifMatch(w http.ResponseWriter, r *http.Request) (int64, bool) {
	expect, err := ifMatchVersion(r)
	if err != nil {
		s.fail(w, r, err)
		return 0, false
	}
	return expect, true
}

// withRequestID makes sure the context carries a request id for the logs
// (web sets one; direct use in tests may not).
func withRequestID(w http.ResponseWriter, r *http.Request) *http.Request {
	if logging.RequestID(r.Context()) != "" {
		return r
	}
	b := make([]byte, 8)
	rand.Read(b)
	id := hex.EncodeToString(b)
	w.Header().Set("X-Request-Id", id)
	return r.WithContext(logging.WithRequestID(r.Context(), id))
}

// recoverPanic turns a panic in a handler into a logged, generic 500.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	s.log.ErrorContext(r.Context(), "scim panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
	writeError(w, http.StatusInternalServerError, "", detailInternal)
}
