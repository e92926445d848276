package certificate

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"time"

	"frontline/internal/progress"
)

// Errors of a seal that does not hold, for callers to branch on. Each is
// wrapped with a sentence that says what was found.
var (
	// ErrNotSealed means the attempt has no signed seal.
	ErrNotSealed = errors.New("not sealed")
	// ErrSealBroken means the seal is damaged or its signature fails.
	ErrSealBroken = errors.New("seal broken")
	// ErrSealMismatch means the record no longer says what was sealed.
	ErrSealMismatch = errors.New("record changed after sealing")
	// ErrOtherKey means the seal was made with another issuer key.
	ErrOtherKey = errors.New("sealed with another key")
)

// reasonError is a sentence for people that also answers errors.Is for
// one of the sentinel errors, without repeating the sentinel's words.
type reasonError struct {
	kind error
	msg  string
}

func (e *reasonError) Error() string { return e.msg }
func (e *reasonError) Unwrap() error { return e.kind }

func reason(kind error, format string, a ...any) error {
	return &reasonError{kind: kind, msg: fmt.Sprintf(format, a...)}
}

// Exam is what a sealed attempt states beyond its own row: who took the
// exam, the module's title and the pass mark that applied.
type Exam struct {
	Learner     string
	ModuleTitle string
	PassMark    int
}

// NewStatement builds the unsigned statement of a finished exam attempt.
func NewStatement(e Exam, a progress.Attempt) (Statement, error) {
	if a.Mode != progress.ModeExam {
		return Statement{}, fmt.Errorf("attempt %d is a %s attempt, not an exam", a.ID, a.Mode)
	}
	if !a.Done() {
		return Statement{}, fmt.Errorf("attempt %d is not finished", a.ID)
	}
	s := Statement{
		Kind:        SelfStudy,
		Learner:     nfc(strings.TrimSpace(e.Learner)),
		ModuleID:    a.ModuleID,
		ModuleTitle: nfc(strings.TrimSpace(e.ModuleTitle)),
		Version:     nfc(strings.TrimSpace(a.Version)),
		Fingerprint: a.Fingerprint,
		Score:       roundScore(a.Score),
		Total:       a.Total,
		PassMark:    e.PassMark,
		Passed:      a.Passed,
		Date:        a.Finished.UTC().Truncate(time.Second),
		AttemptID:   a.ID,
	}
	if s.ModuleTitle == "" {
		s.ModuleTitle = a.ModuleID
	}
	if err := s.check(); err != nil {
		return Statement{}, fmt.Errorf("attempt %d: %w", a.ID, err)
	}
	return s, nil
}

// Sign signs the statement with key, making it a signed statement.
func (s Statement) Sign(key *Key) (Statement, error) {
	if key == nil {
		return s, errors.New("sign: no issuer key")
	}
	s.Kind = Signed
	s.Issuer = key.PublicKey
	msg, err := s.Message()
	if err != nil {
		return s, err
	}
	s.Signature = key.Sign(msg)
	return s, nil
}

// Seal makes the seal of a finished exam attempt, to be stored in the
// attempt's row when the exam is submitted: its statement signed with the
// issuer key of the machine that ran the exam. With a nil key (a machine
// without one) it is the unsigned self-study statement, which keeps the
// title and pass mark for the learner's record but proves nothing.
func Seal(key *Key, e Exam, a progress.Attempt) ([]byte, error) {
	s, err := NewStatement(e, a)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	if key != nil {
		if s, err = s.Sign(key); err != nil {
			return nil, fmt.Errorf("seal: %w", err)
		}
	}
	b, err := s.Block()
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return []byte(b), nil
}

// SealAttempt seals a finished exam attempt with key (nil on a machine
// without an issuer key) and saves it in store, and returns it with its
// seal. In a workshop the server calls it with the trainer's key and the
// server's store, so the seal is made where the exam ran.
func SealAttempt(ctx context.Context, store progress.Store, key *Key, e Exam, a progress.Attempt) (progress.Attempt, error) {
	seal, err := Seal(key, e, a)
	if err != nil {
		return a, err
	}
	a.Seal = seal
	if err := store.SaveAttempt(ctx, a); err != nil {
		return a, fmt.Errorf("save the sealed attempt %d: %w", a.ID, err)
	}
	return a, nil
}

// CheckSeal reads an attempt's seal and checks it against the attempt's
// row and the learner's name. With a non-nil issuer the seal must be
// signed by that key; with nil, any signature is checked against the key
// the seal names (which says the record is intact, not who made it). It
// returns the sealed statement, or an error wrapping ErrNotSealed,
// ErrSealBroken, ErrOtherKey or ErrSealMismatch with the reason.
func CheckSeal(a progress.Attempt, learner string, issuer *PublicKey) (Statement, error) {
	if len(a.Seal) == 0 {
		return Statement{}, reason(ErrNotSealed, "attempt %d has no seal: it was not submitted on a computer with an issuer key, or it was written into the records by something other than frontline", a.ID)
	}
	s, err := Parse(a.Seal)
	if err != nil {
		return Statement{}, reason(ErrSealBroken, "attempt %d: the seal is damaged (%v)", a.ID, err)
	}
	if s.Kind != Signed {
		return s, reason(ErrNotSealed, "attempt %d was submitted on a computer without an issuer key: its record is a self-study record", a.ID)
	}
	if issuer != nil && !s.Issuer.Same(*issuer) {
		return s, reason(ErrOtherKey, "attempt %d was sealed with the key %s (%s), not with this computer's issuer key %s", a.ID, s.Issuer.ID(), s.Issuer.Name, issuer.ID())
	}
	msg, err := s.Message()
	if err != nil || !ed25519.Verify(s.Issuer.Key, msg, s.Signature) {
		return s, reason(ErrSealBroken, "attempt %d: the seal's signature does not hold: it was changed after the exam", a.ID)
	}
	if diff := s.differences(a, learner); len(diff) > 0 {
		return s, reason(ErrSealMismatch, "attempt %d: the record no longer says what was sealed (%s)", a.ID, strings.Join(diff, "; "))
	}
	return s, nil
}

// differences lists where an attempt's row and learner differ from the
// statement, as "score: sealed 7 of 10, record 10 of 10".
func (s Statement) differences(a progress.Attempt, learner string) []string {
	var out []string
	diff := func(what, sealed, record string) {
		if sealed != record {
			out = append(out, fmt.Sprintf("%s: stated %q, recorded %q", what, sealed, record))
		}
	}
	diff("learner", s.Learner, nfc(strings.TrimSpace(learner)))
	diff("attempt", fmt.Sprint(s.AttemptID), fmt.Sprint(a.ID))
	diff("module", s.ModuleID, a.ModuleID)
	diff("version", s.Version, nfc(strings.TrimSpace(a.Version)))
	diff("fingerprint", s.Fingerprint, a.Fingerprint)
	diff("score", scoreString(s.Score)+" of "+fmt.Sprint(s.Total), scoreString(a.Score)+" of "+fmt.Sprint(a.Total))
	diff("result", fmt.Sprint(s.Passed), fmt.Sprint(a.Passed))
	diff("date", s.Date.UTC().Format(time.RFC3339), a.Finished.UTC().Truncate(time.Second).Format(time.RFC3339))
	diff("kind", string(progress.ModeExam), string(a.Mode))
	return out
}
