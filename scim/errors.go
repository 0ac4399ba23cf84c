package scim

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// RFC 7644 §3.12 scimType values used here.
const (
	typeInvalidFilter = "invalidFilter"
	typeInvalidSyntax = "invalidSyntax"
	typeInvalidPath   = "invalidPath"
	typeInvalidValue  = "invalidValue"
	typeNoTarget      = "noTarget"
	typeMutability    = "mutability"
	typeUniqueness    = "uniqueness"
	typeTooMany       = "tooMany"
)

// User-facing details are constants: the wrapped error goes to the log only.
const (
	detailInternal   = "internal error"
	detailNotFound   = "resource not found"
	detailConflict   = "a resource with this value already exists"
	detailPrecond    = "resource was modified (version mismatch)"
	detailTooLarge   = "request body too large"
	detailBadJSON    = "request body is not valid JSON"
	detailUnauthHTTP = "authentication required: a valid bearer token"
	detailUnavail    = "the service is temporarily unavailable; retry shortly"
)

// scimError is an error whose status, scimType and detail may be sent.
type scimError struct {
	status   int
	scimType string
	detail   string
}

func (e *scimError) Error() string { return "scim: " + strconv.Itoa(e.status) + " " + e.detail }

func badRequest(scimType, detail string) error {
	return &scimError{status: http.StatusBadRequest, scimType: scimType, detail: detail}
}

// errorBody is the RFC 7644 error message; status is a string.
type errorBody struct {
	Schemas  []string `json:"schemas"`
	ScimType string   `json:"scimType,omitempty"`
	Detail   string   `json:"detail"`
	Status   string   `json:"status"`
}

const errorURN = "urn:ietf:params:scim:api:messages:2.0:Error"

// writeError sends an RFC 7644 error body.
func writeError(w http.ResponseWriter, status int, scimType, detail string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(errorBody{
		Schemas: []string{errorURN}, ScimType: scimType, Detail: detail, Status: strconv.Itoa(status),
	})
}

// fail maps err to a SCIM error response. Errors we do not know are logged
// with the request id and answered with a generic 500.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var se *scimError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &se):
		writeError(w, se.status, se.scimType, se.detail)
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, "", detailTooLarge)
	case errors.Is(err, store.ErrUnavailable):
		// The database is away (restart, network): fail fast and tell the
		// IdP to retry; RFC 7644 §3.12 allows 503 with Retry-After.
		s.log.WarnContext(r.Context(), "scim request failed: database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "", detailUnavail)
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "", detailNotFound)
	case errors.Is(err, store.ErrVersionMismatch):
		writeError(w, http.StatusPreconditionFailed, "", detailPrecond)
	case store.ConflictOn(err, "user_name"):
		writeError(w, http.StatusConflict, typeUniqueness, "userName is already taken")
	case errors.Is(err, store.ErrConflict):
		writeError(w, http.StatusConflict, typeUniqueness, detailConflict)
	case store.UnknownAttr(err):
		writeError(w, http.StatusBadRequest, typeInvalidFilter, "filter names an unknown or unfilterable attribute")
	case errors.Is(err, store.ErrFilter):
		writeError(w, http.StatusBadRequest, typeInvalidFilter, filterDetail(err))
	case errors.Is(err, account.ErrInvalid):
		writeError(w, http.StatusBadRequest, typeInvalidValue, invalidDetail(err))
	default:
		s.log.ErrorContext(r.Context(), "scim request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "", detailInternal)
	}
}

// filterDetail names the refused attribute and reason; both come from the
// client's own filter, never from the database.
func filterDetail(err error) string {
	var fe *store.FilterError
	if errors.As(err, &fe) {
		return "invalid filter: " + fe.Attr + ": " + fe.Reason
	}
	return "invalid filter"
}

// invalidDetail keeps account's validation message (written for users),
// dropping the wrapping prefixes.
func invalidDetail(err error) string {
	const marker = "account: invalid: "
	msg := err.Error()
	if i := strings.Index(msg, marker); i >= 0 {
		return msg[i+len(marker):]
	}
	return "invalid value"
}
