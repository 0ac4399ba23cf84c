package web

// The OIDC clients page's text (issue 11), merged into the catalogs like
// consoleEN and consoleFR.
var clientsEN = map[string]string{
	"nav.clients": "Sign-in clients", "clients.none": "No client yet: register the application that signs users in.",
	"clients.create": "Register a client", "clients.client_id": "Client ID", "clients.secret": "Client secret",
	"clients.issuer": "Issuer", "clients.redirect_uris": "Redirect URIs",
	"clients.redirect_hint": "One absolute URI per line, without #fragment, exactly as the application sends it.",
	"clients.logout_uris":   "Post-logout redirect URIs (optional, one per line)",
	"clients.public":        "Public client", "clients.public_hint": "No secret; PKCE is required. For single-page and mobile applications.",
	"clients.public_note": "A public client has no secret: the application must use PKCE.",
	"clients.once":        "Copy the client secret now: it is shown only this once. Rotate it if it is lost.",
	"clients.rotate":      "New secret", "clients.delete": "Delete",
	"clients.err.exists": "A client with that name already exists.",
}

var clientsFR = map[string]string{
	"nav.clients": "Clients de connexion", "clients.none": "Aucun client : enregistrez l’application qui connecte les utilisateurs.",
	"clients.create": "Enregistrer un client", "clients.client_id": "Identifiant client", "clients.secret": "Secret client",
	"clients.issuer": "Émetteur", "clients.redirect_uris": "URI de redirection",
	"clients.redirect_hint": "Une URI absolue par ligne, sans #fragment, exactement telle que l’application l’envoie.",
	"clients.logout_uris":   "URI de redirection après déconnexion (facultatif, une par ligne)",
	"clients.public":        "Client public", "clients.public_hint": "Sans secret ; PKCE est obligatoire. Pour les applications monopages et mobiles.",
	"clients.public_note": "Un client public n’a pas de secret : l’application doit utiliser PKCE.",
	"clients.once":        "Copiez le secret client maintenant : il n’est affiché que cette fois. Renouvelez-le s’il est perdu.",
	"clients.rotate":      "Nouveau secret", "clients.delete": "Supprimer",
	"clients.err.exists": "Un client de ce nom existe déjà.",
}

func init() { addMessages(clientsEN, clientsFR) }
