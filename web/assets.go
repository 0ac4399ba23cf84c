package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
)

// asset is an embedded stylesheet served under a URL that changes with its
// content, so browsers may cache it forever.
type asset struct {
	body []byte
	url  string
}

// mustAsset loads file from fsys and names it urlDir/base.<sum>.css; a missing
// file stops the process at start, not at the first request.
func mustAsset(fsys embed.FS, file, urlDir string) asset {
	b, err := fsys.ReadFile(file)
	if err != nil {
		panic("web: embedded asset missing: " + err.Error())
	}
	sum := sha256.Sum256(b)
	base := strings.TrimSuffix(path.Base(file), ".css")
	return asset{body: b, url: urlDir + "/" + base + "." + hex.EncodeToString(sum[:6]) + ".css"}
}

// serve answers the asset under its checksummed URL only ({file} of the route).
func (a asset) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(a.url, "/"+r.PathValue("file")) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(a.body)
}
