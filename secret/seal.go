package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
)

// ErrDecrypt is returned by Open when the ciphertext is malformed, tampered with, sealed
// under another key, or bound to another aad.
var ErrDecrypt = errors.New("secret: cannot decrypt")

func (k *Keys) aead() (cipher.AEAD, error) {
	block, err := aes.NewCipher(k.aeadKey)
	if err != nil {
		return nil, fmt.Errorf("secret: aes: %w", err)
	}
	g, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret: gcm: %w", err)
	}
	return g, nil
}

// Seal encrypts plaintext with AES-256-GCM and returns nonce||ciphertext. aad binds the
// ciphertext to its record (e.g. the account id) so a sealed code copied onto another row
// does not open.
func (k *Keys) Seal(plaintext []byte, aad string) ([]byte, error) {
	g, err := k.aead()
	if err != nil {
		return nil, err
	}
	// Random 96-bit nonces are safe far beyond the number of codes one server will seal.
	nonce := make([]byte, g.NonceSize(), g.NonceSize()+len(plaintext)+g.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("secret: nonce: %w", err)
	}
	return g.Seal(nonce, nonce, plaintext, []byte(aad)), nil
}

// Open reverses Seal; it returns ErrDecrypt for any authentication failure.
func (k *Keys) Open(sealed []byte, aad string) ([]byte, error) {
	g, err := k.aead()
	if err != nil {
		return nil, err
	}
	if len(sealed) < g.NonceSize()+g.Overhead() {
		return nil, ErrDecrypt
	}
	nonce, ct := sealed[:g.NonceSize()], sealed[g.NonceSize():]
	pt, err := g.Open(nil, nonce, ct, []byte(aad))
	if err != nil {
		return nil, ErrDecrypt
	}
	return pt, nil
}

// Equal reports whether a and b are equal in time that depends only on their lengths.
func Equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
