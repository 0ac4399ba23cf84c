package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// errNoUpload: the request carries no readable multipart field "file"
// (not multipart, no such field, or larger than the limit).
var errNoUpload = errors.New("web: no uploaded file")

// readUpload reads the multipart field "file" of a request bounded to limit
// bytes: the file's name and its contents. An error wraps errNoUpload when
// the field itself is missing; any other error is one reading it.
func readUpload(w http.ResponseWriter, r *http.Request, limit int64) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", errNoUpload, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", nil, fmt.Errorf("web: read uploaded file: %w", err)
	}
	return hdr.Filename, data, nil
}

// apiImportUpload is readUpload for the API's imports (csv or xlsx, at most
// maxImportBytes), answering 400 itself when there is no file to read.
func apiImportUpload(w http.ResponseWriter, r *http.Request) (string, []byte, bool) {
	name, data, err := readUpload(w, r, maxImportBytes)
	switch {
	case errors.Is(err, errNoUpload):
		writeError(w, r, http.StatusBadRequest, "invalid_body", `send the file as multipart/form-data field "file" (csv or xlsx, at most 20 MB)`)
		return "", nil, false
	case err != nil:
		writeError(w, r, http.StatusBadRequest, "invalid_body", "the file could not be read")
		return "", nil, false
	}
	return name, data, true
}
