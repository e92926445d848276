package activity

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// Errors for "who is learning"; they wrap progress.ErrNotFound where a
// caller may branch on it.
var (
	// ErrNoLearner means no learner has been created on this machine yet.
	ErrNoLearner = fmt.Errorf("no learner yet: %w", progress.ErrNotFound)
	// ErrSeveral means several learners use this machine and none was
	// named.
	ErrSeveral = errors.New("several learners")
	// ErrNeedRole means a new learner was named but no role was given.
	ErrNeedRole = errors.New("a new learner needs a role")
)

// MaxNameLen is the longest learner name, in characters.
const MaxNameLen = textsafe.MaxName

// CheckName normalises a learner's name as it is stored and compared
// (textsafe.Name): NFC, spaces trimmed and runs of spaces made one. It
// refuses an empty name, a name over MaxNameLen characters, and control,
// bidirectional-override and invisible characters, with a message for the
// person typing it.
func CheckName(name string) (string, error) {
	n, err := textsafe.Name(name)
	if errors.Is(err, textsafe.ErrNameEmpty) {
		return "", errors.New("type a name")
	}
	return n, err
}

// ParseRole reads a role from a flag or a prompt, by id or label.
func ParseRole(s string) (content.Role, error) {
	r, ok := content.ParseRole(s)
	if !ok {
		ids := make([]string, len(content.Roles))
		for i, x := range content.Roles {
			ids[i] = string(x)
		}
		return "", fmt.Errorf("unknown role %q: want one of %s", s, strings.Join(ids, ", "))
	}
	return r, nil
}

// Find returns the learner called name.
func Find(ctx context.Context, store progress.Store, name string) (progress.Profile, error) {
	n, err := CheckName(name)
	if err != nil {
		return progress.Profile{}, fmt.Errorf("learner name %q: %w", name, err)
	}
	p, err := store.ProfileByName(ctx, n)
	if errors.Is(err, progress.ErrNotFound) {
		return p, fmt.Errorf("no learner called %q on this computer: %w", n, progress.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("find learner %q: %w", n, err)
	}
	return p, nil
}

// Create adds a learner with a role. A name that is taken (or looks the
// same as one that is) wraps progress.ErrExists.
func Create(ctx context.Context, store progress.Store, name string, role content.Role) (progress.Profile, error) {
	n, err := CheckName(name)
	if err != nil {
		return progress.Profile{}, err
	}
	if _, ok := content.ParseRole(string(role)); !ok {
		return progress.Profile{}, fmt.Errorf("unknown role %q", role)
	}
	p, err := store.CreateProfile(ctx, n, role)
	if err != nil {
		return p, fmt.Errorf("create learner %q: %w", n, err)
	}
	return p, nil
}

// Only returns the one learner on this computer. With none it returns
// ErrNoLearner; with several, an error wrapping ErrSeveral that names them.
func Only(ctx context.Context, store progress.Store) (progress.Profile, error) {
	ps, err := store.Profiles(ctx)
	if err != nil {
		return progress.Profile{}, fmt.Errorf("list learners: %w", err)
	}
	switch len(ps) {
	case 0:
		return progress.Profile{}, ErrNoLearner
	case 1:
		return ps[0], nil
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return progress.Profile{}, fmt.Errorf("%w use this computer (%s)", ErrSeveral, strings.Join(names, ", "))
}

// Resolve finds who is learning for a command or an app that was started
// with --profile NAME (name may be empty) and --role ROLE (may be empty):
//
//   - a name that exists is that learner;
//   - a new name with a role is created with it;
//   - a new name without a role returns ErrNeedRole, unless fallback is
//     set, which is then the new learner's role;
//   - no name is the only learner (see Only).
func Resolve(ctx context.Context, store progress.Store, name, role string, fallback content.Role) (progress.Profile, error) {
	if name == "" {
		return Only(ctx, store)
	}
	p, err := Find(ctx, store, name)
	if err == nil || !errors.Is(err, progress.ErrNotFound) {
		return p, err
	}
	r := fallback
	if role != "" {
		if r, err = ParseRole(role); err != nil {
			return p, err
		}
	}
	if r == "" {
		return p, ErrNeedRole
	}
	return Create(ctx, store, name, r)
}
