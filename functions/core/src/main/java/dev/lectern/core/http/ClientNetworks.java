package dev.lectern.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The client's network as throttles count it (sign-in attempts, anonymous behaviour events): an
 * IPv4 address, or the /64 prefix of an IPv6 address (a subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would let one client rotate through billions of them). Only IP
 * literals are parsed, so that InetAddress never resolves a name; anything else counts as one
 * "unknown" network. Callers store a hash of it, never the address.
 */
public final class ClientNetworks {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientNetworks() {
    }

    public static String of(String sourceIp) {
        if (sourceIp == null || !IP_LITERAL.matcher(sourceIp).matches()) {
            return "unknown";
        }
        if (sourceIp.indexOf(':') < 0) {
            return sourceIp;
        }
        try {
            byte[] address = InetAddress.getByName(sourceIp).getAddress();
            if (address.length == 4) {
                return InetAddress.getByAddress(address).getHostAddress(); // an IPv4-mapped IPv6 address
            }
            return HexFormat.of().formatHex(address, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
