package loader

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"frontline"
)

// Source is one content folder: an fs.FS with modules/ and scenarios/ at
// its root.
type Source struct {
	// Name is how messages name the folder: "bundled" or a path.
	Name string
	// Prefix is joined to file paths in problems ("" for bundled content).
	Prefix string
	FS     fs.FS
	// Reference marks a source loaded only so others can refer to it (its
	// catalogue, its module ids): its problems and items are not reported
	// or counted by Check.
	Reference bool
}

// Bundled returns the curriculum embedded in the binary.
func Bundled() Source {
	return Source{Name: "bundled", FS: frontline.Content()}
}

// Dir returns a trainer's content folder on disk. Reads cannot leave the
// folder, even through symbolic links.
func Dir(path string) (Source, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Source{}, fmt.Errorf("content folder: %w", err)
	}
	if !info.IsDir() {
		return Source{}, fmt.Errorf("content folder %s: not a folder", path)
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return Source{}, fmt.Errorf("content folder: %w", err)
	}
	fsys := root.FS()
	if !hasContentDirs(fsys) {
		return Source{}, fmt.Errorf("content folder %s has neither modules/ nor scenarios/ inside it; a content folder has the same layout as the bundled one", path)
	}
	return Source{Name: path, Prefix: filepath.Clean(path), FS: fsys}, nil
}

func hasContentDirs(fsys fs.FS) bool {
	for _, d := range []string{"modules", "scenarios"} {
		if st, err := fs.Stat(fsys, d); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// display returns the path of name as problems show it.
func (s Source) display(name string) string {
	if s.Prefix == "" {
		return name
	}
	return filepath.Join(s.Prefix, filepath.FromSlash(name))
}
