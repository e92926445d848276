// Package deps pins the modules the project builds on until each is imported by real code.
package deps

import (
	_ "github.com/charmbracelet/bubbles/help"
	_ "github.com/charmbracelet/bubbles/key"
	_ "github.com/charmbracelet/bubbles/list"
	_ "github.com/charmbracelet/bubbles/progress"
	_ "github.com/charmbracelet/bubbles/textinput"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/glamour"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/x/ansi"
	_ "github.com/go-pdf/fpdf"
	_ "github.com/muesli/termenv"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/yuin/goldmark"
	_ "go.yaml.in/yaml/v3"
	_ "modernc.org/sqlite"
)
