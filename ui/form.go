package ui

import "net/http"

// MaxFormBytes bounds the body of every page's form.
const MaxFormBytes = 16 << 10

// ParseForm reads the form of a page's POST, at most MaxFormBytes. When it
// cannot, it answers 400 and reports false: the handler just returns.
func ParseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return false
	}
	return true
}
