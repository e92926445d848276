package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"frontline/internal/certificate"
	"frontline/internal/progress"
)

const issuerUsage = `issuer init --name "NAME" [--force] | issuer show | issuer trust 'KEY LINE'

  init   create this computer's issuer key (a trainer's or organisation's);
         exams submitted here are then sealed with it and certificates signed
  show   print the public key line to publish or hand to employers
  trust  trust another issuer's public key line when verifying here`

// runIssuer manages the issuer key that signs certificates and the issuers
// this computer trusts.
func runIssuer(env *Env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "init":
			return runIssuerInit(env, args[1:])
		case "show":
			return runIssuerShow(env, args[1:])
		case "trust":
			return runIssuerTrust(env, args[1:])
		}
	}
	fs := newFlagSet(env, "issuer", issuerUsage)
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	fs.Usage()
	return exitUsage
}

func runIssuerInit(env *Env, args []string) int {
	fs := newFlagSet(env, "issuer init", `issuer init --name "NAME" [--force]`)
	name := fs.String("name", "", "the issuer's `NAME` as certificates show it: a trainer, or an organisation")
	force := fs.Bool("force", false, "replace an existing key (the old one is kept aside, renamed)")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 || strings.TrimSpace(*name) == "" {
		fs.Usage()
		return exitUsage
	}
	dir, err := progress.Folder(env.DataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: issuer init: --data: %v\n", err)
		return exitFailure
	}
	key, moved, err := certificate.CreateKey(dir, *name, *force, rand.Reader, time.Now())
	if errors.Is(err, certificate.ErrKeyExists) {
		old := ""
		if k, lerr := certificate.LoadKey(dir); lerr == nil {
			old = fmt.Sprintf(" (%s, key %s)", k.Name, k.ID())
		}
		fmt.Fprintf(env.Stderr, "frontline: issuer init: this computer already has an issuer key%s in %s.\n", old, certificate.KeyFile(dir))
		fmt.Fprintln(env.Stderr, "To replace it, run again with --force: the old key is kept aside, certificates it signed still verify with its public key line, and everyone who trusts it must be given the new line.")
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: issuer init: %v\n", err)
		return exitFailure
	}
	w := env.Stdout
	fmt.Fprintf(w, "Created the issuer key of %s in %s (readable by you alone).\n", key.Name, certificate.KeyFile(dir))
	if moved != "" {
		fmt.Fprintf(w, "The old key was moved to %s. Certificates it signed still verify with its public key line.\n", moved)
	}
	fmt.Fprintln(w, "Keep the key secret, and a copy somewhere safe and offline: anyone who has it can sign certificates in this name.")
	fmt.Fprintln(w, "\nThe public key line, to publish or hand to employers who check certificates:")
	fmt.Fprintln(w, key.Line())
	fmt.Fprintln(w, "\nExams submitted on this computer from now on are sealed with this key, and 'frontline certificate' signs them.")
	return exitOK
}

func runIssuerShow(env *Env, args []string) int {
	fs := newFlagSet(env, "issuer show", "issuer show")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fs.Usage()
		return exitUsage
	}
	dir, err := progress.Folder(env.DataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: issuer show: --data: %v\n", err)
		return exitFailure
	}
	key, err := certificate.LoadKey(dir)
	if errors.Is(err, certificate.ErrNoKey) {
		fmt.Fprintf(env.Stderr, "frontline: issuer show: this computer has no issuer key (%s): a trainer creates one with 'frontline issuer init --name NAME'\n", certificate.KeyFile(dir))
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: issuer show: %v\n", err)
		return exitFailure
	}
	fmt.Fprintln(env.Stdout, key.Line())
	return exitOK
}

func runIssuerTrust(env *Env, args []string) int {
	fs := newFlagSet(env, "issuer trust", "issuer trust 'KEY LINE'\n\nAdds an issuer's public key line, as the issuer gave it (not as a certificate shows it), to this computer's trusted issuers.")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	p, err := certificate.ParsePublicKey(strings.Join(pos, " "))
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: issuer trust: %v\n", err)
		return exitUsage
	}
	dir, err := progress.Folder(env.DataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: issuer trust: --data: %v\n", err)
		return exitFailure
	}
	added, err := certificate.AddTrusted(dir, p)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: issuer trust: %v\n", err)
		return exitFailure
	}
	if !added {
		fmt.Fprintf(env.Stdout, "Already trusted: %s (key %s).\n", p.Name, p.ID())
		return exitOK
	}
	fmt.Fprintf(env.Stdout, "Trusted: %s (key %s), in %s.\nCertificates signed with this key now verify on this computer.\n", p.Name, p.ID(), certificate.TrustedFile(dir))
	return exitOK
}
