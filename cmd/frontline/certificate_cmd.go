package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frontline/internal/app"
	"frontline/internal/atomicfile"
	"frontline/internal/certificate"
	"frontline/internal/content"
	"frontline/internal/plain"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
	"frontline/internal/room"
)

// formatFor picks the format from --format, else from the file name.
func formatFor(format, file string) string {
	switch strings.ToLower(format) {
	case "pdf":
		return certificate.FormatPDF
	case "md", "markdown":
		return certificate.FormatMarkdown
	case "txt", "text":
		return certificate.FormatText
	case "":
	default:
		return strings.ToLower(format)
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".pdf":
		return certificate.FormatPDF
	case ".md", ".markdown":
		return certificate.FormatMarkdown
	}
	return certificate.FormatText
}

// runCertificate writes the certificate of the learner's best passed exam
// at a module; "certificate verify" checks one.
func runCertificate(env *Env, args []string) int {
	if len(args) > 0 && args[0] == "verify" {
		return runCertificateVerify(env, args[1:])
	}
	fs := newFlagSet(env, "certificate", "certificate --profile NAME --module MODULE [--room ROOM] [-o FILE] [--format pdf|md|txt] [--self-study]\n       frontline certificate verify FILE|CODE [--room ROOM] [--issuer 'KEY LINE'] [--trusted FILE]")
	moduleID := fs.String("module", "", "the `MODULE` whose exam was passed")
	out := fs.String("o", "", "write to `FILE` (format from its extension: .pdf, .md, else text); default: standard output")
	format := fs.String("format", "", "`FORMAT`: pdf, md or txt (default: from -o, else txt)")
	selfStudy := fs.Bool("self-study", false, "write a self-study record (not signed) even where this computer has an issuer key")
	roomName := fs.String("room", "", "the learner took the exam in workshop room `ROOM` (frontline serve --room) on this computer")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if *moduleID == "" && len(pos) == 1 {
		*moduleID = pos[0]
	} else if len(pos) > 0 || *moduleID == "" {
		fs.Usage()
		return exitUsage
	}
	f := formatFor(*format, *out)
	switch f {
	case certificate.FormatPDF, certificate.FormatMarkdown, certificate.FormatText:
	default:
		fmt.Fprintf(env.Stderr, "frontline: certificate: unknown format %q: use pdf, md or txt\n", f)
		return exitUsage
	}
	if f == certificate.FormatPDF && *out == "" {
		fmt.Fprintln(env.Stderr, "frontline: certificate: a PDF needs a file: add -o certificate.pdf")
		return exitUsage
	}
	if env.Profile == "" {
		fmt.Fprintln(env.Stderr, "frontline: certificate: say whose certificate it is with --profile NAME")
		return exitUsage
	}
	dir, err := progress.Folder(env.DataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: certificate: --data: %v\n", err)
		return exitFailure
	}
	key, err := certificate.LoadKey(dir)
	if errors.Is(err, certificate.ErrNoKey) {
		key = nil
	} else if err != nil {
		// A key that is there but unusable must not quietly turn a
		// certificate into a self-study record.
		fmt.Fprintf(env.Stderr, "frontline: certificate: %v\n", err)
		return exitFailure
	}
	if *roomName != "" {
		// The room's records, signed with this computer's key.
		rdir, err := roomFolder(dir, *roomName)
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline: certificate: --room: %v\n", err)
			return exitFailure
		}
		env.DataDir = rdir
	}
	lib, store, ok := env.openLibraryAndStore()
	if !ok {
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // read only
	m, ok := lib.Module(*moduleID)
	if !ok {
		return env.fail(fmt.Errorf("certificate: --module %s: %w", *moduleID, plain.UnknownError("module", *moduleID, plain.ModuleIDs(lib))))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := writeCertificate(ctx, env.Stdout, env.Stderr, store, lib, key, certificate.Request{
		Learner: env.Profile, ModuleID: *moduleID, SelfStudy: *selfStudy, Now: time.Now(),
	}, f, *out); err != nil {
		if errors.Is(err, certificate.ErrNoPass) {
			// Said here, with a command that works when pasted.
			err = fmt.Errorf("%s has not passed the exam of “%s” yet; take it with: %s", env.Profile, plain.ToText(m.Title), env.command("exam", m.ID, "--profile", env.Profile))
		}
		fmt.Fprintf(env.Stderr, "frontline: certificate: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// writeCertificate issues the certificate asked for and writes it to file,
// or to w when file is "". What it did, and any notes, go to msgs.
func writeCertificate(ctx context.Context, w, msgs io.Writer, store progress.Store, lib *content.Library, key *certificate.Key, r certificate.Request, format, file string) error {
	issued, err := certificate.Issue(ctx, store, lib, key, r)
	if err != nil {
		return err
	}
	s := issued.Statement
	data, err := s.Render(format)
	if errors.Is(err, certificate.ErrUnprintable) {
		stem := strings.TrimSuffix(file, filepath.Ext(file))
		return fmt.Errorf("%w.\nWrite it as Markdown or text instead: -o %s.md or -o %s.txt", err, stem, stem)
	}
	if err != nil {
		return err
	}
	var say io.Writer = msgs
	if file == "" {
		if _, err := w.Write(data); err != nil {
			return err
		}
	} else {
		// A reader never sees half a certificate: the old file or the new
		// one. Temp files of a certificate write that was killed go first.
		_, _ = atomicfile.Clean(filepath.Dir(file), atomicfile.TempPattern)
		if err := atomicfile.Write(file, 0o600, func(fw io.Writer) error {
			_, err := fw.Write(data)
			return err
		}); err != nil {
			return err
		}
		say = w
		if s.Kind == certificate.Signed {
			fmt.Fprintf(w, "Wrote the certificate for %s, %s, to %s.\nSigned by %s.\nVerification code: %s\n", s.Learner, s.ModuleTitle, file, s.IssuerText(), s.Code())
		} else {
			fmt.Fprintf(w, "Wrote a self-study record for %s, %s, to %s.\nRecord code: %s\n", s.Learner, s.ModuleTitle, file, s.Code())
		}
	}
	if s.Kind != certificate.Signed {
		if key == nil {
			fmt.Fprintln(say, "This is a self-study record, not checked by a trainer: this computer has no issuer key, so nobody signed it. A certificate that others can check is signed where a trainer's exams run (see docs/certificates.md).")
		} else {
			fmt.Fprintln(say, "This is a self-study record, not checked by a trainer, as asked with --self-study.")
		}
	}
	for _, n := range issued.Notes {
		fmt.Fprintln(say, "Note: "+n)
	}
	return nil
}

// runCertificateVerify checks a certificate file, its statement's text or
// a code, and exits 0 (valid), 1 (not valid) or 3 (could not be verified,
// self-study records included).
func runCertificateVerify(env *Env, args []string) int {
	fs := newFlagSet(env, "certificate verify", "certificate verify FILE|CODE [--issuer 'KEY LINE'] [--trusted FILE]\n\nFILE is a certificate (.txt, .md or .pdf), or the text of its statement (- reads it from standard input).\nA CODE alone can be checked only against the records of the computer where the certificate was made.\nExit status: 0 valid, 1 not valid, 3 not verified (no trusted key, a self-study record, or a code that cannot be looked up here).")
	var issuers, trustedFiles stringList
	fs.Var(&issuers, "issuer", "trust this issuer: its public key `LINE` (frontline-issuer/1 …), as the issuer gave it; repeatable")
	fs.Var(&trustedFiles, "trusted", "trust the issuers listed in `FILE`, one public key line each; repeatable")
	roomName := fs.String("room", "", "check against the records of workshop room `ROOM` on this computer")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	arg := pos[0]

	// This computer's own trust comes too: its trusted issuers file and
	// its issuer key.
	dir, err := progress.Folder(env.DataDir)
	if err != nil {
		return env.fail(fmt.Errorf("certificate verify: --data: %w", err))
	}
	trusted, key, warnings, err := certificate.Trust(dir, issuers, trustedFiles)
	if err != nil {
		return env.fail(usageErr{fmt.Errorf("certificate verify: %w", err)})
	}
	for _, w := range warnings {
		fmt.Fprintf(env.Stderr, "frontline: certificate verify: %v (skipped)\n", w)
	}
	local := certificate.Local{Key: key}
	// The records of this computer (or of one of its workshop rooms), where
	// there are any: never created here, so checking on a second machine
	// leaves no database behind.
	records := dir
	if *roomName != "" {
		rdir, err := roomFolder(dir, *roomName)
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline: certificate verify: --room: %v\n", err)
			return exitFailure
		}
		records = rdir
	}
	if _, err := os.Stat(filepath.Join(records, sqlite.FileName)); err == nil {
		store, err := app.OpenStore(records)
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline: certificate verify: the records of this computer are not used: %v\n", err)
		} else {
			defer store.Close() //nolint:errcheck // read only
			reportStatus(env.Stderr, store.Status())
			local.Store = store
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	var v certificate.Verdict
	data, what, err := readCertificateArg(env, arg)
	switch {
	case err == nil:
		s, perr := certificate.Read(data)
		if perr != nil {
			fmt.Fprintf(env.Stdout, "NOT VALID: %s: %v\n", what, perr)
			return exitFailure
		}
		v = certificate.Verify(s, trusted)
		err = local.CheckRecords(ctx, &v)
	case errors.Is(err, iofs.ErrNotExist) && certificate.NormalizeCode(arg) != "":
		if local.Store != nil {
			local.Library, _ = env.LoadLibrary()
		}
		v, err = certificate.VerifyCode(ctx, arg, trusted, local)
	case errors.Is(err, iofs.ErrNotExist):
		fmt.Fprintf(env.Stderr, "frontline: certificate verify: %s is neither a file nor a certificate code (12 letters and digits, like 7KQM-3XRT-9HWA)\n", arg)
		return exitUsage
	default:
		fmt.Fprintf(env.Stderr, "frontline: certificate verify: %v\n", err)
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: certificate verify: %v\n", err)
		return exitFailure
	}
	fmt.Fprint(env.Stdout, v.String())
	return v.Status.ExitCode()
}

// roomFolder is the folder of workshop room name in the data folder dir;
// a room that was never opened is an error naming the rooms there are.
func roomFolder(dir, name string) (string, error) {
	if _, err := room.ReadRoster(dir, name); err != nil {
		return "", err
	}
	return room.RoomDir(dir, name), nil
}

// readCertificateArg reads FILE, or standard input for "-", and names it
// for messages. A missing file gives an error wrapping fs.ErrNotExist.
func readCertificateArg(env *Env, arg string) ([]byte, string, error) {
	if arg == "-" {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, certificate.MaxInput+1))
		if err != nil {
			return nil, "", fmt.Errorf("read standard input: %w", err)
		}
		return b, "standard input", nil
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return nil, "", err
	}
	if !fi.Mode().IsRegular() {
		return nil, "", fmt.Errorf("%s is not a regular file", arg)
	}
	f, err := os.Open(arg)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, certificate.MaxInput+1))
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", arg, err)
	}
	return b, arg, nil
}
