//go:build unix

package atomicfile

import "syscall"

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }

// mknodNull makes a character device like /dev/null (major 1, minor 3).
func mknodNull(path string) error {
	return syscall.Mknod(path, syscall.S_IFCHR|0o600, 1<<8|3)
}
