package web

import (
	"net/http"
	"slices"
)

// APIRoutes lists the patterns of the admin API ("METHOD /api/v1/..."), as
// apiRoutes registers them, sorted. docs/openapi.yaml is checked against it.
func (s *Server) APIRoutes() []string {
	saved := s.apiPatterns
	s.apiPatterns = nil
	s.apiRoutes(http.NewServeMux())
	out := slices.Clone(s.apiPatterns)
	s.apiPatterns = saved
	slices.Sort(out)
	return out
}
