package room

import (
	"net"
	"sort"
	"strconv"
)

// JoinCommands are the commands trainees type to reach a server listening
// on addr: one per address of this machine on the local network when addr
// is every interface, otherwise the one address. Loopback addresses are
// left out unless nothing else is there.
func JoinCommands(addr net.Addr) []string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return nil
	}
	var hosts []string
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		hosts = lanAddresses()
	} else if !tcp.IP.IsLoopback() {
		hosts = []string{tcp.IP.String()}
	}
	if len(hosts) == 0 {
		hosts = []string{"localhost"}
	}
	out := make([]string, 0, len(hosts))
	for _, h := range hosts {
		out = append(out, sshCommand(h, tcp.Port))
	}
	return out
}

func sshCommand(host string, port int) string {
	if port == 22 {
		return "ssh " + host
	}
	return "ssh -p " + strconv.Itoa(port) + " " + host
}

// lanAddresses lists this machine's addresses that others on the network
// can reach: IPv4 first, then global IPv6; no loopback or link-local.
func lanAddresses() []string {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var v4, v6 []string
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsMulticast() {
				continue
			}
			if ip4 := n.IP.To4(); ip4 != nil {
				v4 = append(v4, ip4.String())
			} else if n.IP.IsGlobalUnicast() {
				v6 = append(v6, n.IP.String())
			}
		}
	}
	sort.Strings(v4)
	sort.Strings(v6)
	return append(v4, v6...)
}
