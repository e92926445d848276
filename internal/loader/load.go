package loader

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"frontline/internal/content"
	"frontline/internal/textsafe"
)

// item remembers where a module or scenario came from, for messages that
// compare one file with another.
type item struct {
	f  *file
	fm *frontMatter
}

// loadState is one Load call.
type loadState struct {
	metaOnly bool
	lib      *content.Library
	problems []Problem
	modules  map[string]item
	scens    map[string]item
	catFile  *file
	// glossFile is the file the glossary came from.
	glossFile *file
	// versions lists, per "module:id" or "scenario:id", every item that
	// claimed the id, oldest first, so that when a check across files
	// skips the newest the one it replaced takes its place again.
	versions map[string][]version
	// declared maps a source to the jurisdiction its jurisdiction modules
	// declare, and declaredBy to the file that declared it (jurisdiction.go).
	declared, declaredBy map[string]string
	jurisdictionSrc      Source
}

// version is one item that claimed an id: its value (a *content.Module or
// *content.Scenario), where it came from, and the notice that said it
// replaced the one before (-1 for none).
type version struct {
	value  any
	it     item
	notice int
}

// Load reads every source in order and returns what loaded and every
// problem found. Later sources override earlier ones: an item with the same
// id replaces the earlier item, and a Notice says so. Problems of reference
// sources are not returned.
func Load(sources ...Source) (*content.Library, []Problem) {
	return loadAll(false, sources)
}

// Index reads only the front matter of every module and scenario: enough
// to list them (ids, titles, summaries, roles, levels, requires, content
// notes) at a fraction of the cost of Load. Pages, questions, scenes and the
// catalogue are left empty, and only problems found in the front matter are
// reported. Use Load for everything else.
func Index(sources ...Source) (*content.Library, []Problem) {
	return loadAll(true, sources)
}

func loadAll(metaOnly bool, sources []Source) (*content.Library, []Problem) {
	st := &loadState{
		metaOnly: metaOnly,
		lib:      &content.Library{},
		modules:  map[string]item{},
		scens:    map[string]item{},
		versions: map[string][]version{},
		declared: map[string]string{}, declaredBy: map[string]string{},
	}
	for _, src := range sources {
		st.loadSource(src)
	}
	if !metaOnly {
		st.crossCheck()
	}
	st.applyJurisdiction()
	SortProblems(st.problems)
	return st.lib, st.problems
}

func (st *loadState) report(src Source, ps ...Problem) {
	if !src.Reference {
		st.problems = append(st.problems, ps...)
	}
}

func (st *loadState) loadSource(src Source) {
	type job struct {
		folder string
		name   string
		entry  fs.DirEntry
	}
	var jobs []job
	for _, folder := range []string{"modules", "scenarios"} {
		entries, err := fs.ReadDir(src.FS, folder)
		if errors.Is(err, fs.ErrNotExist) {
			continue // a folder may bring only modules or only scenarios
		}
		if err != nil {
			st.report(src, Problem{File: src.display(folder), Line: 1, Col: 1, Severity: Error,
				Message: fmt.Sprintf("cannot list this folder (%v), so nothing in it was checked; make it a readable folder inside the content folder", err)})
			continue
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".md") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			jobs = append(jobs, job{folder, path.Join(folder, e.Name()), e})
		}
	}
	// Files are read and parsed in parallel; they are merged in order, so
	// the result does not depend on scheduling.
	results := make([]*parsed, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				p := &parsed{folder: j.folder, metaOnly: st.metaOnly}
				p.f, p.readErr = readFile(src, j.name, j.entry)
				if p.f != nil {
					parseFileSafely(p)
				}
				results[i] = p
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	seen := map[string]string{} // kind:id -> file, within this source
	for _, p := range results {
		if p.f == nil {
			st.report(src, *p.readErr)
			continue
		}
		st.merge(src, p, seen)
		st.report(src, p.f.problems...)
	}
}

// readFile reads one file within the size limit; it reports and returns
// nil for files that cannot be read.
func readFile(src Source, name string, e fs.DirEntry) (*file, *Problem) {
	display := src.display(name)
	bad := func(msg string, args ...any) (*file, *Problem) {
		return nil, &Problem{File: display, Line: 1, Col: 1, Severity: Error, Message: fmt.Sprintf(msg, args...)}
	}
	if off, what := textsafe.Check(e.Name()); off >= 0 || strings.ContainsAny(e.Name(), "\t\n") {
		if off < 0 {
			what = "tab or line break"
		}
		return bad("the file name holds %s; rename the file (file names appear in messages and must be plain text)", article(what))
	}
	if !e.Type().IsRegular() {
		return bad("not a regular file (a link, folder or device); content files must be ordinary files inside the content folder")
	}
	info, err := e.Info()
	if err != nil {
		return bad("cannot read: %v", err)
	}
	if info.Size() > MaxFileSize {
		return bad("file is %d KiB; the limit is %d KiB: split it into smaller modules", info.Size()>>10, MaxFileSize>>10)
	}
	fh, err := src.FS.Open(name)
	if err != nil {
		return bad("cannot read: %v", err)
	}
	defer fh.Close()
	// Room for the size the file reported, so that reading it takes one
	// allocation; a file that grew since is still read up to the limit.
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(fh, MaxFileSize+1)); err != nil {
		return bad("cannot read: %v", err)
	}
	raw := buf.Bytes()
	if len(raw) > MaxFileSize {
		return bad("file is larger than the %d KiB limit", MaxFileSize>>10)
	}
	return newFile(src, name, raw), nil
}

// parsed is one file after parsing, before it joins the library.
type parsed struct {
	metaOnly bool
	folder   string
	f        *file
	readErr  *Problem
	fm       *frontMatter
	module   *content.Module
	scen     *content.Scenario
	cat      *content.Catalogue
	gloss    *content.Glossary
}

// parseFileSafely parses one file; a failure inside the parser becomes a
// problem on that file instead of stopping the program.
func parseFileSafely(p *parsed) {
	defer func() {
		if r := recover(); r != nil {
			p.module, p.scen, p.cat, p.gloss = nil, nil, nil, nil
			p.f.errorf(1, 1, "this file could not be read (internal error: %v); please report it with the file attached", r)
		}
	}()
	parseFile(p)
}

// validID reports a module or scenario id: lower-case ASCII letters,
// digits, hyphens, underscores and dots, starting with a letter or digit
// (so "." and ".." are not ids), at most 80 bytes.
var validID = func(id string) bool {
	if id == "" || len(id) > 80 || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= '0' && id[0] <= '9') {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// parseFile parses one file on its own; checks that need other files
// come later.
func parseFile(p *parsed) {
	f, folder := p.f, p.folder
	if !p.metaOnly && !f.checkText(-1) {
		return
	}
	yml, yline, bodyOff, ok := f.splitFrontMatter()
	if !ok {
		return
	}
	// Index checks only what it reads: the front matter.
	if p.metaOnly && !f.checkText(bodyOff) {
		return
	}
	fm, ok := f.parseFrontMatter(yml, yline, folder)
	if !ok {
		return
	}
	p.fm = fm
	if fm.ID == "" {
		fm.ID = strings.TrimSuffix(path.Base(f.name), ".md")
	}
	if !validID(fm.ID) {
		f.errorf(fm.line("id"), 1, "id %q may use only lower-case letters, digits, hyphens, underscores and dots, and must start with a letter or digit", fm.ID)
		return
	}
	meta := metaOf(f, fm)
	if p.metaOnly {
		switch {
		case folder == "modules" && (fm.Kind == "" || fm.Kind == "module"):
			p.module = &content.Module{Meta: meta}
			p.module.Title = firstNonEmpty(fm.Title, fm.ID)
		case folder == "scenarios":
			p.scen = &content.Scenario{Meta: meta}
			p.scen.Title = firstNonEmpty(fm.Title, fm.ID)
		}
		return
	}
	md := f.parseMarkdown(bodyOff)
	md.checkTerms()
	md.checkLinks()
	switch kind := fm.Kind; {
	case folder == "modules" && kind == "catalogue":
		cat := &content.Catalogue{File: f.path, Indicators: map[string]*content.Indicator{}}
		md.parseCatalogue(cat)
		p.cat = cat
	case folder == "modules" && kind == "glossary":
		g := &content.Glossary{File: f.path}
		md.parseGlossary(g)
		p.gloss = g
	case folder == "modules" && (kind == "" || kind == "module"):
		mod := &content.Module{Meta: meta}
		md.parseModule(mod)
		mod.Meta.Title = firstNonEmpty(fm.Title, mod.Title)
		if mod.Title == "" {
			f.errorf(1, 1, "module has no title; add 'title:' to the front matter")
		}
		checkQuestionIDs(f, mod.Questions)
		checkItems(f, mod.Questions)
		q, limit, pass, attempts, review := f.parseExam(fm.Exam, fm.line("exam"), len(mod.Questions))
		mod.Exam = content.ExamSettings{Questions: q, TimeLimit: limit, PassMark: pass, Attempts: attempts, Review: content.ReviewMode(review)}
		p.module = mod
	case folder == "scenarios" && (kind == "" || kind == "scenario"):
		sc := &content.Scenario{Meta: meta}
		md.parseScenario(sc, fm.Start, fm.line("start"))
		sc.Meta.Title = firstNonEmpty(fm.Title, sc.Title)
		if sc.Title == "" {
			f.errorf(1, 1, "scenario has no title; add 'title:' to the front matter")
		}
		for _, s := range sc.Scenes {
			checkQuestionIDs(f, s.Checkpoints)
		}
		checkScenarioItems(f, sc)
		p.scen = sc
	default:
		f.errorf(fm.line("kind"), 1, "kind %q is not known in %s/; use 'catalogue' for the indicator catalogue, 'glossary' for the glossary of terms, or leave 'kind' out", kind, folder)
	}
}

// merge adds a parsed file to the library, unless it has errors.
func (st *loadState) merge(src Source, p *parsed, seen map[string]string) {
	f := p.f
	switch {
	case p.cat != nil:
		if f.hasErrors() {
			return
		}
		if st.lib.Catalogue != nil && st.catFile != nil && st.catFile.src.Name != src.Name {
			st.notice(src, "the indicator catalogue from %s replaces the one from %s", src.Name, st.catFile.src.Name)
		}
		st.lib.Catalogue, st.catFile = p.cat, f
	case p.gloss != nil:
		if f.hasErrors() {
			return
		}
		if st.lib.Glossary != nil && st.glossFile != nil && st.glossFile.src.Name != src.Name {
			st.notice(src, "the glossary from %s replaces the one from %s", src.Name, st.glossFile.src.Name)
		}
		st.lib.Glossary, st.glossFile = p.gloss, f
	case p.module != nil:
		if !st.claim(src, f, "module", p.fm.ID, seen) || f.hasErrors() {
			return
		}
		addItem(st, src, "module", &st.lib.Modules, st.modules, p.module, item{f, p.fm})
		st.declareJurisdiction(src, f, p.fm, p.module.Jurisdiction)
	case p.scen != nil:
		if !st.claim(src, f, "scenario", p.fm.ID, seen) || f.hasErrors() {
			return
		}
		addItem(st, src, "scenario", &st.lib.Scenarios, st.scens, p.scen, item{f, p.fm})
	}
}

// claim records id for this source; a second file with the same id in the
// same source is an error.
func (st *loadState) claim(src Source, f *file, what, id string, seen map[string]string) bool {
	key := what + ":" + id
	if other, dup := seen[key]; dup {
		f.errorf(1, 1, "duplicate %s id %q: %s already uses it; give each %s its own id", what, id, other, what)
		return false
	}
	seen[key] = f.path
	return true
}

func checkQuestionIDs(f *file, qs []content.Question) {
	ids := map[string]int{}
	for _, q := range qs {
		if prev, dup := ids[q.ID]; dup {
			f.errorf(q.Line, 1, "question id %q is used twice in this file (also at line %d); ids must be unique so progress is kept per question", q.ID, prev)
		}
		ids[q.ID] = q.Line
	}
}

func metaOf(f *file, fm *frontMatter) content.Meta {
	sum := sha256.Sum256(f.text)
	m := content.Meta{
		ID: fm.ID, Title: fm.Title, Summary: fm.Summary, Minutes: fm.Minutes,
		Requires: fm.Requires, ContentNote: strings.TrimSpace(fm.ContentNote), Sources: fm.Sources,
		Version: fm.Version, Jurisdiction: f.checkJurisdiction(fm), File: f.path, Origin: f.src.Name,
		Fingerprint: hex.EncodeToString(sum[:8]),
	}
	roles := fm.Roles
	if fm.Role != "" {
		roles = append([]string{fm.Role}, roles...)
	}
	for _, r := range roles {
		role, ok := content.ParseRole(r)
		if !ok {
			var names []string
			for _, x := range content.Roles {
				names = append(names, string(x))
			}
			f.errorf(fm.line("roles"), 1, "unknown role %q; roles are: %s", r, strings.Join(names, ", "))
			continue
		}
		m.Roles = append(m.Roles, role)
	}
	switch content.Level(fm.Level) {
	case content.LevelIntro, content.LevelCore, content.LevelAdvanced:
		m.Level = content.Level(fm.Level)
	case "":
		m.Level = content.LevelCore
	default:
		f.errorf(fm.line("level"), 1, "level %q: use intro, core or advanced", fm.Level)
	}
	if fm.Minutes < 0 {
		f.errorf(fm.line("minutes"), 1, "minutes cannot be negative")
	}
	return m
}

func (st *loadState) notice(src Source, format string, args ...any) {
	if !src.Reference {
		st.lib.Notices = append(st.lib.Notices, fmt.Sprintf(format, args...))
	}
}

// addItem appends an item to list, or replaces the item with the same id
// that an earlier source brought, with a notice saying so.
func addItem[T interface{ GetID() string }](st *loadState, src Source, what string, list *[]T, seen map[string]item, x T, it item) {
	id := x.GetID()
	notice := -1
	if old, ok := seen[id]; ok {
		for i, y := range *list {
			if y.GetID() == id {
				(*list)[i] = x
			}
		}
		n := len(st.lib.Notices)
		st.notice(src, "%s %q from %s replaces the one from %s", what, id, src.Name, old.f.src.Name)
		if len(st.lib.Notices) > n {
			notice = n
		}
	} else {
		*list = append(*list, x)
	}
	seen[id] = it
	st.versions[what+":"+id] = append(st.versions[what+":"+id], version{value: x, it: it, notice: notice})
}

// crossCheck reports problems between files: requires that name missing
// modules or form a cycle, and indicator ids missing from the catalogue.
//
// Like any error, each of these skips its file: the item does not load
// (see skipBad), so what the messages say ("file skipped") is what happens.
func (st *loadState) crossCheck() {
	bad := map[*file]bool{}
	defer st.skipBad(bad)
	crossErr := func(it item, line int, format string, args ...any) {
		bad[it.f] = true
		if it.f.src.Reference {
			return
		}
		st.problems = append(st.problems, Problem{File: it.f.path, Line: line, Col: 1, Severity: Error,
			Message: fmt.Sprintf(format, args...), Text: it.f.lineText(line)})
	}
	checkRequires := func(id string, reqs []string, it item) {
		for _, r := range reqs {
			if _, ok := st.modules[r]; !ok {
				crossErr(it, it.fm.line("requires"), "requires %q, but no module has that id", r)
			}
		}
	}
	for _, m := range st.lib.Modules {
		checkRequires(m.ID, m.Requires, st.modules[m.ID])
	}
	for _, s := range st.lib.Scenarios {
		checkRequires(s.ID, s.Requires, st.scens[s.ID])
	}
	// requires cycles, by depth-first search over modules.
	state := map[string]int{} // 0 new, 1 on stack, 2 done
	var stack []string
	var visit func(id string)
	visit = func(id string) {
		state[id] = 1
		stack = append(stack, id)
		m, _ := st.lib.Module(id)
		for _, r := range m.Requires {
			if _, ok := st.modules[r]; !ok {
				continue
			}
			switch state[r] {
			case 0:
				visit(r)
			case 1:
				i := indexOf(stack, r)
				cycle := append(append([]string{}, stack[i:]...), r)
				crossErr(st.modules[id], st.modules[id].fm.line("requires"), "requires form a cycle: %s; no one could ever start these modules", strings.Join(cycle, " → "))
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = 2
	}
	ids := make([]string, 0, len(st.modules))
	for id := range st.modules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if state[id] == 0 {
			visit(id)
		}
	}
	// indicator ids
	cat := st.lib.Catalogue
	checkTags := func(it item, q content.Question) {
		for _, id := range q.Indicators {
			if _, ok := cat.Lookup(id); !ok {
				msg := "unknown indicator id %q; it is not in the indicator catalogue (modules/indicators.md)"
				if cat == nil {
					msg = "unknown indicator id %q: no indicator catalogue loaded"
				}
				line := q.IndicatorsLine
				if line == 0 {
					line = q.Line
				}
				crossErr(it, line, msg+"%s", id, suggestIndicator(cat, id))
			}
		}
	}
	// Every version of an id is checked, so that one brought back in
	// place of a skipped replacement is known to be sound.
	for _, key := range st.versionKeys() {
		for _, v := range st.versions[key] {
			switch x := v.value.(type) {
			case *content.Module:
				for _, q := range x.Questions {
					checkTags(v.it, q)
				}
			case *content.Scenario:
				for _, sc := range x.Scenes {
					for _, q := range sc.Checkpoints {
						checkTags(v.it, q)
					}
				}
			}
		}
	}
}

// versionKeys lists the keys of st.versions in a stable order.
func (st *loadState) versionKeys() []string {
	keys := make([]string, 0, len(st.versions))
	for k := range st.versions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// skipBad takes out of the library every module and scenario whose file
// has an error found across files. Where the skipped item replaced one
// from an earlier source, the newest sound version takes its place again,
// and the notices say which one is used.
func (st *loadState) skipBad(bad map[*file]bool) {
	if len(bad) == 0 {
		return
	}
	dropNotice := map[int]bool{}
	var notices []string
	for _, key := range st.versionKeys() {
		vs := st.versions[key]
		newest := vs[len(vs)-1]
		if !bad[newest.it.f] {
			continue
		}
		keep := -1
		for i := len(vs) - 1; i >= 0; i-- {
			if !bad[vs[i].it.f] {
				keep = i
				break
			}
		}
		for i := keep + 1; i < len(vs); i++ {
			if vs[i].notice >= 0 {
				dropNotice[vs[i].notice] = true
			}
		}
		what, id, _ := strings.Cut(key, ":")
		if keep >= 0 && !newest.it.f.src.Reference {
			notices = append(notices, fmt.Sprintf("%s %q from %s has errors and was skipped; the one from %s is used", what, id, newest.it.f.src.Name, vs[keep].it.f.src.Name))
		}
		switch what {
		case "module":
			st.lib.Modules = restore(st.lib.Modules, id, vs, keep)
			if keep >= 0 {
				st.modules[id] = vs[keep].it
			} else {
				delete(st.modules, id)
			}
		case "scenario":
			st.lib.Scenarios = restore(st.lib.Scenarios, id, vs, keep)
			if keep >= 0 {
				st.scens[id] = vs[keep].it
			} else {
				delete(st.scens, id)
			}
		}
	}
	kept := st.lib.Notices[:0]
	for i, n := range st.lib.Notices {
		if !dropNotice[i] {
			kept = append(kept, n)
		}
	}
	st.lib.Notices = append(kept, notices...)
}

// restore puts version keep of id back in list, or takes id out of it
// when keep is -1.
func restore[T interface{ GetID() string }](list []T, id string, vs []version, keep int) []T {
	for i, y := range list {
		if y.GetID() != id {
			continue
		}
		if keep < 0 {
			return append(list[:i:i], list[i+1:]...)
		}
		list[i] = vs[keep].value.(T)
		return list
	}
	return list
}

func suggestIndicator(cat *content.Catalogue, id string) string {
	if cat == nil {
		return ""
	}
	ids := make([]string, 0, len(cat.Indicators))
	for k := range cat.Indicators {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	best, bestD := "", 1<<30
	for _, k := range ids {
		if d := distance(id, k); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= len(id)/3+1 {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// counted is "1 question", "2 questions": n with a regular noun, in the
// plural when n is not 1 (as activity.Count words it for learners).
func counted(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
