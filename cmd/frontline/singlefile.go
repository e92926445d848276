package main

import (
	"io/fs"
	"path"
)

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
