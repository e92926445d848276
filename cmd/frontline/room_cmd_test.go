package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontline/internal/activity"
	"frontline/internal/app"
	"frontline/internal/content"
	"frontline/internal/progress/progresstest"
	"frontline/internal/room"
)

// takeRoomExam has trainee name join room r and pass module's exam in
// the room's store, sealed with the trainer's key (as a seat does).
func takeRoomExam(t *testing.T, r *room.Room, lib *content.Library, seal activity.Sealer, name, module string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	j, err := r.Join(ctx, room.JoinRequest{Name: name, Role: content.RolePolice, Term: room.Terminal{Env: []string{"TERM=xterm"}}})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := lib.Module(module)
	p, err := activity.Find(ctx, r.Store(), j.Name)
	if err != nil {
		t.Fatal(err)
	}
	l := &activity.Learner{Store: r.Store(), Profile: p, Seal: seal, Signed: true}
	x, err := l.OpenSitting(ctx, lib, m, activity.Sitting{Settings: m.Exam, Started: time.Now().Add(-time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Begin().Save(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range x.E.Questions {
		q := x.E.Question(i)
		if err := x.Answer(i, x.E.ToShown(i, q.Correct())).Save(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Submit().Save(ctx); err != nil {
		t.Fatal(err)
	}
	if !x.Result().Passed {
		t.Fatalf("%s did not pass", name)
	}
}

// TestRoomExportAndCertificates: the class's results of a room come out
// of 'room export' in each format, and a trainee's certificate is signed
// on the trainer's computer from the room's records and verifies there.
func TestRoomExportAndCertificates(t *testing.T) {
	trainer := progresstest.PrivateDir(t)
	if _, errs, code := runCmd(t, trainer, "", "issuer", "init", "--name", "Workshop Academy"); code != 0 {
		t.Fatalf("issuer init: %s", errs)
	}
	lib, err := app.LoadLibrary(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	key, err := app.IssuerKey(trainer)
	if err != nil || key == nil {
		t.Fatalf("issuer key: %v", err)
	}
	r, err := room.OpenRoom(room.RoomConfig{Name: "class-1", DataDir: trainer, Library: lib, Theme: "dark", Seal: app.Sealer(key), Signed: true})
	if err != nil {
		t.Fatal(err)
	}
	takeRoomExam(t, r, lib, app.Sealer(key), "Ana Lopez", "foundations")
	if _, err := r.Join(context.Background(), room.JoinRequest{Name: "@Ben", Role: content.RoleHealth, Term: room.Terminal{Env: []string{"TERM=xterm"}}}); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}

	out, errs, code := runCmd(t, trainer, "", "room", "export", "class-1")
	if code != 0 || !strings.HasPrefix(out, "record,trainee,role,activity") {
		t.Fatalf("room export: %d %s\n%s", code, errs, out)
	}
	var exam string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "activity,Ana Lopez,police,exam,foundations,") {
			exam = l
		}
		if strings.HasPrefix(l, "activity,@Ben") {
			t.Errorf("a name starting with @ reached a cell as it is: %s", l)
		}
	}
	if !strings.Contains(exam, ",pass,") || !strings.Contains(exam, ",true,") {
		t.Errorf("Ana's exam row: %q\n%s", exam, out)
	}
	if !strings.Contains(out, "\ncategory,,,class summary,") {
		t.Errorf("no class summary rows:\n%s", out)
	}
	file := filepath.Join(t.TempDir(), "summary.md")
	if _, errs, code := runCmd(t, trainer, "", "room", "export", "class-1", "-o", file); code != 0 {
		t.Fatalf("room export -o: %s", errs)
	}
	md, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(md), "# Workshop room class-1") {
		t.Errorf("summary: %v\n%s", err, md)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("summary mode %v", fi.Mode())
	}
	if out, _, code := runCmd(t, trainer, "", "room", "export", "class-1", "--format", "json"); code != 0 || !strings.Contains(out, `"format": "frontline-class"`) {
		t.Errorf("json export: %d", code)
	}
	if _, errs, code := runCmd(t, trainer, "", "room", "export", "class-2"); code != 1 || !strings.Contains(errs, "no such room") || !strings.Contains(errs, "class-1") {
		t.Errorf("a room that is not there: %d %s", code, errs)
	}
	if _, errs, code := runCmd(t, trainer, "", "room", "export", "class-1", "--format", "xls"); code != 2 || !strings.Contains(errs, "--format") {
		t.Errorf("a bad format: %d %s", code, errs)
	}

	// The certificate is signed here, from the room's records.
	cert := filepath.Join(t.TempDir(), "ana.txt")
	out, errs, code = runCmd(t, trainer, "", "--profile", "Ana Lopez", "certificate", "--room", "class-1", "--module", "foundations", "-o", cert)
	if code != 0 || !strings.Contains(out, "Signed by Workshop Academy") {
		t.Fatalf("certificate --room: %d %s\n%s", code, errs, out)
	}
	out, errs, code = runCmd(t, trainer, "", "certificate", "verify", cert, "--room", "class-1")
	if code != 0 || !strings.Contains(out, "VALID") {
		t.Errorf("verify --room: %d %s\n%s", code, errs, out)
	}
	if _, errs, code := runCmd(t, trainer, "", "--profile", "Ana Lopez", "certificate", "--room", "nope", "--module", "foundations"); code != 1 || !strings.Contains(errs, "no such room") {
		t.Errorf("certificate in a room that is not there: %d %s", code, errs)
	}
}
