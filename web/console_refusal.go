package web

import (
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// formRefusal is what a console form shows when a write fails with err: a
// refused field's text (*store.InvalidError, status 400) or conflict for
// store.ErrConflict (409, when conflict is not ""). For any other error it
// answers itself (404, or the console's error page) and returns ok false.
func (s *Server) formRefusal(w http.ResponseWriter, r *http.Request, err error, conflict string) (msg string, status int, ok bool) {
	e, invalid := store.AsInvalid(err)
	switch {
	case invalid:
		return e.Error(), http.StatusBadRequest, true
	case errors.Is(err, store.ErrConflict) && conflict != "":
		return conflict, http.StatusConflict, true
	case errors.Is(err, store.ErrNotFound):
		http.NotFound(w, r)
	default:
		s.consoleError(w, r, err)
	}
	return "", 0, false
}
