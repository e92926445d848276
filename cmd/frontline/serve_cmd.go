package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"frontline/internal/app"
	"frontline/internal/progress"
	"frontline/internal/room"
)

// shutdownWait is how long an orderly end may take before it is forced.
const shutdownWait = 5 * time.Second

// runServe runs the workshop room: an SSH server trainees join from their
// own terminals. It prints the command they type, the room code and the
// host key's fingerprint, follows the room on Stderr, and ends the
// workshop on ctrl+c or SIGTERM (a second signal forces the end).
func runServe(env *Env, args []string) int {
	fs := newFlagSet(env, "serve", "serve [--listen :2222] [--room NAME] [--max-sessions 60] [--idle 30m] [--authorized-keys FILE]")
	listen := fs.String("listen", ":2222", "`ADDRESS` to listen on (host:port; \":2222\" is every network interface)")
	roomName := fs.String("room", "", "room `NAME` (default: today's date, such as 2026-03-14); the same name reopens the room")
	maxSessions := fs.Int("max-sessions", 60, "most trainees at once (`N`)")
	idle := fs.Duration("idle", 30*time.Minute, "close a connection after this long without a key (`DURATION`, warned a minute before; 0 never)")
	keys := fs.String("authorized-keys", "", "OpenSSH authorized_keys `FILE` whose keys join without the room code")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "frontline serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	switch {
	case *maxSessions < 1 || *maxSessions > 1000:
		fmt.Fprintf(env.Stderr, "frontline serve: --max-sessions %d: use 1 to 1000\n", *maxSessions)
		return exitUsage
	case *idle < 0 || *idle > 0 && *idle < 2*time.Minute:
		fmt.Fprintf(env.Stderr, "frontline serve: --idle %s: use 0 (never) or at least 2m (a warning comes a minute before)\n", *idle)
		return exitUsage
	}
	name := *roomName
	if name == "" {
		name = time.Now().Format("2006-01-02")
	}
	if !room.ValidRoomName(name) {
		fmt.Fprintf(env.Stderr, "frontline serve: --room %q: use letters, digits, '.', '-' and '_' (at most 64, starting with a letter or digit)\n", name)
		return exitUsage
	}
	lib, err := env.LoadLibrary()
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline serve: %v\n", err)
		return exitFailure
	}
	dataDir, err := progress.Folder(env.DataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline serve: --data: %v\n", err)
		return exitFailure
	}
	// Exams in the room are sealed as they are on this computer: with its
	// issuer key if it has one, else as self-study records.
	key, err := app.IssuerKey(env.DataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline serve: %v\n", err)
		return exitFailure
	}
	logger, closeLog := serveLog(dataDir, name)
	defer closeLog()
	srv, err := room.NewServer(room.Config{
		Listen: *listen,
		Room: room.RoomConfig{
			Name: name, DataDir: dataDir, Library: lib, Theme: env.Theme, MaxSeats: *maxSessions, Log: logger,
			Seal: app.Sealer(key), Signed: key != nil,
		},
		Idle:           *idle,
		AuthorizedKeys: *keys,
		Log:            logger,
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline serve: %v\n", err)
		return exitFailure
	}
	for _, p := range srv.KeyProblems {
		fmt.Fprintf(env.Stderr, "frontline serve: %s\n", p)
	}
	if err := srv.Listen(); err != nil {
		_ = srv.Close()
		fmt.Fprintf(env.Stderr, "frontline serve: %v\n", err)
		return exitFailure
	}
	printServeBanner(env.Stdout, srv, dataDir)

	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	events, stopEvents := srv.Room().Subscribe(256)
	defer stopEvents()
	go followRoom(env.Stderr, events)

	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	select {
	case err := <-served:
		_ = srv.Close()
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline serve: %v\n", err)
			return exitFailure
		}
		return exitOK
	case <-sigs:
	}
	fmt.Fprintln(env.Stderr, "frontline serve: ending the workshop (press ctrl+c again to stop at once)")
	ctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	ended := make(chan error, 1)
	go func() { ended <- srv.Shutdown(ctx) }()
	select {
	case err := <-ended:
		<-served
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline serve: %v\n", err)
			return exitFailure
		}
		fmt.Fprintln(env.Stderr, "frontline serve: the workshop has ended; every acknowledged answer is saved.")
		return exitOK
	case <-sigs:
		_ = srv.Close()
		fmt.Fprintln(env.Stderr, "frontline serve: stopped at once; answers already acknowledged are saved.")
		return exitFailure
	}
}

// serveLog opens the server's diagnostic log in the room's folder.
func serveLog(dataDir, name string) (*log.Logger, func()) {
	dir := room.RoomDir(dataDir, name)
	if err := progress.EnsureDir(dir); err != nil {
		return log.New(io.Discard, "", 0), func() {}
	}
	f, err := os.OpenFile(filepath.Join(dir, "serve.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return log.New(io.Discard, "", 0), func() {}
	}
	return log.New(f, "", log.LstdFlags), func() { _ = f.Close() }
}

// printServeBanner tells the trainer what to put on the projector.
func printServeBanner(w io.Writer, srv *room.Server, dataDir string) {
	fmt.Fprintf(w, "frontline workshop room %q is open.\n\n", srv.Room().Name())
	fmt.Fprintln(w, "Trainees open a terminal and type:")
	for _, c := range room.JoinCommands(srv.Addr()) {
		fmt.Fprintf(w, "    %s\n", c)
	}
	fmt.Fprintf(w, "\nRoom code:  %s\n", srv.Code())
	fmt.Fprintf(w, "Host key:   %s\n", srv.Fingerprint())
	fmt.Fprintln(w, "            ssh shows this the first time: it must match.")
	if srv.HostKeyCreated {
		fmt.Fprintf(w, "            (new: made in %s)\n", filepath.Join(dataDir, room.HostKeyFile))
	}
	if srv.HostKeyTightened {
		fmt.Fprintln(w, "            (its file was readable by others; it is now yours only)")
	}
	fmt.Fprintf(w, "\nProgress is kept in %s\n", srv.Room().Dir())
	fmt.Fprintln(w, "Press ctrl+c to end the workshop: everyone is told, progress is saved.")
	fmt.Fprintln(w)
}

// followRoom prints who joins, drops, comes back and leaves.
func followRoom(w io.Writer, events <-chan room.Event) {
	for e := range events {
		m := e.Member
		var what string
		switch e.Kind {
		case room.EventJoined:
			what = fmt.Sprintf("%s (%s) joined", m.Name, m.Role.Label())
		case room.EventRejoined:
			what = m.Name + " came back"
		case room.EventDropped:
			what = m.Name + " dropped (" + e.Detail + ")"
		case room.EventLeft:
			what = m.Name + " left (" + e.Detail + ")"
		case room.EventRefused:
			what = "refused " + m.Name + ": " + e.Detail
		case room.EventCompleted:
			what = fmt.Sprintf("%s completed a module (%d so far)", m.Name, m.Completed)
		default:
			continue
		}
		fmt.Fprintf(w, "%s  %s\n", e.At.Format("15:04:05"), strings.TrimSpace(what))
	}
}
