package web

import (
	"context"
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// byIntegration is a console list narrowed by ?status=, ?q= and
// ?integration=, one page at ?offset=: the accounts and invitations pages.
type byIntegration[T any] struct {
	Status, Q, IntegrationID string
	Offset                   int
	Rows                     []T
	Total                    int64
	Integrations             []store.Integration // for the integration filter
}

// listByIntegration reads the filters of r, calls list with them and loads
// the integrations for the filter. On an error it has shown the console
// error page and returns false.
func listByIntegration[T any](s *Server, w http.ResponseWriter, r *http.Request,
	list func(ctx context.Context, status, q, integrationID string, offset int) ([]T, int64, error)) (byIntegration[T], bool) {
	q := r.URL.Query()
	l := byIntegration[T]{Status: q.Get("status"), Q: q.Get("q"), IntegrationID: q.Get("integration"), Offset: consoleOffset(q)}
	var err error
	if l.Rows, l.Total, err = list(r.Context(), l.Status, l.Q, l.IntegrationID, l.Offset); err == nil {
		l.Integrations, err = s.Store.Integrations(r.Context())
	}
	if err != nil {
		s.consoleError(w, r, err)
		return l, false
	}
	return l, true
}
