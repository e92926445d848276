package main

import (
	"fmt"

	"frontline/internal/progress"
)

// Commands that are not built yet say so plainly and exit 1.
//
// EACH FUNCTION HERE IS A PLACEHOLDER: whoever defines one of these names in
// its own file deletes it from this file in the same change.

func notYet(env *Env, what string) int {
	fmt.Fprintf(env.Stderr, "frontline: %s is not available yet in this version\n", what)
	return exitFailure
}

func runApp(env *Env, args []string) int         { return notYet(env, "the training app") }
func runRead(env *Env, args []string) int        { return notYet(env, "'read'") }
func runQuiz(env *Env, args []string) int        { return notYet(env, "'quiz'") }
func runScenario(env *Env, args []string) int    { return notYet(env, "'scenario'") }
func runExam(env *Env, args []string) int        { return notYet(env, "'exam'") }
func runProgress(env *Env, args []string) int    { return notYet(env, "'progress'") }
func runCertificate(env *Env, args []string) int { return notYet(env, "'certificate'") }

// OpenStore opens the learner's progress store in DataDir.
func (e *Env) OpenStore() (progress.Store, error) {
	return nil, fmt.Errorf("progress store is not available yet: %w", progress.ErrNotSaved)
}
