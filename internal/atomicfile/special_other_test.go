//go:build !unix

package atomicfile

import "errors"

func mkfifo(string) error    { return errors.ErrUnsupported }
func mknodNull(string) error { return errors.ErrUnsupported }
