package loader

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"frontline/internal/content"
)

// Report is what checking content found: how much of it loaded, and its
// problems. It is the JSON output of 'frontline validate'.
type Report struct {
	Modules    int       `json:"modules"`
	Scenarios  int       `json:"scenarios"`
	Questions  int       `json:"questions"`
	Indicators int       `json:"indicators"`
	Errors     int       `json:"errors"`
	Warnings   int       `json:"warnings"`
	Problems   []Problem `json:"problems"`
}

// Validate checks content. With no paths it checks the bundled content and
// the extra folders; with paths, those (content folders, or single Markdown
// files inside a modules/ or scenarios/ folder) together with the extra
// folders, against the bundled content. The counts are of what was checked.
func Validate(extra, paths []string) (Report, error) {
	checked := map[string]bool{}
	sources := []Source{Bundled()}
	if len(paths) == 0 {
		checked["bundled"] = true
		paths = extra
	} else {
		sources[0].Reference = true
		paths = append(append([]string{}, extra...), paths...)
	}
	for _, p := range paths {
		src, err := PathSource(p)
		if err != nil {
			return Report{}, err
		}
		checked[src.Name] = true
		sources = append(sources, src)
	}
	lib, problems := Load(sources...)
	rep := count(lib, checked)
	rep.Problems = problems
	if rep.Problems == nil {
		rep.Problems = []Problem{}
	}
	rep.Errors, rep.Warnings = Count(problems)
	return rep, nil
}

// PathSource turns a path into a content source: a content folder, or a
// single Markdown file inside a modules/ or scenarios/ folder.
func PathSource(p string) (Source, error) {
	info, err := os.Stat(p)
	if err != nil {
		return Source{}, fmt.Errorf("%s: %w", p, err)
	}
	if info.IsDir() {
		return Dir(p)
	}
	dir := filepath.Base(filepath.Dir(p))
	if dir != "modules" && dir != "scenarios" {
		return Source{}, fmt.Errorf("%s: a single file must be inside a modules/ or scenarios/ folder, so it is known whether it is a module or a scenario", p)
	}
	src, err := Dir(filepath.Dir(filepath.Dir(p)))
	if err != nil {
		return Source{}, err
	}
	src.FS = singleFile{src.FS, dir + "/" + filepath.Base(p)}
	return src, nil
}

func count(lib *content.Library, checked map[string]bool) Report {
	var r Report
	for _, m := range lib.Modules {
		if checked[m.Origin] {
			r.Modules++
			r.Questions += len(m.Questions)
		}
	}
	for _, s := range lib.Scenarios {
		if checked[s.Origin] {
			r.Scenarios++
		}
	}
	if lib.Catalogue != nil {
		for name := range checked {
			if name == "bundled" && lib.Catalogue.File == "modules/indicators.md" || filepath.Dir(filepath.Dir(lib.Catalogue.File)) == name {
				r.Indicators = len(lib.Catalogue.Indicators)
			}
		}
	}
	return r
}

// singleFile is a content folder narrowed to one file, for validating a
// single module or scenario.
type singleFile struct {
	fs.FS
	name string
}

// ReadDir lists only the chosen file.
func (s singleFile) ReadDir(dir string) ([]fs.DirEntry, error) {
	if dir != path.Dir(s.name) {
		return nil, fs.ErrNotExist
	}
	entries, err := fs.ReadDir(s.FS, dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Name() == path.Base(s.name) {
			return []fs.DirEntry{e}, nil
		}
	}
	return nil, fs.ErrNotExist
}
