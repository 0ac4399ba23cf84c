package web

import (
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// apiFound reports whether a read of the one record a request names
// succeeded (err is nil); otherwise it has answered: 404 with notFound as
// the message for store.ErrNotFound, 500 for any other error.
func (s *Server) apiFound(w http.ResponseWriter, r *http.Request, err error, notFound string) bool {
	if err == nil {
		return true
	}
	s.writeFailed(w, r, err, notFound, "") // api.go: the one mapping of errors to answers
	return false
}

// consoleFound is apiFound for the console: a plain 404 page, or the
// console's error page.
func (s *Server) consoleFound(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, store.ErrNotFound):
		http.NotFound(w, r)
	default:
		s.consoleError(w, r, err)
	}
	return false
}
