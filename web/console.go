package web

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// The admin console: server-rendered pages under /admin/ that work without
// JavaScript. Each page is parsed with ui's layout and the console's frame
// (templates/console/frame.html: its blocks of the layout and its partials)
// when the package loads, so a broken one stops the program at start. Texts
// come from ui's catalog (ui/catalog/*.json).

//go:embed templates/console/*.html static/console.css
var consoleFS embed.FS

// consolePageNames lists every console template (templates/console/NAME.html).
var consolePageNames = []string{"login", "dashboard", "integrations", "integration", "token",
	"accounts", "invitations", "link", "code", "audit", "forbidden", "links", "sync_run", "import", "invite_all", "preview", "account", "admins", "breaker",
	"account_new", "account_import", "account_edit", "clients", "webhooks", "webhook", "admin_tokens", "link_edit",
	"oauth_secret"}

var consoleTemplates = ui.MustParse(consoleFS, "templates/console", consolePageNames, consoleFuncs, "templates/console/frame.html")

var consoleFuncs = template.FuncMap{
	"key":   func(parts ...string) string { return strings.Join(parts, ".") },
	"when":  formatWhen,
	"add":   func(a, b int) int { return a + b },
	"roles": func(any) []string { return []string{"viewer", "admin", "owner"} },
	"dict_settings": func(lang string, autoInvite bool, delay, reminder int, approval bool) settingsForm {
		return settingsForm{Lang: lang, AutoInvite: autoInvite, DelaySeconds: delay, ReminderDays: reminder, RequireApproval: approval}
	},
}

// settingsForm feeds the integration_settings partial.
type settingsForm struct {
	Lang            string
	AutoInvite      bool
	DelaySeconds    int
	ReminderDays    int
	RequireApproval bool
}

// consoleData is what console templates receive; Page holds the page's own data.
type consoleData struct {
	ui.Frame
	ConsoleCSS string
	Nav        string // the current section, for aria-current
	Admin      Principal
	CanWrite   bool // admin or owner: show the forms that change things
	Flash      string
	Error      string
	OIDC       bool // login page: offer the OpenID provider
	Next       string
	Refresh    bool                  // reload every 2 s (a sync run in progress)
	Held       []store.BreakerStatus // integrations whose breaker holds changes: the banner
	Page       any
}

// newConsole starts a console page in the admin's language.
func (s *Server) newConsole(r *http.Request, nav string, page any) *consoleData {
	p, _ := PrincipalFrom(r.Context())
	d := &consoleData{Frame: ui.NewFrame(r, consoleLang(r), s.Config.OrgName, cssURL), ConsoleCSS: consoleCSSURL,
		Nav: nav, Admin: p, CanWrite: p.Role >= RoleAdmin, Page: page}
	if p.Actor != "" {
		d.Held = s.heldBanner(r)
	}
	if f := r.URL.Query().Get("done"); f != "" {
		if k := "flash." + f; translate("en", k) != k {
			d.Flash = translate(d.Lang, k)
		}
	}
	return d
}

// consoleLang is the admin's language: the lang cookie, else ?lang=, else
// the browser's Accept-Language (ui.Lang).
func consoleLang(r *http.Request) string { return ui.Lang(r, r.URL.Query().Get("lang")) }

// renderConsole writes console page name, buffered so errors give a clean 500.
func (s *Server) renderConsole(w http.ResponseWriter, r *http.Request, status int, name string, d *consoleData) {
	if err := consoleTemplates.Render(w, status, name, d.Lang, d); err != nil {
		s.Log.ErrorContext(r.Context(), "render console page", "page", name, "err", err)
	}
}

// redirectDone sends the browser back to path with a flash message key.
func redirectDone(w http.ResponseWriter, r *http.Request, path, flash string) {
	u, _ := url.Parse(path)
	q := u.Query()
	q.Set("done", flash)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// formatWhen shows a time in UTC, minutes precision ("" for none).
func formatWhen(v any) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	case *time.Time:
		if t == nil {
			return ""
		}
		return formatWhen(*t)
	}
	return ""
}

// consoleCSS is the console's own stylesheet, on top of the pages' one.
var (
	consoleCSS    = mustAsset(consoleFS, "static/console.css", "/admin/static")
	consoleCSSURL = consoleCSS.url
)
