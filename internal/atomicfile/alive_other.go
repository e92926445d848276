//go:build !unix

package atomicfile

import "os"

// processRunning reports whether a process with this id exists, where the
// platform can tell; elsewhere it says yes and Clean relies on the age.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
