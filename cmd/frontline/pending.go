package main

import "fmt"

// Commands that are not built yet say so plainly and exit 1.
//
// EACH FUNCTION HERE IS A PLACEHOLDER: whoever defines one of these names in
// its own file deletes it from this file in the same change.

func notYet(env *Env, what string) int {
	fmt.Fprintf(env.Stderr, "frontline: %s is not available yet in this version\n", what)
	return exitFailure
}
