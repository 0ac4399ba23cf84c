package web

// The webhook pages' text (issue 11), merged into the catalogs like
// consoleEN and consoleFR.
var webhooksEN = map[string]string{
	"nav.webhooks": "Webhooks", "webhooks.none": "No webhook endpoint yet.", "webhooks.create": "Add an endpoint",
	"webhooks.url": "URL", "webhooks.events": "Events", "webhooks.all_events": "all events",
	"webhooks.description": "Description", "webhooks.enabled": "Enabled",
	"webhooks.enable": "Enable", "webhooks.disable": "Disable", "webhooks.delete": "Delete",
	"webhooks.secret":      "Signing secret",
	"webhooks.once":        "Copy the signing secret now: it is shown only this once. Without it the application cannot verify deliveries.",
	"webhooks.secret_hint": "Each delivery carries an HMAC-SHA256 signature of its timestamp and body made with this secret; the application checks it before trusting the event.",
	"webhook.title":        "Webhook endpoint", "webhook.deliveries": "Deliveries", "webhook.event": "Event",
	"webhook.attempts": "Attempts", "webhook.last_code": "Last HTTP status", "webhook.last_response": "Last response or error",
	"webhook.last_attempt": "Last attempt", "webhook.replay": "Replay", "webhook.none": "No delivery.",
	"webhook.back":           "All endpoints",
	"webhook.status.pending": "pending", "webhook.status.delivered": "delivered", "webhook.status.failed": "failed",
	"flash.replayed":          "The event is queued again as a new delivery.",
	"webhook.response_owners": "Response bodies are shown to owners only.",
}

var webhooksFR = map[string]string{
	"nav.webhooks": "Webhooks", "webhooks.none": "Aucun point de terminaison webhook pour l’instant.", "webhooks.create": "Ajouter un point de terminaison",
	"webhooks.url": "URL", "webhooks.events": "Événements", "webhooks.all_events": "tous les événements",
	"webhooks.description": "Description", "webhooks.enabled": "Activé",
	"webhooks.enable": "Activer", "webhooks.disable": "Désactiver", "webhooks.delete": "Supprimer",
	"webhooks.secret":      "Secret de signature",
	"webhooks.once":        "Copiez le secret de signature maintenant : il n’est affiché que cette fois. Sans lui, l’application ne peut pas vérifier les envois.",
	"webhooks.secret_hint": "Chaque envoi porte une signature HMAC-SHA256 de son horodatage et de son corps faite avec ce secret ; l’application la vérifie avant de se fier à l’événement.",
	"webhook.title":        "Point de terminaison webhook", "webhook.deliveries": "Envois", "webhook.event": "Événement",
	"webhook.attempts": "Tentatives", "webhook.last_code": "Dernier statut HTTP", "webhook.last_response": "Dernière réponse ou erreur",
	"webhook.last_attempt": "Dernière tentative", "webhook.replay": "Rejouer", "webhook.none": "Aucun envoi.",
	"webhook.back":           "Tous les points de terminaison",
	"webhook.status.pending": "en attente", "webhook.status.delivered": "remis", "webhook.status.failed": "échoué",
	"flash.replayed":          "L’événement est remis en file comme un nouvel envoi.",
	"webhook.response_owners": "Les corps de réponse ne sont montrés qu’aux propriétaires.",
}

func init() { addMessages(webhooksEN, webhooksFR) }
