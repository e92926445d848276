package room

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"frontline/internal/content"
	"frontline/internal/export"
	"frontline/internal/progress"
	"frontline/internal/workshop"
)

// Results are the files Export writes in the room's folder: the class's
// results as CSV and JSON, and the printable summary.
var Results = []string{"results.csv", "results.json", "summary.md"}

// trainees lists the roster for an export, in the order trainees joined.
func (r *Room) traineesForExport() []export.Trainee {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]export.Trainee, 0, len(r.trainees))
	for _, t := range r.trainees {
		out = append(out, export.Trainee{Profile: progress.Profile{ID: t.ProfileID, Name: t.Name, Role: t.Role}, Joined: t.Joined, Removed: t.Removed})
	}
	sortTrainees(out)
	return out
}

func sortTrainees(ts []export.Trainee) {
	sort.Slice(ts, func(i, j int) bool {
		if !ts[i].Joined.Equal(ts[j].Joined) {
			return ts[i].Joined.Before(ts[j].Joined)
		}
		return ts[i].Profile.Name < ts[j].Profile.Name
	})
}

// Class reads the class's results from the room's store.
func (r *Room) Class(ctx context.Context) (*export.Class, error) {
	return export.BuildClass(ctx, r.store, r.cfg.Library, r.cfg.Name, r.traineesForExport(), r.now())
}

// Export writes the class's results into the room's folder (Results),
// each file atomically and private (0600), and returns their paths.
func (r *Room) Export() (workshop.Exported, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := r.Class(ctx)
	if err != nil {
		return workshop.Exported{}, fmt.Errorf("export the class's results: %w", err)
	}
	var out workshop.Exported
	for _, name := range Results {
		path := filepath.Join(r.dir, name)
		format := map[string]string{".csv": "csv", ".json": "json", ".md": "md"}[filepath.Ext(name)]
		if err := export.ToFile(path, func(w io.Writer) error { return c.Write(w, format) }); err != nil {
			return out, fmt.Errorf("write %s: %w", path, err)
		}
		out.Files = append(out.Files, path)
	}
	return out, nil
}

// ErrNoRoom: there is no room of that name in the data folder.
var ErrNoRoom = errors.New("no such room")

// ReadRoster reads the trainees of room name in the data folder without
// opening the room (a room may be running meanwhile).
func ReadRoster(dataDir, name string) ([]export.Trainee, error) {
	if !ValidRoomName(name) {
		return nil, fmt.Errorf("room %q: use letters, digits, '.', '-' and '_' (at most 64, starting with a letter or digit)", name)
	}
	path := filepath.Join(RoomDir(dataDir, name), RosterFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w %q in %s%s", ErrNoRoom, name, dataDir, roomsHint(dataDir))
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var f rosterFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []export.Trainee
	for _, t := range f.Trainees {
		if t == nil || t.Name == "" {
			continue
		}
		out = append(out, export.Trainee{Profile: progress.Profile{ID: t.ProfileID, Name: t.Name, Role: t.Role}, Joined: t.Joined, Removed: t.Removed})
	}
	sortTrainees(out)
	return out, nil
}

// roomsHint names the rooms there are, for a message.
func roomsHint(dataDir string) string {
	entries, err := os.ReadDir(filepath.Join(dataDir, "rooms"))
	if err != nil || len(entries) == 0 {
		return " (it has no rooms)"
	}
	var names []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(dataDir, "rooms", e.Name(), RosterFile)); e.IsDir() && err == nil {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return " (it has no rooms)"
	}
	return fmt.Sprintf(" (its rooms: %s)", strings.Join(names, ", "))
}

// ReadClass reads a room's results from its folder: its roster and its
// store (opened with open, closed after).
func ReadClass(ctx context.Context, dataDir, name string, lib *content.Library, open func(dir string) (progress.Store, error), now time.Time) (*export.Class, error) {
	ts, err := ReadRoster(dataDir, name)
	if err != nil {
		return nil, err
	}
	st, err := open(RoomDir(dataDir, name))
	if err != nil {
		return nil, err
	}
	defer st.Close() //nolint:errcheck // read only
	return export.BuildClass(ctx, st, lib, name, ts, now)
}
