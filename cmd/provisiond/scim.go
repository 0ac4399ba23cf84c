package main

import "net/http"

// newSCIMHandler builds the SCIM server; nil until the scim package is wired.
func newSCIMHandler(a *app) http.Handler { return nil }
