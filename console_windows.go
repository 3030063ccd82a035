package main

import (
	"os"
	"syscall"
)

// attachConsole gives the command line a console on Windows. The release
// .exe is a GUI program (no console window opens behind the map), so
// Windows gives it no standard output: `reachmap.exe version` typed in a
// console would print nothing. It attaches to the console of the program
// that started it, and writes there unless output is already redirected
// to a file or a pipe.
func attachConsole() {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if proc.Find() != nil {
		return
	}
	if r, _, _ := proc.Call(attachParentProcess); r == 0 {
		return // started from Explorer: no console to attach to
	}
	for _, s := range []struct {
		std  int
		file **os.File
		mode int
	}{
		{syscall.STD_OUTPUT_HANDLE, &os.Stdout, os.O_WRONLY},
		{syscall.STD_ERROR_HANDLE, &os.Stderr, os.O_WRONLY},
		{syscall.STD_INPUT_HANDLE, &os.Stdin, os.O_RDONLY},
	} {
		if h, err := syscall.GetStdHandle(s.std); err == nil && h != 0 && h != syscall.InvalidHandle {
			continue // redirected: keep it
		}
		name := "CONOUT$"
		if s.mode == os.O_RDONLY {
			name = "CONIN$"
		}
		if f, err := os.OpenFile(name, os.O_RDWR, 0); err == nil {
			*s.file = f
		}
	}
}
