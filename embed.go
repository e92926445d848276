// Package frontline embeds the bundled curriculum: the modules/ and
// scenarios/ folders of this repository, read through an fs.FS so the
// binary runs from any folder.
package frontline

import (
	"embed"
	"io/fs"
)

//go:embed modules scenarios
var bundled embed.FS

// Content returns the bundled curriculum as a content folder with modules/
// and scenarios/ at its root.
func Content() fs.FS { return bundled }
