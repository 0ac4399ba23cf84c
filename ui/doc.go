// Package ui owns what every page a person reads has in common: the one
// layout and its partials (templates/layout.html, partials.html), the pages
// every surface shares (error, gone, throttled, done), the one render path
// (Pages: each parsed at its first render, all by Check in the tests, rendered
// into a buffer), the one message
// catalog per language (catalog/en.json, catalog/fr.json, embedded, read once)
// and the one choice of language (Pick, Lang: golang.org/x/text/language's
// Matcher, q-values honoured), with the switcher that makes a choice stick.
//
// Users: web's admin console (web/console*.go, which adds its frame:
// web/templates/console/frame.html), web's public pages (web/page_*.go: claim,
// join, code, errors), signin's pages (signin/page_*.go), and mail, whose
// templates stay in mail/templates but whose language is Pick's.
//
// Choice of language, first that names a supported one:
//
//	lang cookie (the switcher)  >  the caller's candidates (the account's
//	preferredLanguage or locale, an OIDC request's ui_locales, the language a
//	page's own form or redirect carried)  >  Accept-Language  >  English
//
// The switcher is a small form at the foot of every page answering a GET
// (partials.html "lang_switch"; not on the error, gone and throttled
// answers, which must not echo a token and must look alike for every one): POST /lang with lang and next; Switch sets the cookie (a
// year, HttpOnly, SameSite=Lax, Secure over https) and answers 303 to next.
// next must be a path on this site (LocalPath): an absolute or
// scheme-relative URL, or anything a browser reads as one (a backslash, a tab),
// is refused with a 400, so /lang is no open redirect. A page answering a
// POST shows no switcher: it could not be fetched again without losing what
// it shows (a form's input, a secret shown once).
//
// A count is never written "(s)": a text that shows one has a key per CLDR
// plural form, KEY.one and KEY.other, and TN (template: tn) picks the form
// of the count in the page's language (x/text's plural rules: French's
// singular covers 0 and 1). A length of time is Duration's words (3600
// seconds is "1 hour", "1 heure"), never a count of seconds.
//
// A catalog key means the same words wherever it is used; a surface that
// needs other words uses another key (signin.gone.body, not gone.body). Tests
// keep every language's keys equal to English's, with the same fmt verbs, and
// check that every key a template or a Go call names literally exists.
//
// This package must not import any other package of the module (web,
// signin and mail import it), read or write the store, or write to a
// catalog after start-up.
package ui
