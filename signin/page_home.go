package signin

import "net/http"

// homePage answers GET /signin without an authorization request: the
// landing page the claim, sign-up and code pages link to when no
// application URL is configured. Signing in always starts at an
// application (an authorization request), so this page says so, links to
// the application when there is one, and offers what works without one:
// changing the password and the forgotten-password mail. It shows nothing
// personal, so anyone may open it.
func (p *Provider) homePage(w http.ResponseWriter, r *http.Request) {
	d := p.newPage(r)
	d.Client = p.OrgName
	p.render(w, r, http.StatusOK, "home", d)
}
