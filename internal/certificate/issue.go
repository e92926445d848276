package certificate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// Errors Issue returns for callers to branch on.
var (
	// ErrNoPass means the learner has no passed exam at the module.
	ErrNoPass = errors.New("no passed exam")
	// ErrCannotSign means there is an issuer key but no passed exam whose
	// seal holds, so nothing can be signed.
	ErrCannotSign = errors.New("cannot sign")
)

// Issued is a certificate ready to be written: the statement, the attempt
// it comes from, and notes for the person who asked for it.
type Issued struct {
	Statement Statement
	Attempt   progress.Attempt
	Notes     []string
}

// Request is what Issue is asked for.
type Request struct {
	Learner  string
	ModuleID string
	// SelfStudy asks for a self-study record even where there is an issuer
	// key.
	SelfStudy bool
	// Now is the current time, for refusing records dated in the future.
	Now time.Time
}

// Issue makes the certificate of a learner's best passed exam at a module.
//
// With an issuer key (and not r.SelfStudy) only an attempt whose seal was
// made with that key, and whose row still says what was sealed, can be
// certified: the certificate is the sealed statement. A row written into
// the database by hand has no seal and is refused, with the reason
// (ErrCannotSign).
//
// Without a key (or with r.SelfStudy) the best passed attempt becomes a
// self-study record, unless it carries an intact signed seal (a record
// copied from the machine that ran the exam), which is used as it is.
func Issue(ctx context.Context, store progress.Store, lib *content.Library, key *Key, r Request) (Issued, error) {
	p, err := store.ProfileByName(ctx, r.Learner)
	if err != nil {
		return Issued{}, fmt.Errorf("learner %q: %w", r.Learner, err)
	}
	atts, err := store.Attempts(ctx, p.ID, r.ModuleID, progress.ModeExam)
	if err != nil {
		return Issued{}, fmt.Errorf("read exam attempts: %w", err)
	}
	var passed []progress.Attempt
	for _, a := range atts {
		if a.Done() && a.Passed {
			passed = append(passed, a)
		}
	}
	if len(passed) == 0 {
		return Issued{}, reason(ErrNoPass, "%s has no passed exam at module %q yet: take it with 'frontline exam %s'", safe(p.Name), r.ModuleID, r.ModuleID)
	}
	// Best first: the highest score, then the earliest.
	sort.SliceStable(passed, func(i, j int) bool {
		pi, pj := passed[i].Percent(), passed[j].Percent()
		if pi != pj {
			return pi > pj
		}
		return passed[i].Finished.Before(passed[j].Finished)
	})
	var m *content.Module
	if lib != nil {
		m, _ = lib.Module(r.ModuleID)
	}
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}

	if key != nil && !r.SelfStudy {
		var first error
		var skipped []string
		for _, a := range passed {
			s, err := CheckSeal(a, p.Name, &key.PublicKey)
			if err != nil {
				if first == nil {
					first = err
				}
				skipped = append(skipped, fmt.Sprintf("attempt %d (%d%%)", a.ID, int(a.Percent()+1e-9)))
				continue
			}
			out := Issued{Statement: s, Attempt: a, Notes: notes(s, m, now)}
			if len(skipped) > 0 {
				out.Notes = append(out.Notes, fmt.Sprintf("Left out, because their seals do not hold: %s.", joinAnd(skipped)))
			}
			return out, nil
		}
		return Issued{}, reason(ErrCannotSign, "cannot sign: %v. Only an exam submitted on this computer while it held the issuer key %s can be signed; a self-study record can still be written with --self-study", first, key.ID())
	}

	if !r.SelfStudy {
		for _, a := range passed {
			if s, err := CheckSeal(a, p.Name, nil); err == nil {
				return Issued{Statement: s, Attempt: a, Notes: append(notes(s, m, now),
					fmt.Sprintf("This certificate was signed by %s when the exam was submitted.", s.IssuerText()))}, nil
			}
		}
	}
	a := passed[0]
	if a.Finished.After(now.Add(24 * time.Hour)) {
		return Issued{}, fmt.Errorf("attempt %d cannot be certified: it is dated %s, in the future", a.ID, a.Finished.UTC().Format(time.RFC3339))
	}
	s, err := selfStudyStatement(a, p.Name, m)
	if err != nil {
		return Issued{}, fmt.Errorf("attempt %d cannot be certified: %w", a.ID, err)
	}
	return Issued{Statement: s, Attempt: a, Notes: notes(s, m, now)}, nil
}

// selfStudyStatement is the self-study record of an attempt: the statement
// kept when it was submitted, if it still matches the row, or one made now
// from the row and the installed module.
func selfStudyStatement(a progress.Attempt, learner string, m *content.Module) (Statement, error) {
	if len(a.Seal) > 0 {
		if s, err := Parse(a.Seal); err == nil && len(s.differences(a, learner)) == 0 {
			s.Kind, s.Issuer, s.Signature = SelfStudy, PublicKey{}, nil
			return s, nil
		}
	}
	e := Exam{Learner: learner, ModuleTitle: a.ModuleID}
	if m != nil {
		e.ModuleTitle = m.Title
		e.PassMark = m.Exam.WithDefaults(len(m.Questions)).PassMark
	}
	s, err := NewStatement(e, a)
	if err != nil && e.PassMark > 0 {
		// The module's pass mark today may differ from the one that
		// applied; a self-study record may leave it out.
		e.PassMark = 0
		s, err = NewStatement(e, a)
	}
	return s, err
}

// notes are remarks for the person who asked for a certificate.
func notes(s Statement, m *content.Module, now time.Time) []string {
	var out []string
	switch {
	case m == nil:
		out = append(out, fmt.Sprintf("Module %q is not installed here; the certificate names it as the record does.", s.ModuleID))
	case s.Fingerprint != "" && m.Fingerprint != "" && s.Fingerprint != m.Fingerprint:
		out = append(out, fmt.Sprintf("The exam was taken on content that differs from the module installed here (fingerprint %s, installed %s); the certificate states the content that was examined.", s.Fingerprint, m.Fingerprint))
	}
	if s.Date.After(now.Add(24 * time.Hour)) {
		out = append(out, fmt.Sprintf("The exam is dated %s, in the future: the clock of the computer that ran it was wrong.", s.Date.Format(time.RFC3339)))
	}
	return out
}

// joinAnd joins words as "a, b and c".
func joinAnd(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	out := ws[0]
	for _, w := range ws[1 : len(ws)-1] {
		out += ", " + w
	}
	return out + " and " + ws[len(ws)-1]
}
