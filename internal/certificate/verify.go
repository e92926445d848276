package certificate

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// Status is the outcome of a check.
type Status int

// Outcomes, each with its own exit code (ExitCode).
const (
	// Valid: signed by a trusted key and unchanged since (exit 0).
	Valid Status = iota
	// NotValid: changed, forged, signed by a key that is not trusted, at
	// odds with the records that made it, or unreadable (exit 1).
	NotValid
	// Unverified: the signature is intact but nobody said which keys to
	// trust, or a code cannot be looked up here (exit 3).
	Unverified
	// SelfStudyRecord: not signed; proves nothing to anyone else (exit 3).
	SelfStudyRecord
)

// ExitCode is the command's exit code for a status: 0 valid, 1 not valid,
// 3 could not be verified (self-study records included). 2 stays the
// usage error of every command.
func (s Status) ExitCode() int {
	switch s {
	case Valid:
		return 0
	case NotValid:
		return 1
	}
	return 3
}

// Verdict is what a check found, in words for the person who asked.
type Verdict struct {
	Status Status
	// Statement is what was checked; nil when nothing could be read.
	Statement *Statement
	Headline  string
	Details   []string
}

func (v *Verdict) add(format string, a ...any) {
	v.Details = append(v.Details, fmt.Sprintf(format, a...))
}

// String is the verdict as printed: the headline, then one detail a line.
func (v Verdict) String() string {
	var b strings.Builder
	b.WriteString(v.Headline + "\n")
	for _, d := range v.Details {
		b.WriteString(d + "\n")
	}
	return b.String()
}

// Claim is what the statement says, in one sentence.
func (s Statement) Claim() string {
	fp := ""
	if s.Fingerprint != "" {
		fp = ", content " + s.Fingerprint
	}
	verb := "passed"
	if !s.Passed {
		verb = "did not pass"
	}
	version := ""
	if s.Version != "" {
		version = ", version " + s.Version
	}
	return fmt.Sprintf("It states that %s %s the assessed exam of %s%s (module %s%s) on %s with a score of %s; the pass mark was %s. Exam attempt %d.",
		s.Learner, verb, s.ModuleTitle, version, s.ModuleID, fp, s.DateText(), s.ScoreText(), s.PassMarkText(), s.AttemptID)
}

// Verify checks a statement against the keys the verifier trusts. It needs
// nothing else: no network and no records. A statement is Valid only when
// its signature holds for a trusted key and it records a pass.
func Verify(s Statement, trusted []Trusted) Verdict {
	v := Verdict{Statement: &s}
	if s.Kind != Signed {
		v.Status = SelfStudyRecord
		v.Headline = "SELF-STUDY RECORD: not signed by any trainer or organisation."
		v.add("%s", s.Claim())
		v.add("It was made without an issuer key, so nobody vouches for it: it notes personal study and proves nothing to anyone else. Anyone can write one.")
		return v
	}
	msg, err := s.Message()
	if err != nil || !ed25519.Verify(s.Issuer.Key, msg, s.Signature) {
		v.Status = NotValid
		v.Headline = "NOT VALID: the certificate was changed after it was signed, or its signature is damaged."
		v.add("Nothing it states can be relied on. It names %q (key %s) as its issuer.", s.Issuer.Name, s.Issuer.ID())
		return v
	}
	for _, t := range trusted {
		if !t.Same(s.Issuer) {
			continue
		}
		if !s.Passed {
			v.Status = NotValid
			v.Headline = fmt.Sprintf("NOT A CERTIFICATE: signed by %s, but it records an exam that was not passed.", t.Name)
			v.add("%s", s.Claim())
			return v
		}
		v.Status = Valid
		v.Headline = fmt.Sprintf("VALID: signed by %s (key %s, trusted through %s) and unchanged since.", t.Name, t.ID(), t.Source)
		v.add("%s", s.Claim())
		if t.Name != s.Issuer.Name {
			v.add("The certificate calls its issuer %q; the key you trust is named %q.", s.Issuer.Name, t.Name)
		}
		return v
	}
	if len(trusted) == 0 {
		v.Status = Unverified
		v.Headline = "NOT VERIFIED: the signature is intact, but no trusted issuer key was given to check it against."
		v.add("It names %q (key %s) as its issuer. Anyone can make a key and give it any name, so the signature alone does not show who issued it.", s.Issuer.Name, s.Issuer.ID())
		v.add("%s", s.Claim())
		v.add("Ask the issuer for their public key line (not from this certificate) and check again with --issuer 'LINE', or list trusted keys in a file and use --trusted FILE.")
		return v
	}
	v.Status = NotValid
	var names []string
	for _, t := range trusted {
		if t.Name == s.Issuer.Name {
			v.Headline = fmt.Sprintf("NOT VALID: it claims to come from %s, but it was not signed with the key you trust for %s.", t.Name, t.Name)
			v.add("It was signed with key %s; the trusted key is %s (%s). Treat it as forged, or ask the issuer whether they changed their key.", s.Issuer.ID(), t.ID(), t.Source)
			v.add("%s", s.Claim())
			return v
		}
		names = append(names, fmt.Sprintf("%s (key %s)", t.Name, t.ID()))
	}
	v.Headline = "NOT VALID for the issuers you trust: it was signed by another issuer."
	v.add("It names %q (key %s) as its issuer, which is not one of: %s.", s.Issuer.Name, s.Issuer.ID(), strings.Join(names, ", "))
	v.add("%s", s.Claim())
	return v
}

// Local is the records of this computer, for the checks that need them.
type Local struct {
	// Store holds this computer's exam records; nil when there are none.
	Store progress.Store
	// Key is this computer's issuer key, or nil.
	Key *Key
	// Library is the installed content, for looking up codes.
	Library *content.Library
}

// profileName finds a learner's name by profile id.
func profileName(ctx context.Context, store progress.Store, id int64) (string, error) {
	ps, err := store.Profiles(ctx)
	if err != nil {
		return "", fmt.Errorf("list learners: %w", err)
	}
	for _, p := range ps {
		if p.ID == id {
			return p.Name, nil
		}
	}
	return "", progress.ErrNotFound
}

// CheckRecords compares a verdict's statement with this computer's
// records, where they are the records it was made from: for a signed
// statement, when this computer holds the key that signed it; for a
// self-study record, when this computer has its attempt by the same
// learner. It adds what it found to v, and makes v NotValid when a
// self-study record and its records disagree.
func (l Local) CheckRecords(ctx context.Context, v *Verdict) error {
	if v.Statement == nil || v.Status == NotValid {
		return nil
	}
	s := *v.Statement
	if l.Store == nil {
		v.add("This computer has no exam records, so only the statement itself was checked.")
		return nil
	}
	if s.Kind == Signed && (l.Key == nil || !l.Key.Same(s.Issuer)) {
		v.add("The records of the computer that issued it are not here, so only the signature was checked.")
		return nil
	}
	a, _, err := l.Store.Attempt(ctx, s.AttemptID)
	if errors.Is(err, progress.ErrNotFound) {
		if s.Kind == Signed {
			v.add("This computer holds the issuer key but has no exam attempt %d: the learner's records may have been deleted since. The signature still holds.", s.AttemptID)
		} else {
			v.add("This computer has no exam attempt %d, so the record cannot be compared with the records that made it.", s.AttemptID)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("read attempt %d: %w", s.AttemptID, err)
	}
	name, err := profileName(ctx, l.Store, a.ProfileID)
	if err != nil && !errors.Is(err, progress.ErrNotFound) {
		return err
	}
	shown := safe(name)
	if s.Kind == Signed {
		sealed, err := CheckSeal(a, name, &l.Key.PublicKey)
		switch {
		case err == nil && string(sealed.Signature) == string(s.Signature):
			v.add("The records on this computer agree: exam attempt %d of %s, sealed when it was submitted.", a.ID, shown)
		case err == nil:
			v.add("Warning: exam attempt %d on this computer carries a different seal from this certificate.", a.ID)
		default:
			v.add("Warning: the records on this computer no longer match what was signed: %v. The certificate itself is intact; the records were changed after the exam.", err)
		}
		return nil
	}
	if nfc(name) != s.Learner {
		v.add("This computer's exam attempt %d belongs to another learner, so this record was not made from these records.", a.ID)
		return nil
	}
	if diff := s.differences(a, name); len(diff) > 0 {
		v.Status = NotValid
		v.Headline = "NOT VALID: the self-study record does not match the records it claims to come from."
		v.add("Exam attempt %d of %s on this computer differs: %s.", a.ID, shown, strings.Join(diff, "; "))
		return nil
	}
	v.add("The records on this computer agree: exam attempt %d of %s. That shows only what this computer's records say.", a.ID, shown)
	return nil
}

// VerifyCode looks a code up in this computer's records. A code is short
// and carries no signature: it can be checked only where the certificate
// was made, and the verdict says so.
func VerifyCode(ctx context.Context, code string, trusted []Trusted, l Local) (Verdict, error) {
	norm := NormalizeCode(code)
	if norm == "" {
		return Verdict{Status: NotValid, Headline: fmt.Sprintf("NOT VALID: %q is not a certificate code; a code has 12 letters and digits, like 7KQM-3XRT-9HWA.", clip(code))}, nil
	}
	away := "A code alone can be checked only against the records of the computer where the certificate was made. To check a certificate from elsewhere, verify its file (or the text of its QR code) with the issuer's public key."
	if l.Store == nil {
		return Verdict{Status: Unverified, Headline: fmt.Sprintf("CANNOT CHECK %s here: this computer has no exam records.", norm), Details: []string{away}}, nil
	}
	s, found, err := l.find(ctx, norm)
	if err != nil {
		return Verdict{}, err
	}
	if !found {
		return Verdict{Status: NotValid, Headline: fmt.Sprintf("NOT FOUND: no certificate made on this computer has the code %s.", norm), Details: []string{away}}, nil
	}
	v := Verify(s, trusted)
	v.Details = append([]string{fmt.Sprintf("The code %s was found in the records of this computer.", norm)}, v.Details...)
	return v, l.CheckRecords(ctx, &v)
}

// find looks for the statement whose code is code among the passed exams
// on this computer: their seals, and the self-study records they give.
func (l Local) find(ctx context.Context, code string) (Statement, bool, error) {
	profiles, err := l.Store.Profiles(ctx)
	if err != nil {
		return Statement{}, false, fmt.Errorf("list learners: %w", err)
	}
	for _, p := range profiles {
		modules := map[string]bool{}
		if l.Library != nil {
			for _, m := range l.Library.Modules {
				modules[m.ID] = true
			}
		}
		// Modules no longer installed still have their records.
		if d, err := l.Store.Dashboard(ctx, p.ID); err == nil {
			for _, m := range d.Modules {
				modules[m.ModuleID] = true
			}
		}
		for id := range modules {
			atts, err := l.Store.Attempts(ctx, p.ID, id, progress.ModeExam)
			if err != nil {
				return Statement{}, false, fmt.Errorf("read exam attempts: %w", err)
			}
			var m *content.Module
			if l.Library != nil {
				m, _ = l.Library.Module(id)
			}
			for _, a := range atts {
				if !a.Done() || !a.Passed {
					continue
				}
				if s, err := Parse(a.Seal); err == nil && s.Code() == code {
					return s, true, nil
				}
				if s, err := selfStudyStatement(a, p.Name, m); err == nil && s.Code() == code {
					return s, true, nil
				}
			}
		}
	}
	return Statement{}, false, nil
}
