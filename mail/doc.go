// Package mail owns every email provisiond sends: the embedded English and French
// templates, their rendering into a Message (subject, text, HTML, inline images), and
// delivery over SMTP with go-mail. The choice of language is ui's (ui.Pick, the same
// matcher as the pages); the languages are ui.Languages.
//
// Flow: a caller builds Data, calls Render(kind, ui.Pick(preferredLanguage, locale),
// data), wraps the Message in an Outgoing and hands it to a Sender. The delivery job decides
// whether to retry with IsPermanent.
//
// Templates are parsed when the package is initialised; a missing or broken template stops
// the program at start-up rather than at the first invitation.
//
// This package must not build links (callers pass them, built from the configured base URL),
// queue or retry (the delivery job does), embed remote images or tracking pixels, or log
// message bodies, links, codes or SMTP credentials.
package mail
