package web

// The text of the invitation link page (the link the owner holds shown
// again, the same after a resend without SMTP, a regenerated one) and of the
// audit page's export links.
var linksKeptEN = map[string]string{
	"inv.link.current":       "This is the link already sent to this person: it still works. Hand it over yourself if the mail did not arrive.",
	"inv.link.resent":        "There is no mail server, so nothing was mailed: hand this link over yourself. It is the same link as before.",
	"inv.link.not_kept":      "This invitation's link cannot be shown again: it was sent before links were kept, or by code. Regenerate it to get a link to hand over.",
	"inv.link.regenerate":    "Regenerate link",
	"inv.link.regen_warning": "Regenerating gives a new link: the link already sent stops working at once. The expiry date does not move.",
	"audit.export":           "Download these events (oldest first):",
}

var linksKeptFR = map[string]string{
	"inv.link.current":       "Voici le lien déjà envoyé à cette personne : il fonctionne toujours. Transmettez-le vous-même si le message n’est pas arrivé.",
	"inv.link.resent":        "Aucun serveur de messagerie n’est configuré : rien n’a été envoyé. Transmettez ce lien vous-même ; c’est le même lien qu’avant.",
	"inv.link.not_kept":      "Le lien de cette invitation ne peut pas être affiché de nouveau : il a été envoyé avant que les liens soient conservés, ou par code. Régénérez-le pour obtenir un lien à transmettre.",
	"inv.link.regenerate":    "Régénérer le lien",
	"inv.link.regen_warning": "Régénérer crée un nouveau lien : le lien déjà envoyé cesse aussitôt de fonctionner. La date d’expiration ne change pas.",
	"audit.export":           "Télécharger ces événements (du plus ancien au plus récent) :",
}

func init() { addMessages(linksKeptEN, linksKeptFR) }
