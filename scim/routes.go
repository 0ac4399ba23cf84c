package scim

import "net/http"

// groupsMounter is implemented by groups*.go; routes mounts it when present
// so this file compiles with or without the Groups handlers.
type groupsMounter interface{ mountGroups(mux *http.ServeMux) }

// routes is the whole route table (see doc.go).
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	p := Prefix
	mux.HandleFunc("GET "+p+"/ServiceProviderConfig", s.serviceProviderConfig)
	mux.HandleFunc("GET "+p+"/serviceConfiguration", s.serviceProviderConfig)
	mux.HandleFunc("GET "+p+"/ResourceTypes", s.resourceTypes)
	mux.HandleFunc("GET "+p+"/ResourceTypes/{id}", s.resourceType)
	mux.HandleFunc("GET "+p+"/Schemas", s.schemas)
	mux.HandleFunc("GET "+p+"/Schemas/{id}", s.schema)
	mux.HandleFunc("GET "+p+"/{$}", s.listRoot)
	mux.HandleFunc("POST "+p+"/.search", s.searchRoot)
	mux.HandleFunc("GET "+p+"/Users", s.listUsers)
	mux.HandleFunc("GET "+p+"/Users/{$}", s.listUsers)
	mux.HandleFunc("POST "+p+"/Users/.search", s.searchUsers)
	mux.HandleFunc("POST "+p+"/Users", s.createUser)
	mux.HandleFunc("GET "+p+"/Users/{id}", s.getUser)
	mux.HandleFunc("PUT "+p+"/Users/{id}", s.replaceUser)
	mux.HandleFunc("PATCH "+p+"/Users/{id}", s.patchUser)
	mux.HandleFunc("DELETE "+p+"/Users/{id}", s.deleteUser)
	if g, ok := any(s).(groupsMounter); ok {
		g.mountGroups(mux)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// This catch-all shadows ServeMux's own 405: tell the two apart.
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "/" {
				writeError(w, http.StatusMethodNotAllowed, "", "method not allowed on this endpoint")
				return
			}
		}
		writeError(w, http.StatusNotFound, "", "no such endpoint")
	})
	return mux
}
