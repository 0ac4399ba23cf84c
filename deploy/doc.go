// Package deploy holds deployment examples: Kubernetes manifests, a docker
// compose stack and a systemd unit (docs/deploy.md explains them). It has no
// Go code; its test parses every manifest so that a typo never ships.
package deploy
