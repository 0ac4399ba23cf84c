package ldapsync

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"iter"
	"os"
)

// spoolMemory is how many encoded bytes a userSpool keeps in memory before
// it moves them to a temporary file.
const spoolMemory = 1 << 20

// userSpool holds the users a plan will write until the safety checks
// allow writing them, encoded back to back. A small plan (an incremental
// run) stays in one pointer-free block of memory. A large one moves to an
// unlinked temporary file: as []User, the 100,000 new users of a first
// sync were 50 MB of live heap (every attribute value a separate string
// from the BER decoder), which the garbage collector doubled; in the file
// they are 20 MB of the kernel's page cache, outside the process. Users are
// decoded again one batch at a time while they are written. Where no
// temporary file can be made (a read-only root without TMPDIR), the spool
// stays in memory.
type userSpool struct {
	mem     []byte
	file    *os.File
	w       *bufio.Writer
	err     error // the first write error: reported by batches
	n       int
	noSpill bool // no temporary file could be made: stay in memory
}

func (s *userSpool) len() int { return s.n }

// add appends u.
func (s *userSpool) add(u *User) {
	s.n++
	if s.file == nil {
		s.mem = encodeUser(s.mem, u)
		if len(s.mem) > spoolMemory && !s.noSpill {
			s.spill()
		}
		return
	}
	if s.err == nil {
		_, s.err = s.w.Write(encodeUser(s.mem[:0], u))
	}
}

// spill moves the spool to a temporary file, if one can be made.
func (s *userSpool) spill() {
	f, err := os.CreateTemp("", "provisiond-ldap-*.spool")
	if err != nil {
		s.noSpill = true // stay in memory; do not try again at every user
		return
	}
	os.Remove(f.Name()) // the open file stays readable; nothing is left behind
	s.file, s.w = f, bufio.NewWriterSize(f, 64<<10)
	_, s.err = s.w.Write(s.mem)
	s.mem = make([]byte, 0, 4096) // the encoding buffer from now on
}

// close releases the spool's file and memory.
func (s *userSpool) close() {
	if s.file != nil {
		s.file.Close()
	}
	*s = userSpool{}
}

// encodeUser appends u to b: each string as its length and bytes, then the
// emails, then active.
func encodeUser(b []byte, u *User) []byte {
	for _, f := range []string{u.ExternalID, u.DN, u.UserName, u.Email, u.GivenName, u.FamilyName,
		u.DisplayName, u.PreferredLanguage, u.Phone, u.EmployeeNumber, u.Department, u.Manager, u.Hash} {
		b = appendString(b, f)
	}
	b = binary.AppendUvarint(b, uint64(len(u.Emails)))
	for _, e := range u.Emails {
		b = appendString(b, e)
	}
	if u.Active {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendString(b []byte, v string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(v))), v...)
}

// batches yields the users in order, n at a time; each batch is a fresh
// slice the consumer may keep. A spool file that cannot be read back ends
// the sequence with the error.
func (s *userSpool) batches(n int) iter.Seq2[[]User, error] {
	return func(yield func([]User, error) bool) {
		var r byteStream
		if s.file != nil {
			if s.err == nil {
				s.err = s.w.Flush()
			}
			if s.err == nil {
				_, s.err = s.file.Seek(0, io.SeekStart)
			}
			if s.err != nil {
				yield(nil, fmt.Errorf("ldapsync: spool file: %w", s.err))
				return
			}
			r = bufio.NewReaderSize(s.file, 256<<10)
		} else {
			r = &byteReader{b: s.mem}
		}
		batch := make([]User, 0, min(n, s.n))
		for range s.n {
			var u User
			if err := decodeUser(r, &u); err != nil {
				yield(nil, fmt.Errorf("ldapsync: spool file: %w", err))
				return
			}
			batch = append(batch, u)
			if len(batch) == n {
				if !yield(batch, nil) {
					return
				}
				batch = make([]User, 0, n)
			}
		}
		if len(batch) > 0 {
			yield(batch, nil)
		}
	}
}

// decodeUser reads one user that encodeUser wrote.
func decodeUser(r byteStream, u *User) error {
	var err error
	for _, f := range []*string{&u.ExternalID, &u.DN, &u.UserName, &u.Email, &u.GivenName, &u.FamilyName,
		&u.DisplayName, &u.PreferredLanguage, &u.Phone, &u.EmployeeNumber, &u.Department, &u.Manager, &u.Hash} {
		if *f, err = readString(r); err != nil {
			return err
		}
	}
	k, err := binary.ReadUvarint(r)
	if err != nil {
		return err
	}
	if k > 0 {
		u.Emails = make([]string, k)
		for i := range u.Emails {
			if u.Emails[i], err = readString(r); err != nil {
				return err
			}
		}
	}
	a, err := r.ReadByte()
	u.Active = a == 1
	return err
}

func readString(r byteStream) (string, error) {
	l, err := binary.ReadUvarint(r)
	if err != nil || l == 0 {
		return "", err
	}
	b := make([]byte, l)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return string(b), nil
}

// byteStream is what decoding reads: a bufio.Reader on the spool file, or
// a byteReader on the memory.
type byteStream interface {
	io.Reader
	io.ByteReader
}

// byteReader reads a spool held in memory.
type byteReader struct {
	b []byte
	i int
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.i:])
	r.i += n
	return n, nil
}

func (r *byteReader) ReadByte() (byte, error) {
	if r.i >= len(r.b) {
		return 0, io.ErrUnexpectedEOF
	}
	r.i++
	return r.b[r.i-1], nil
}
