package scim

import (
	"net/http"
	"strings"
)

// endpoints are the first path segments after Prefix, in their canonical
// case: Entra's tests send /users, and resource endpoints are not meant to
// be case-sensitive in practice.
var endpoints = []string{"Users", "Groups", "ServiceProviderConfig", "serviceConfiguration", "ResourceTypes", "Schemas"}

func canonicalPath(r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, Prefix+"/")
	if !ok {
		return
	}
	seg, tail, _ := strings.Cut(rest, "/")
	for _, e := range endpoints {
		if seg != e && strings.EqualFold(seg, e) {
			r.URL.Path = Prefix + "/" + e
			if strings.Contains(rest, "/") {
				r.URL.Path += "/" + tail
			}
			r.URL.RawPath = ""
			return
		}
	}
}
