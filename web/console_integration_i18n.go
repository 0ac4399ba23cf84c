package web

// The integration page's text for delivery methods and permissions (issue
// 13), merged into the catalogs like consoleEN and consoleFR.
var integrationAccessEN = map[string]string{
	"integration.method": "Invitations are delivered by", "integration.method.link": "Link (claim link in the email)",
	"integration.method.code": "Code (one-time code and QR code in the email, typed on /code)",
	"integration.permissions": "Permissions", "integration.permissions.hint": "What this integration may do over SCIM, or what an LDAP sync may write. Requests outside the set get 403.",
	"invite.method": "Deliver by", "invite.method.default": "the integration's default",
}

var integrationAccessFR = map[string]string{
	"integration.method": "Les invitations sont envoyées par", "integration.method.link": "Lien (lien d'activation dans le courriel)",
	"integration.method.code": "Code (code à usage unique et QR code dans le courriel, saisi sur /code)",
	"integration.permissions": "Permissions", "integration.permissions.hint": "Ce que cette intégration peut faire en SCIM, ou ce qu'une synchronisation LDAP peut écrire. Les requêtes hors de cet ensemble reçoivent 403.",
	"invite.method": "Envoyer par", "invite.method.default": "le choix par défaut de l'intégration",
}

func init() { addMessages(integrationAccessEN, integrationAccessFR) }
