package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Role is an admin's power: owner > admin > viewer.
type Role int

// Roles, weakest first.
const (
	RoleViewer Role = iota
	RoleAdmin
	RoleOwner
)

// ParseRole maps the stored role name to a Role (unknown: viewer).
func ParseRole(s string) Role {
	switch s {
	case "owner":
		return RoleOwner
	case "admin":
		return RoleAdmin
	}
	return RoleViewer
}

// Principal is the authenticated admin of a request.
type Principal struct {
	Actor   string // audit form, e.g. "admin:ada@example.com" or "token:bootstrap"
	Role    Role
	AdminID string // the console admin; "" for an API token without one
	Email   string // the console admin's address
}

type principalKey struct{}

// PrincipalFrom returns the request's admin; ok is false when anonymous.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// admin authenticates an admin API token (or, later, a console session) and
// requires at least role min.
func (s *Server) admin(min Role, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.authenticate(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="provisiond"`)
			writeError(w, r, http.StatusUnauthorized, "unauthorized", "a valid admin token is required")
			return
		}
		if p.Role < min {
			writeError(w, r, http.StatusForbidden, "forbidden", "your role does not allow this action")
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	})
}

func (s *Server) authenticate(r *http.Request) (Principal, bool) {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || tok == "" {
		return s.sessionPrincipal(r)
	}
	t, err := s.Store.AdminTokenByHash(r.Context(), secret.TokenHash(strings.TrimSpace(tok)))
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.Log.ErrorContext(r.Context(), "admin token lookup", "err", err)
		}
		return Principal{}, false
	}
	return Principal{Actor: "token:" + t.Name, Role: ParseRole(t.Role)}, true
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// apiError is the admin API's error body (docs/openapi.yaml, components.responses.Error).
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers {"error": {"code", "message"}}. message must be safe to show.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	var e apiError
	e.Error.Code, e.Error.Message = code, message
	writeJSON(w, status, e)
}

// writeFailed answers the error of a write: 400 invalid_field with the text
// of a refused field (*store.InvalidError), 404 with notFound, 409 with
// conflict (when not "") and otherwise internalError.
func (s *Server) writeFailed(w http.ResponseWriter, r *http.Request, err error, notFound, conflict string) {
	e, invalid := store.AsInvalid(err)
	switch {
	case invalid:
		writeError(w, r, http.StatusBadRequest, "invalid_field", e.Error())
	case errors.Is(err, store.ErrNotFound):
		writeError(w, r, http.StatusNotFound, "not_found", notFound)
	case errors.Is(err, store.ErrConflict) && conflict != "":
		writeError(w, r, http.StatusConflict, "conflict", conflict)
	default:
		s.internalError(w, r, err)
	}
}

// refusal is the API's answer to one known error.
type refusal struct {
	err           error
	status        int
	code, message string
}

// refuse answers with the first of known whose error err is, and reports
// whether there was one.
func refuse(w http.ResponseWriter, r *http.Request, err error, known []refusal) bool {
	for _, k := range known {
		if errors.Is(err, k.err) {
			writeError(w, r, k.status, k.code, k.message)
			return true
		}
	}
	return false
}

// internalError logs err with the request id and answers a generic 500.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrUnavailable) {
		s.Log.WarnContext(r.Context(), "database unavailable", "err", err)
		writeError(w, r, http.StatusServiceUnavailable, "unavailable", "the database is unavailable; retry shortly")
		return
	}
	s.Log.ErrorContext(r.Context(), "internal error", "err", err, "path", r.URL.Path)
	writeError(w, r, http.StatusInternalServerError, "internal", "internal error")
}

// page reads limit and offset (limit 1..500, default 50).
func page(r *http.Request) (limit, offset int) {
	limit, _ = strconv.Atoi(r.URL.Query().Get("limit"))
	offset, _ = strconv.Atoi(r.URL.Query().Get("offset"))
	if limit <= 0 {
		limit = 50
	}
	if limit > 500 {
		limit = 500
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// list is the shape of every list response.
type list[T any] struct {
	Items []T   `json:"items"`
	Total int64 `json:"total"`
}

// answerList is writeList for the result of a read: 500 (internalError)
// when err is not nil.
func answerList[T, J any](s *Server, w http.ResponseWriter, r *http.Request, items []T, total int64, err error, toJSON func(*T) J) {
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeList(w, items, total, toJSON)
}

// answerOne answers a read of the one record a request names: 200 with it
// as toJSON shows it, or the failure (apiFound, notFound for a 404).
func answerOne[T, J any](s *Server, w http.ResponseWriter, r *http.Request, row *T, err error, notFound string, toJSON func(*T) J) {
	if s.apiFound(w, r, err, notFound) {
		writeJSON(w, http.StatusOK, toJSON(row))
	}
}

// writeList answers 200 with a list response: every one of items as toJSON
// shows it, and total (all the matching rows, not only this page).
func writeList[T, J any](w http.ResponseWriter, items []T, total int64, toJSON func(*T) J) {
	out := list[J]{Items: make([]J, 0, len(items)), Total: total}
	for i := range items {
		out.Items = append(out.Items, toJSON(&items[i]))
	}
	writeJSON(w, http.StatusOK, out)
}
