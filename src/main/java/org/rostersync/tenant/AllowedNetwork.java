package org.rostersync.tenant;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A network an SFTP account may log in from, in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a bare
 * address is the network of that one address. Only literal addresses are taken: a host name would make the allow-list
 * depend on DNS at every login.
 */
public record AllowedNetwork(InetAddress network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static AllowedNetwork parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        String literal = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = literal(literal, text);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = trimmed.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        AllowedNetwork network = new AllowedNetwork(masked(address, prefix), prefix);
        if (!network.network().equals(address)) {
            throw new IllegalArgumentException("'" + text + "' has address bits set past the prefix; the network is " + network);
        }
        return network;
    }

    /** Whether the address lies in this network (an IPv4 address never lies in an IPv6 network, nor the reverse). */
    public boolean contains(InetAddress address) {
        InetAddress plain = unmapped(address);
        return plain.getAddress().length == network.getAddress().length && masked(plain, prefix).equals(network);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }

    private static InetAddress literal(String literal, String text) {
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address or network (e.g. 203.0.113.0/24)");
        }
        try {
            // a literal is parsed without any name lookup
            return unmapped(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address or network (e.g. 203.0.113.0/24)");
        }
    }

    /** An IPv4 client seen through an IPv6 socket ({@code ::ffff:a.b.c.d}) is the IPv4 address. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
