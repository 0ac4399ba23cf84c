package mail

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/ui"
)

//go:embed templates
var templateFS embed.FS

type templateSet struct {
	text *texttemplate.Template // defines "subject" and "text"
	html *htmltemplate.Template // "layout" around the kind's "content"
}

// templates[kind][lang], parsed once at start-up: a missing file panics there, not when
// the first invitation goes out (miniflux's fail-fast habit).
var templates = mustParse()

func mustParse() map[string]map[string]templateSet {
	out := map[string]map[string]templateSet{}
	for _, kind := range Kinds {
		out[kind] = map[string]templateSet{}
		for _, lang := range ui.Languages {
			set, err := parse(kind, lang)
			if err != nil {
				panic(err)
			}
			out[kind][lang] = set
		}
	}
	return out
}

func parse(kind, lang string) (templateSet, error) {
	funcs := map[string]any{
		"date":     func(t any) string { return formatDate(lang, t) },
		"datetime": func(t any) string { return formatDateTime(lang, t) },
		"quote":    quote,
	}
	base := "templates/" + lang + "/" + kind
	text, err := texttemplate.New(kind).Funcs(funcs).ParseFS(templateFS, base+".txt")
	if err != nil {
		return templateSet{}, fmt.Errorf("mail: parse %s.txt: %w", base, err)
	}
	html, err := htmltemplate.New(kind).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", base+".html")
	if err != nil {
		return templateSet{}, fmt.Errorf("mail: parse %s.html: %w", base, err)
	}
	for _, name := range []string{"subject", "text"} {
		if text.Lookup(name) == nil {
			return templateSet{}, fmt.Errorf("mail: %s.txt does not define %q", base, name)
		}
	}
	if html.Lookup("content") == nil {
		return templateSet{}, fmt.Errorf("mail: %s.html does not define \"content\"", base)
	}
	return templateSet{text: text, html: html}, nil
}

// quote prefixes each line with "> ", the plain-text convention for a quoted block.
func quote(s string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}

// groupCode shows an access code as XXXX-XXXX-XXXX-XXXX whatever form the caller passed.
func groupCode(code string) string {
	if raw, ok := secret.NormalizeAccessCode(code); ok {
		return secret.FormatAccessCode(raw)
	}
	return code
}
