package signin

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// signInPage answers GET /signin?id=: the form of one authorization request.
// Without an id it is the landing page (home.html): where a person who has
// just set a password learns how to sign in.
func (p *Provider) signInPage(w http.ResponseWriter, r *http.Request) {
	if !r.URL.Query().Has("id") {
		p.homePage(w, r)
		return
	}
	ar, cl, ok := p.pendingRequest(w, r, r.URL.Query().Get("id"))
	if !ok {
		return
	}
	d := p.signInData(r, ar, cl)
	d.UserName = ar.LoginHint
	allowFormAction(w, cl.redirectOrigins())
	p.render(w, r, http.StatusOK, "signin", d)
}

// signInSubmit answers POST /signin: counts the attempt, checks the
// password, completes the request and sends the browser on to pkg/op's
// callback, which redirects to the application with a code.
func (p *Provider) signInSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	ar, cl, ok := p.pendingRequest(w, r, r.PostForm.Get("id"))
	if !ok {
		return
	}
	allowFormAction(w, cl.redirectOrigins())
	name := r.PostForm.Get("username")
	d := p.signInData(r, ar, cl)
	d.UserName = name
	a := p.authenticateForm(w, r, "signin", d, name, r.PostForm.Get("password"), func() {
		p.Log.InfoContext(r.Context(), "sign-in refused", "client", ar.ClientID)
	})
	if a == nil {
		return
	}
	done := signedIn(ar, a.ID) // the first row this request writes (pending.go)
	if err := p.Store.CreateAuthRequest(r.Context(), done); err != nil {
		p.pageError(w, r, err)
		return
	}
	p.Log.InfoContext(r.Context(), "signed in", "account", a.ID, "client", ar.ClientID)
	p.bindCallback(w, done.ID)
	http.Redirect(w, r, p.Issuer()+"/authorize/callback?id="+url.QueryEscape(done.ID), http.StatusSeeOther)
}

// pendingRequest opens an authorization request that is waiting for a
// sign-in (sealed in its id, pending.go), with its client; it answers 410
// itself when there is none.
func (p *Provider) pendingRequest(w http.ResponseWriter, r *http.Request, id string) (*store.AuthRequest, *client, bool) {
	ar, err := p.openRequest(id)
	var c *store.OIDCClient
	if err == nil {
		c, err = p.Store.OIDCClientByID(r.Context(), ar.ClientID)
	}
	if errors.Is(err, store.ErrNotFound) || (err == nil && c.Disabled) {
		p.pageGone(w, r)
		return nil, nil, false
	}
	if err != nil {
		p.pageError(w, r, err)
		return nil, nil, false
	}
	return ar, newClient(c, nil), true
}

func (p *Provider) signInData(r *http.Request, ar *store.AuthRequest, cl *client) *pageData {
	d := p.newPage(r, ar.UILocales)
	d.Action, d.RequestID, d.Client = "/signin", ar.ID, cl.c.Name
	d.ForgotURL = "/signin/forgot?" + url.Values{"id": {ar.ID}, "lang": {d.Lang}}.Encode()
	return d
}
