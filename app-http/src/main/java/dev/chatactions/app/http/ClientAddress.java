package dev.chatactions.app.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is asking, for per-client limits: the connection's peer address, or, when that peer is a
 * trusted reverse proxy ({@code CHAT_TRUSTED_PROXIES}), the address that proxy appended last to
 * {@code X-Forwarded-For}. A client cannot choose its own identity by sending the header itself.
 * An IPv6 client counts as its /64 network, since one host commonly holds a whole /64.
 */
final class ClientAddress {

    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f.]{0,15}){2,8}");

    private ClientAddress() {}

    static String of(ServerRequest req, Set<String> trustedProxies) {
        String peer = peer(req.remotePeer().address());
        if (!trustedProxies.contains(peer) || !req.headers().contains(FORWARDED_FOR)) {
            return network(peer);
        }
        List<String> values = req.headers().get(FORWARDED_FOR).allValues();
        String last = values.get(values.size() - 1);
        String[] hops = last.split(",");
        String client = hops[hops.length - 1].strip();
        return network(client.isEmpty() ? peer : normalised(client));
    }

    /** An IPv6 address's /64 ({@code 2001:db8:0:1::/64}); anything else as it is. */
    private static String network(String address) {
        if (!IPV6.matcher(address).matches()) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** A literal IPv4 or IPv6 address: {@link InetAddress#getByName} parses it without any name lookup. */
    static boolean isLiteral(String text) {
        return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
    }

    /** One spelling per address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike); anything else as it is. */
    static String normalised(String text) {
        if (!isLiteral(text)) {
            return text;
        }
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            return text;
        }
    }
}
